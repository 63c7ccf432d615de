"""Database triggers that note every change of the event log in `report_changes`.

A trigger, not application code, so that nothing changes a day's events unnoticed: not the use
cases, not a bulk load, not a correction made by hand in psql. Each insert, update or delete of
a `ticket_events` row adds a row naming its office-local day, in the same transaction: cheap
(one small insert, run inside the database) and without locks that would make two loket wait
for each other.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

SQLITE_TRIGGERS = {
    "trg_ticket_events_insert_report": """
        CREATE TRIGGER trg_ticket_events_insert_report AFTER INSERT ON ticket_events
        BEGIN INSERT INTO report_changes (day) VALUES (NEW.local_day); END""",
    "trg_ticket_events_update_report": """
        CREATE TRIGGER trg_ticket_events_update_report AFTER UPDATE ON ticket_events
        BEGIN
            INSERT INTO report_changes (day) VALUES (OLD.local_day);
            INSERT INTO report_changes (day) VALUES (NEW.local_day);
        END""",
    "trg_ticket_events_delete_report": """
        CREATE TRIGGER trg_ticket_events_delete_report AFTER DELETE ON ticket_events
        BEGIN INSERT INTO report_changes (day) VALUES (OLD.local_day); END""",
}

POSTGRES_TRIGGER = "trg_ticket_events_report"
POSTGRES_FUNCTION = """
    CREATE OR REPLACE FUNCTION antrean_note_report_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO report_changes (day) VALUES (OLD.local_day);
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO report_changes (day) VALUES (NEW.local_day);
        END IF;
        RETURN NULL;
    END $$"""
POSTGRES_CREATE = f"""
    CREATE TRIGGER {POSTGRES_TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON ticket_events
    FOR EACH ROW EXECUTE FUNCTION antrean_note_report_change()"""


def install(connection: Connection) -> list[str]:
    """Create the missing triggers; returns what it ran. The caller's transaction holds it.

    A database made before the triggers existed has events no change row names: every day
    with events is noted once, so the first report rolls it up from the log.
    """
    if connection.dialect.name == "postgresql":
        missing = _postgres_missing(connection)
    else:
        missing = _sqlite_missing(connection)
    if missing:
        connection.execute(text(
            "INSERT INTO report_changes (day) SELECT DISTINCT local_day FROM ticket_events"))
        missing.append("noted every day of the existing event log in report_changes")
    return missing


def _sqlite_missing(connection: Connection) -> list[str]:
    existing = set(connection.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    created = []
    for name, statement in SQLITE_TRIGGERS.items():
        if name not in existing:
            connection.execute(text(statement))
            created.append(f"CREATE TRIGGER {name}")
    return created


def _postgres_missing(connection: Connection) -> list[str]:
    exists = connection.execute(text(
        # This schema's table only: each office of a deployment has its own (office_databases).
        "SELECT 1 FROM pg_trigger WHERE tgname = :name AND NOT tgisinternal "
        "AND tgrelid = to_regclass('ticket_events')"),
        {"name": POSTGRES_TRIGGER}).first()
    if exists:
        return []
    connection.execute(text(POSTGRES_FUNCTION))
    connection.execute(text(POSTGRES_CREATE))
    return [f"CREATE TRIGGER {POSTGRES_TRIGGER}"]
