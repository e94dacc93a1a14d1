"""Errors of the optional phrasing step.

    GenerationError        the endpoint gave no usable text (down, timed out, refused, empty)

Verification failures are not errors: a reply that does not verify is logged and the
extractive answer is kept.
"""

from __future__ import annotations


class GenerationError(Exception):
    """The generator could not produce text; the caller keeps the extractive answer."""
