"""Persistence: SQLAlchemy models, engine set-up and queries. Callers own the session."""
