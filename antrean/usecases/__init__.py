"""Application layer: the only place that opens transactions and publishes events."""
