"""Complaints: filed by anyone (anonymous allowed), followed by code, answered by the admin.

Only templates read the views (the citizen's /pengaduan/cek, the admin's list and detail), so
they are frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

from sqlalchemy.orm import Session

from antrean.core.complaint_deadline import CHANNELS, due_date, is_overdue
from antrean.core.complaints import (
    CATEGORIES,
    STATUS_LABELS,
    ComplaintForm,
    ComplaintStatus,
    new_tracking_code,
    normalize_tracking_code,
)
from antrean.core.errors import not_found, refused
from antrean.db import complaint_queries
from antrean.db.complaint_models import Complaint, ComplaintReply
from antrean.usecases.context import Office
from antrean.usecases.feedback.complaint_agency import complaint_agency

FLOOD_WINDOW = timedelta(hours=1)
FLOOD_LIMIT = 5  # complaints per sender address per hour


@dataclass(frozen=True)
class ReplyView:
    body: str
    status_label: str
    at_label: str


@dataclass(frozen=True)
class PublicComplaint:
    """What the citizen sees with the code: status and replies, never the name or contact."""

    code: str
    category: str
    category_label: str
    message: str
    ticket_number: str | None
    status: str
    status_label: str
    created_label: str
    created_short: str  # "23/11/2026 09.00", for the admin's list
    updated_label: str
    channel: str
    channel_label: str
    lapor_number: str | None
    due_label: str | None
    answered: bool
    overdue: bool
    replies: list[ReplyView] | None  # None: not loaded (the admin's list)


@dataclass(frozen=True)
class ComplaintView(PublicComplaint):
    """What the admin sees: also who sent it, when they said."""

    name: str | None
    contact: str | None
    agency: str | None  # the instansi it is about (an MPP); None: the office as a whole
    agency_label: str


@dataclass(frozen=True)
class ComplaintList:
    complaints: list[ComplaintView]  # newest first, without their replies
    counts: dict[str, int]  # by ComplaintStatus value, every status
    total: int
    show_agency: bool  # an MPP: which instansi each is about


def file_complaint(office: Office, form: ComplaintForm, client_hash: str) -> str:
    """Store it and return its tracking code; a flood from one address is refused."""
    now = office.now()
    with office.transaction() as session:
        if complaint_queries.filed_since(session, client_hash, now - FLOOD_WINDOW) \
                >= FLOOD_LIMIT:
            raise refused("too_many_complaints",
                          "Terlalu banyak pengaduan dari perangkat ini. Silakan coba lagi "
                          "satu jam lagi, atau gunakan SP4N-LAPOR! (lapor.go.id, SMS 1708).")
        code = _add(session, office, form, "web", None, client_hash)
    return code


def record_complaint(office: Office, form: ComplaintForm, channel: str,
                     lapor_number: str | None) -> str:
    """A complaint that came another way (SP4N-LAPOR!, WhatsApp, the box), entered by the
    admin so its deadline and the monthly recap count it too."""
    with office.transaction() as session:
        return _add(session, office, form, channel, lapor_number, "admin")


def _add(session: Session, office: Office, form: ComplaintForm, channel: str,
         lapor_number: str | None, client_hash: str) -> str:
    now = office.now()
    agency = complaint_agency(office.settings, form)
    code = _unused_code(session)
    filed_on = office.clock.local_day(now)
    session.add(Complaint(
        tracking_code=code, category=form.category, message=form.message, name=form.name,
        contact=form.contact, ticket_number=form.ticket_number,
        status=ComplaintStatus.NEW.value, client_hash=client_hash, created_at=now,
        updated_at=now, channel=channel, lapor_number=lapor_number,
        due_on=due_date(office.settings.calendar, filed_on,
                        office.settings.complaints.response_days),
        agency=agency,
    ))
    return code


def track_complaint(office: Office, code: str) -> PublicComplaint:
    """What the citizen sees with the code: status and replies, never the name or contact."""
    with office.transaction() as session:
        view = complaint_view(office, _by_code(session, code))
    return PublicComplaint(**{field.name: getattr(view, field.name)
                              for field in fields(PublicComplaint)})


def complaint_detail(office: Office, code: str, agency: str | None = None) -> ComplaintView:
    """`agency`: an agency admin's own; another agency's complaint is not found for them."""
    with office.transaction() as session:
        return complaint_view(office, _by_code(session, code, agency=agency))


def list_complaints(office: Office, status: str | None = None, agency: str | None = None,
                    limit: int = 200) -> ComplaintList:
    """Newest first; `agency`: only that agency's complaints (None: the whole office's)."""
    with office.transaction() as session:
        counts = complaint_queries.counts_by_status(session, agency)
        known = status if status in ComplaintStatus._value2member_map_ else None
        rows = [complaint_view(office, c, with_replies=False)
                for c in complaint_queries.newest(session, known, limit, agency)]
    return ComplaintList(
        complaints=rows,
        counts={s.value: int(counts.get(s.value, 0)) for s in ComplaintStatus},
        total=int(sum(counts.values())),
        show_agency=office.settings.has_agencies,
    )


def reply_to_complaint(office: Office, code: str, body: str, status: ComplaintStatus,
                       user_id: int | None, agency: str | None = None) -> ComplaintView:
    now = office.now()
    with office.transaction() as session:
        complaint = _by_code(session, code, lock=True, agency=agency)
        session.add(ComplaintReply(complaint_id=complaint.id, body=body, status=status.value,
                                   user_id=user_id, created_at=now))
        complaint.status = status.value
        complaint.updated_at = now
        if complaint.first_answered_at is None:
            complaint.first_answered_at = now  # the promise is about the first answer
        session.flush()
        session.refresh(complaint)
        return complaint_view(office, complaint)


def complaint_view(office: Office, complaint: Complaint,
                   with_replies: bool = True) -> ComplaintView:
    status = ComplaintStatus(complaint.status)
    clock = office.clock
    return ComplaintView(
        code=complaint.tracking_code,
        category=complaint.category,
        category_label=CATEGORIES.get(complaint.category, complaint.category),
        message=complaint.message,
        name=complaint.name,
        contact=complaint.contact,
        ticket_number=complaint.ticket_number,
        status=status.value,
        status_label=STATUS_LABELS[status],
        created_label=clock.format_moment(complaint.created_at),
        created_short=f"{clock.local(complaint.created_at):%d/%m/%Y %H.%M}",
        updated_label=clock.format_moment(complaint.updated_at),
        channel=complaint.channel,
        channel_label=CHANNELS.get(complaint.channel, complaint.channel),
        lapor_number=complaint.lapor_number,
        agency=complaint.agency,
        agency_label=_agency_label(office, complaint.agency),
        due_label=f"{complaint.due_on:%d/%m/%Y}" if complaint.due_on else None,
        answered=complaint.first_answered_at is not None,
        overdue=is_overdue(complaint.due_on, _answered_on(office, complaint),
                           clock.local_day(office.now())),
        replies=[ReplyView(body=r.body, status_label=STATUS_LABELS[ComplaintStatus(r.status)],
                           at_label=clock.format_moment(r.created_at))
                 for r in complaint.replies] if with_replies else None,
    )


def _agency_label(office: Office, code: str | None) -> str:
    """The instansi's short name; none named: the office as a whole."""
    agency = office.settings.agency(code) if code else None
    if agency is not None:
        return agency.short_name
    return code or "Seluruh kantor"  # an agency removed since keeps its code


def _answered_on(office: Office, complaint: Complaint) -> date | None:
    answered = complaint.first_answered_at
    return office.clock.local_day(answered) if answered else None


def _by_code(session: Session, code: str, lock: bool = False,
             agency: str | None = None) -> Complaint:
    normalized = normalize_tracking_code(code)
    complaint = None
    if normalized is not None:
        complaint = complaint_queries.by_tracking_code(session, normalized, lock)
    if complaint is None or (agency is not None and complaint.agency != agency):
        raise not_found("complaint_not_found",
                        "Kode pengaduan tidak ditemukan. Periksa kembali kode Anda.")
    return complaint


def _unused_code(session: Session) -> str:
    while True:  # a clash is about one in 10^11; the unique constraint guards it anyway
        code = new_tracking_code()
        if not complaint_queries.code_taken(session, code):
            return code
