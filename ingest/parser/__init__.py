"""The structure-aware plan parser."""
