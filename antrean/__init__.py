"""Antrean: electronic queue management for Indonesian public-service offices."""
