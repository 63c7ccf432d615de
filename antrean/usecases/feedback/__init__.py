"""Use cases: feedback."""
