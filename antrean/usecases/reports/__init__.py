"""Use cases: reports."""
