"""Use cases: access."""
