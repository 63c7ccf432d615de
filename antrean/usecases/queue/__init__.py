"""Use cases: queue."""
