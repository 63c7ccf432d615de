"""Paper tickets: queued in the issuing transaction, printed after it, reprintable."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from antrean.core.errors import invalid, not_found
from antrean.db import print_jobs, queries
from antrean.db.models import Ticket
from antrean.db.printing_models import PrintJob
from antrean.printing import Printer, PrinterError, TicketSlip
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.ticket_view import ticket_view, wait_label
from antrean.usecases.shapes import PrintStatus, TicketView

log = logging.getLogger(__name__)

STATUS_MESSAGES = {
    "pending": "Tiket sedang dicetak.",
    "printed": "Tiket sudah dicetak. Silakan ambil di bawah layar.",
    "failed": "Printer bermasalah. Silakan foto layar ini atau minta bantuan petugas.",
}


def printing_enabled(office: Office) -> bool:
    return office.settings.printer.kind != "none"


def queue_print(session: Session, office: Office, ticket: Ticket, base_url: str,
                requested_by: int | None = None, reprint: bool = False) -> PrintJob:
    """Add the job inside the caller's transaction: ticket and job commit together."""
    job = PrintJob(ticket_id=ticket.id, status="pending", base_url=base_url.rstrip("/"),
                   reprint=reprint, requested_by=requested_by, created_at=office.now())
    session.add(job)
    session.flush()
    return job


def tracking_url(base_url: str, public_id: str) -> str:
    return f"{base_url.rstrip('/')}/t/{public_id}"


def slip_for(session: Session, office: Office, ticket: Ticket, base_url: str) -> TicketSlip:
    view = ticket_view(session, office, ticket)
    return TicketSlip(
        office_name=office.settings.office.name,
        office_address=office.settings.office.address,
        counters=", ".join(office.settings.counter_voice(counter.number).display
                           for counter in office.settings.counters
                           if ticket.service_code in counter.services),
        number=ticket.number,
        service_name=view["service_name"],
        agency_name=view["agency_name"] or "",
        issued_date=office.clock.format_date(ticket.issued_at),
        issued_time=office.clock.format_time(ticket.issued_at),
        ahead=view["ahead"],
        estimated_wait=wait_label(view["ahead"], view["estimated_wait_seconds"]),
        # No address for phones configured: the ticket prints without a QR code.
        tracking_url=tracking_url(base_url, ticket.public_id) if base_url else "",
        footer=office.settings.ticket.footer,
        priority_label=_priority_line(view),
    )


def _priority_line(view: TicketView) -> str | None:
    """ "PRIORITAS: Lanjut usia (60+)", saying so while a greeter has yet to confirm it."""
    if not view["priority_label"]:
        return None
    pending = " (menunggu konfirmasi petugas)" if view["priority_check"] == "pending" else ""
    return f"PRIORITAS: {view['priority_label']}{pending}"


def run_print_job(office: Office, printer: Printer, job_id: int) -> None:
    """Print one job and record the outcome; a failure is logged and kept for the admin."""
    with office.transaction() as session:
        job = session.get(PrintJob, job_id)
        if job is None or job.status != "pending":
            return
        slip = slip_for(session, office, job.ticket, job.base_url)
    error: str | None = None
    try:
        printer.print_slip(slip)
    except PrinterError as exc:
        error = exc.message
        log.warning("printing %s failed: %s", slip.number, error)
    _finish_job(office, job_id, error)


def _finish_job(office: Office, job_id: int, error: str | None) -> None:
    with office.transaction() as session:
        job = session.get(PrintJob, job_id)
        assert job is not None
        job.status = "failed" if error else "printed"
        job.error = error
        job.finished_at = office.now()
        payload = print_status_view(job)
    office.publish([QueueEvent(EventKind.PRINT, extra=dict(payload))])


def print_status_view(job: PrintJob) -> PrintStatus:
    """What every screen on the live feed hears: the job, never the ticket's secret id (the
    kiosk that issued the ticket knows its job from the issue answer)."""
    return {
        "job": job.id,
        "number": job.ticket.number,
        "status": job.status,
        "message": STATUS_MESSAGES[job.status],
        "error": job.error,
    }


def latest_print_status(session: Session, ticket: Ticket) -> PrintStatus | None:
    """The newest print job of a ticket, for a kiosk that asks again after a lost answer."""
    job = print_jobs.latest_of(session, ticket)
    return print_status_view(job) if job is not None else None


def print_status_of(office: Office, public_id: str) -> dict[str, Any] | None:
    """For the kiosk that issued the ticket: how its paper copy went, without printer details."""
    with office.transaction() as session:
        ticket = queries.ticket_by_public_id(session, public_id)
        if ticket is None:
            raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
        status = latest_print_status(session, ticket)
    if status is None:
        return None
    return {"job": status["job"], "status": status["status"], "message": status["message"]}


def reprint(office: Office, public_id: str, user_id: int | None, base_url: str) -> PrintStatus:
    if not printing_enabled(office):
        raise invalid("no_printer", "Tidak ada printer yang dikonfigurasi.")
    with office.transaction() as session:
        ticket = queries.ticket_by_public_id(session, public_id)
        if ticket is None:
            raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
        job = queue_print(session, office, ticket, base_url, user_id, reprint=True)
        view = print_status_view(job)
    office.print_dispatcher.submit(view["job"])
    return view


def recent_print_jobs(office: Office, failed_only: bool = False,
                      limit: int = 50) -> list[dict[str, Any]]:
    with office.transaction() as session:
        return [
            {**print_status_view(job), "ticket": job.ticket.public_id,
             "created_at": job.created_at.isoformat(),
             "reprint": job.reprint}
            for job in print_jobs.recent(session, failed_only, limit)
        ]


def fail_interrupted_jobs(office: Office) -> int:
    """At start: jobs left pending by a crash are marked failed, so nothing prints hours late."""
    with office.transaction() as session:
        jobs = print_jobs.pending(session)
        for job in jobs:
            job.status, job.error = "failed", "Terputus karena server dimulai ulang."
            job.finished_at = office.now()
        return len(jobs)
