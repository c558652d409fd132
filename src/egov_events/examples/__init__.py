"""Bundled example events."""
