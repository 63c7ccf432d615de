"""Execution options the engine's connection events read (db.engine)."""

# A transaction that only reads: on SQLite a deferred BEGIN, so the queue goes on writing.
READ_ONLY_OPTION = "antrean_read_only"
# The PostgreSQL schema an office of a deployment keeps its tables in (db.office_databases);
# absent: the root office's, `public`.
SCHEMA_OPTION = "antrean_schema"
ROOT_SCHEMA = "public"
