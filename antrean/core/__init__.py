"""Queue rules in plain Python: no Flask, no SQLAlchemy, no Socket.IO."""
