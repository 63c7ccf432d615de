"""Making, reading and cancelling a booking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from antrean.config import ServiceSettings
from antrean.core.booking import (
    BookingRules,
    BookingSession,
    BookingStatus,
    checkin_window,
    estimated_service_at,
    new_code,
    parse_code,
)
from antrean.core.calendar import local_instant
from antrean.core.clock import format_long_date
from antrean.core.contact import nik_hash, parse_email, parse_name, parse_nik, parse_phone
from antrean.core.days import parse_iso_day
from antrean.core.errors import DomainError, conflict, invalid, not_found, refused
from antrean.core.notices import Notice
from antrean.db import booking_queries
from antrean.db.booking_models import Booking
from antrean.usecases.booking.availability import booking_service, day_refusal, sessions_on
from antrean.usecases.booking.desk import BookingDesk
from antrean.usecases.booking.notices import queue_notice
from antrean.usecases.booking.views import BookingView, booking_view, queue_view
from antrean.usecases.context import Office


@dataclass(frozen=True)
class BookingForm:
    """What the citizen sent, unchecked: from the /ambil form or the API."""

    service: object
    day: object
    session: object
    name: object
    phone: object
    nik: object = None
    email: object = None


@dataclass(frozen=True)
class _Person:
    name: str
    phone: str
    nik_hash: str | None
    nik_last4: str | None
    email: str | None


def parse_day(value: object) -> date:
    if not isinstance(value, str):
        return _bad_day()
    return parse_iso_day(value, "Pilih tanggal yang valid (format YYYY-MM-DD).")


def _bad_day() -> date:
    raise invalid("invalid_date", "Pilih tanggal yang valid (format YYYY-MM-DD).")


def make_booking(desk: BookingDesk, form: BookingForm, base_url: str) -> BookingView:
    """Book a place; the service-day row lock makes counting and taking one step, so the
    last places go to exactly as many people as there are places."""
    office = desk.office
    if not isinstance(form.service, str) or not form.service:
        raise invalid("missing_service", "Pilih layanan.")
    service, rules = booking_service(office, form.service)
    day = parse_day(form.day)
    person = _person(desk, rules, form)
    chosen = _chosen_session(office, service, rules, day, form.session)
    now = office.now()
    starts_at = local_instant(office.settings.office.timezone, day, chosen.start)
    if starts_at <= now:
        raise refused("session_started", f"Sesi {chosen.label()} sudah dimulai. Pilih sesi "
                                         "berikutnya, atau ambil nomor antrean di kiosk.")
    try:
        with office.transaction() as session:
            booking_queries.lock_day(session, service.code, day)
            _refuse_second_booking(session, service, day, person)
            held = _take_place(session, service, rules, day, chosen, now)
            booking = _new_booking(session, office, service, rules, day, chosen, starts_at,
                                   held, person, now)
            queued = queue_notice(session, office, booking, Notice.MADE, now, base_url)
            view = booking_view(office, booking)
    except IntegrityError as error:  # the unique indexes caught what the lock should have
        raise conflict("already_booked", _already_booked(service, day)) from error
    if queued:
        desk.wake_sender()
    return view


def _person(desk: BookingDesk, rules: BookingRules, form: BookingForm) -> _Person:
    name, phone = parse_name(form.name), parse_phone(form.phone)
    nik = parse_nik(form.nik) if rules.nik_required else None
    email = parse_email(form.email) if "email" in desk.office.settings.notify.channels() \
        else None
    return _Person(name, phone, nik_hash(nik, desk.nik_key) if nik else None,
                   nik[-4:] if nik else None, email)


def _chosen_session(office: Office, service: ServiceSettings, rules: BookingRules, day: date,
                    key: object) -> BookingSession:
    chosen = rules.session(key) if isinstance(key, str) else None
    if chosen is None:
        raise invalid("unknown_session", "Pilih salah satu sesi yang tersedia.")
    today = office.clock.local_day(office.now())
    refusal = day_refusal(office, service, rules, day, today)
    if refusal is not None:
        raise refusal
    if chosen not in sessions_on(service, day):
        raise refused("session_not_held", f"Sesi {chosen.label()} tidak diadakan pada "
                                          f"{format_long_date(day)}. Pilih sesi lain.")
    return chosen


def _already_booked(service: ServiceSettings, day: date) -> str:
    return (f"Sudah ada booking {service.name} pada {format_long_date(day)} untuk data ini. "
            "Satu orang hanya dapat booking satu kali per layanan per hari; lihat pesan "
            "booking sebelumnya, atau batalkan dulu booking itu.")


def _refuse_second_booking(session: Session, service: ServiceSettings, day: date,
                           person: _Person) -> None:
    earlier = booking_queries.active_booking_of(session, service.code, day, person.phone,
                                                person.nik_hash)
    if earlier is not None:
        code = "already_booked" if earlier.phone == person.phone else "already_booked_nik"
        raise conflict(code, _already_booked(service, day))


def _take_place(session: Session, service: ServiceSettings, rules: BookingRules, day: date,
                chosen: BookingSession, now: datetime) -> int:
    """How many places of the session are held; refused when it or the day is full."""
    taken = booking_queries.places_taken(session, service.code, day, day,
                                         now - timedelta(minutes=rules.release_minutes))
    in_session = taken.get((day, chosen.key), 0)
    if in_session >= chosen.capacity:
        raise refused("session_full", f"Sesi {chosen.label()} sudah penuh. Pilih sesi atau "
                                      "hari lain.")
    if sum(taken.values()) >= rules.online_quota:
        raise refused("quota_full", f"Kuota booking online {service.name} pada "
                                    f"{format_long_date(day)} sudah habis. Pilih hari lain, "
                                    "atau ambil nomor antrean di kiosk.")
    return in_session


def _new_booking(session: Session, office: Office, service: ServiceSettings,
                 rules: BookingRules, day: date, chosen: BookingSession, starts_at: datetime,
                 held: int, person: _Person, now: datetime) -> Booking:
    """The new booking; its estimate counts the places held before it, its position (the
    order in the session) never repeats one given before."""
    window = checkin_window(starts_at, rules)
    counters = sum(1 for c in office.settings.counters if service.code in c.services)
    position = booking_queries.last_position(session, service.code, day, chosen.key) + 1
    booking = Booking(
        code=_fresh_code(session), service_code=service.code, local_day=day,
        session_start=chosen.key, session_label=chosen.label(), session_starts_at=starts_at,
        checkin_opens_at=window.opens, checkin_closes_at=window.closes,
        estimated_at=estimated_service_at(starts_at, held,
                                          service.average_service_minutes, counters),
        position=position, name=person.name, phone=person.phone, email=person.email,
        nik_hash=person.nik_hash, nik_last4=person.nik_last4,
        status=BookingStatus.BOOKED.value, created_at=now,
    )
    session.add(booking)
    session.flush()
    return booking


def _fresh_code(session: Session) -> str:
    for _ in range(10):
        code = new_code()
        if not booking_queries.code_taken(session, code):
            return code
    raise RuntimeError("no free booking code after 10 tries")  # 1 in 10^100 with 10^6 codes


def find_booking(session: Session, office: Office, code_text: object,
                 lock: bool = False, settle: bool = True) -> Booking:
    """The booking a typed, scanned or linked code names. With `settle` (a write) a missed
    window is marked "tidak datang" here, before the sweep comes by."""
    code = parse_code(code_text) if isinstance(code_text, str) else None
    if code is None:
        raise invalid("invalid_booking_code",
                      "Kode booking terdiri dari 8 huruf dan angka, mis. K7QM-4XPD.")
    booking = booking_queries.booking_by_code(session, code, lock=lock)
    if booking is None:
        raise not_found("booking_not_found", "Kode booking tidak ditemukan. Periksa kembali "
                                             "kode Anda, atau tanyakan ke petugas.")
    if settle and booking_queries.mark_no_shows(session, office.now(), booking.id):
        session.refresh(booking)
    return booking


def read_booking(office: Office, code_text: object) -> BookingView:
    """A read: no write lock on SQLite; a missed window already reads "tidak datang"."""
    with office.read_transaction() as session:
        booking = find_booking(session, office, code_text, settle=False)
        view = booking_view(office, booking, office.now())
        view["queue"] = queue_view(session, office, booking)
        return view


def cancel_booking(desk: BookingDesk, code_text: object, base_url: str) -> BookingView:
    """Cancel from the booking's page. The place goes back to the quota only after
    release_minutes (see places_taken), so a place cannot be handed over by cancelling."""
    office = desk.office
    now = office.now()
    with office.transaction() as session:
        booking = find_booking(session, office, code_text, lock=True)
        refusal = _cancel_refusal(office, booking)
        if refusal is not None:
            raise refusal
        booking.status = BookingStatus.CANCELLED.value
        booking.cancelled_at = now
        queued = queue_notice(session, office, booking, Notice.CANCELLED, now, base_url)
        view = booking_view(office, booking)
    if queued:
        desk.wake_sender()
    return view


def _cancel_refusal(office: Office, booking: Booking) -> DomainError | None:
    status = BookingStatus(booking.status)
    if status is BookingStatus.CANCELLED:
        return conflict("already_cancelled", "Booking ini sudah dibatalkan.")
    if status is BookingStatus.CHECKED_IN:
        number = booking.ticket.number if booking.ticket else "-"
        return conflict("already_checked_in",
                        f"Booking ini sudah check-in dengan nomor antrean {number}; tidak dapat "
                        "dibatalkan di sini. Sampaikan ke petugas bila tidak jadi dilayani.")
    if status is BookingStatus.NO_SHOW:
        return conflict("booking_expired",
                        "Waktu check-in booking ini sudah berakhir; booking tidak aktif lagi.")
    return None
