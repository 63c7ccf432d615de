"""Use cases: screens."""
