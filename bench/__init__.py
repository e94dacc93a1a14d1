"""Benchmarks that print JSON figures (run them with `make bench`)."""
