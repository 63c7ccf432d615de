"""config.toml -> frozen, validated settings.

A bad file stops the server with a message naming the key and the problem. tomllib is used
directly because Flask's from_file would drop lower-case tables such as [office].
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from antrean.core.announcement import NUMBER_READINGS, CounterVoice, counter_voice
from antrean.core.booking import BookingRules, BookingSession
from antrean.core.calendar import MONDAY_TO_FRIDAY, Holiday, OfficeCalendar
from antrean.core.hours import WEEKDAY_KEYS, IssuingHours, parse_time_range
from antrean.core.offices import CODE_RULE, is_office_code, office_path

ASYNC_MODES = ("eventlet", "gevent", "threading")
PRINTER_KINDS = ("none", "network", "usb", "serial", "file")
SMTP_SECURITY = ("none", "starttls", "ssl")


INTERNAL_STANDARD_KEYS = ("infrastructure", "competence", "internal_supervision",
                          "staff_count", "service_guarantee", "safety_guarantee",
                          "performance_evaluation")
DEFAULT_MAKLUMAT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan "
    "yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi "
    "sesuai peraturan perundang-undangan yang berlaku."
)


class ConfigError(ValueError):
    """The configuration is unusable; the message names the key ("services[0].prefix: ...")."""

    @property
    def key(self) -> str:
        """The key the message names, e.g. "services[0].daily_quota"."""
        return str(self).partition(": ")[0]

    @property
    def problem(self) -> str:
        """The message without the key: what the admin pages show beside a field."""
        return str(self).partition(": ")[2] or str(self)


@dataclass(frozen=True)
class PublicStandard:
    """The published service standard (PermenPANRB 15/2014)."""

    requirements: tuple[str, ...] = ()
    procedure: tuple[str, ...] = ()
    time_to_complete: str = ""
    cost: str = ""  # empty: not announced yet, never published as free
    product: str = ""
    complaints: str = ""
    description: str = ""
    service_hours: str = ""  # jam pelayanan, e.g. "Senin-Kamis 08.00-15.00, Jumat 08.00-11.00"
    legal_basis: tuple[str, ...] = ()  # dasar hukum
    # The internal components and the decree: version 1 of the standard the kepala edits.
    internal: tuple[tuple[str, str], ...] = ()  # (component key, text)
    sk_number: str = ""
    sk_date: date | None = None


@dataclass(frozen=True)
class PublicNotices:
    """What the office publishes beside the standards: its pledge and its facilities for
    kelompok rentan; both are the first version the kepala may edit in /admin."""

    maklumat: str = DEFAULT_MAKLUMAT
    maklumat_signatory: str = ""  # e.g. "Camat Martapura"
    facilities: tuple[str, ...] = ()  # ramp, kursi roda, ruang laktasi, loket prioritas, ...


@dataclass(frozen=True)
class ServiceSettings:
    code: str
    name: str
    prefix: str
    target_wait_minutes: int | None = None
    daily_quota: int | None = None
    issuing_hours: IssuingHours = field(default_factory=IssuingHours.always)
    standard: PublicStandard = field(default_factory=PublicStandard)
    average_service_minutes: float = 10.0  # used for the first estimate of the day
    booking: BookingRules | None = None  # None: the service takes no online bookings
    agency: str = ""  # the instansi that runs it; filled with the implicit agency when unset
    # Set by the live set-up (usecases.live_setup) for the running day, never by the file:
    paused_reason: str = ""  # "Tutup layanan sementara": why no numbers are issued now
    extra_quota_today: int = 0  # "Tambah kuota hari ini", already inside daily_quota


@dataclass(frozen=True)
class CounterSettings:
    number: int
    name: str
    services: tuple[str, ...]
    spoken: str = ""  # the words the voice says; empty: read from the name ("loket dua")
    agency: str = ""  # the instansi whose services it serves; filled when the file is read

    def voice(self, counter_word: str) -> CounterVoice:
        return counter_voice(self.number, self.name, self.spoken, counter_word)


@dataclass(frozen=True)
class OfficeSettings:
    name: str
    timezone: str
    address: str = ""
    number_reading: str = "cardinal"
    announcement_repeat: int = 2
    running_text: str = ""
    counter_word: str = "loket"  # MPP: gerai; puskesmas: poli/ruang
    # An MPP: whether a petugas of one instansi may transfer a ticket to another's service.
    transfer_across_agencies: bool = False


# A single-office install names no agency: its services and counters belong to this one,
# named after the office, so every agency-aware screen and rule works the same way.
IMPLICIT_AGENCY = "kantor"


@dataclass(frozen=True)
class AgencySettings:
    """An instansi in the building (a Mal Pelayanan Publik holds 10-30 of them)."""

    code: str
    name: str  # "Dinas Kependudukan dan Pencatatan Sipil"
    short_name: str  # "Disdukcapil": the kiosk button and the TV's label
    logo: str = ""  # an image file name in the media folder; empty: the short name only


@dataclass(frozen=True)
class DeploymentOffice:
    """Another office of a kabupaten-wide deployment, served under /kantor/<code>/ (see
    core.offices). Its name and address seed its own set-up, which its admin then edits live;
    its time zone decides its numbering day and stays as created."""

    code: str
    name: str
    timezone: str
    address: str = ""
    # The [[offices]] table as written (the printer the office's kiosks print on, if any).
    table: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class DeploymentSettings:
    """A deployment that serves several offices; none listed: a single office, as ever."""

    name: str = "Semua kantor"  # "Pemerintah Kabupaten Banjar": the deployment dashboard's title
    offices: tuple[DeploymentOffice, ...] = ()


@dataclass(frozen=True)
class ZoneSettings:
    """A part of the lobby: its TVs show and speak only the calls of these counters."""

    code: str
    name: str
    counters: frozenset[int]  # the counters listed and those of the agencies listed
    running_text: str = ""  # empty: the office's running text


@dataclass(frozen=True)
class TicketSettings:
    footer: tuple[str, ...] = (
        "Terima kasih atas kunjungan Anda",
        "Layanan ini GRATIS",
        "Pengaduan: SP4N-LAPOR! lapor.go.id / SMS 1708",
    )


@dataclass(frozen=True)
class ComplaintSettings:
    """The office's own complaint channels, shown beside SP4N-LAPOR! (lapor.go.id, SMS 1708)."""

    whatsapp: str = ""
    email: str = ""
    phone: str = ""
    desk: str = ""  # where to complain in person, e.g. "Meja Informasi dan Pengaduan"
    response_days: int = 5  # working days the office promises for a first answer


@dataclass(frozen=True)
class PrinterSettings:
    kind: str = "none"
    host: str = ""
    port: int = 9100
    timeout_seconds: float = 3.0
    columns: int = 48  # 32 for 58 mm paper, 48 for 80 mm
    usb_vendor_id: int = 0
    usb_product_id: int = 0
    serial_device: str = ""
    serial_baudrate: int = 9600
    path: str = ""
    status_check: bool = True  # ask a network printer for its status after each ticket


@dataclass(frozen=True)
class ServerSettings:
    async_mode: str = "eventlet"
    message_queue: str = ""  # redis://... when several server processes run
    public_url: str = ""  # base URL printed in QR codes; empty: taken from the request
    secret_key_file: str = ""  # empty: "secret_key" beside the config file
    message_queue_channel: str = "antrean"  # one per office when offices share a Redis
    ticket_rate_limit_per_minute: int = 30
    failed_logins_per_minute: int = 10  # per client address; then sign-in waits a minute
    proxy_hops: int = 0  # reverse proxies in front whose X-Forwarded-For may be trusted


@dataclass(frozen=True)
class PrioritySettings:
    """How the office checks self-declared priority (pelayanan khusus)."""

    # A priority taken at the kiosk or online queues as regular until a greeter (any signed-in
    # petugas) confirms it; one issued by staff is confirmed at once.
    greeter_confirms: bool = False
    counts_against_quota: bool = True  # false: priority tickets never meet "kuota habis"


@dataclass(frozen=True)
class KioskSettings:
    reset_seconds: int = 15  # the issued ticket stays on screen this long (twice if unprinted)


@dataclass(frozen=True)
class BookingSettings:
    """Office-wide booking settings; the first six are defaults a service may override."""

    booking_days_ahead: int = 7
    release_minutes: int = 60
    checkin_opens_minutes: int = 60
    checkin_closes_minutes: int = 15
    notify_when_ahead: int = 5
    notify_when_minutes: int = 15
    reminder_time: time = time(6, 0)  # office-local time of the morning reminder
    requests_per_minute: int = 10  # booking requests per client address and minute
    phone_requests_per_minute: int = 3  # booking requests per phone number and minute


@dataclass(frozen=True)
class NotifySettings:
    """Outbound notices: an HTTP webhook (a WhatsApp/SMS gateway) and/or e-mail over SMTP."""

    webhook_url: str = ""
    webhook_secret: str = ""  # signs each request (HMAC-SHA256), so the gateway can check it
    webhook_timeout_seconds: float = 5.0
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_security: str = "none"  # none | starttls | ssl
    smtp_username: str = ""
    smtp_password: str = ""
    email_from: str = ""
    max_attempts: int = 6
    retry_seconds: int = 30  # the first retry; each next one waits twice as long (max 1 h)

    def channels(self) -> tuple[str, ...]:
        return (("webhook",) if self.webhook_url else ()) + (("email",) if self.smtp_host else ())


@dataclass(frozen=True)
class Settings:
    office: OfficeSettings
    services: tuple[ServiceSettings, ...]
    counters: tuple[CounterSettings, ...]
    server: ServerSettings = field(default_factory=ServerSettings)
    ticket: TicketSettings = field(default_factory=TicketSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    kiosk: KioskSettings = field(default_factory=KioskSettings)
    priority: PrioritySettings = field(default_factory=PrioritySettings)
    complaints: ComplaintSettings = field(default_factory=ComplaintSettings)
    calendar: OfficeCalendar = field(default_factory=OfficeCalendar)
    booking: BookingSettings = field(default_factory=BookingSettings)
    notify: NotifySettings = field(default_factory=NotifySettings)
    notices: PublicNotices = field(default_factory=PublicNotices)
    # Empty: the implicit agency only (see __post_init__).
    agencies: tuple[AgencySettings, ...] = ()
    zones: tuple[ZoneSettings, ...] = ()  # empty: every TV shows the whole office
    deployment: DeploymentSettings = field(default_factory=DeploymentSettings)
    source: Path | None = None
    # The tables as written (TOML/JSON values): the live set-up edits and exports these.
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.agencies:  # a single-office install: one agency, named after the office
            implicit = AgencySettings(IMPLICIT_AGENCY, self.office.name, self.office.name)
            object.__setattr__(self, "agencies", (implicit,))
        if len(self.agencies) == 1:  # everything belongs to the only agency
            only = self.agencies[0].code
            object.__setattr__(self, "services", tuple(
                s if s.agency else replace(s, agency=only) for s in self.services))
            object.__setattr__(self, "counters", tuple(
                c if c.agency else replace(c, agency=only) for c in self.counters))

    @property
    def has_agencies(self) -> bool:
        """True when the file names its agencies (an MPP): screens then show them."""
        return self.agencies[0].code != IMPLICIT_AGENCY or len(self.agencies) > 1

    def agency(self, code: str) -> AgencySettings | None:
        return next((a for a in self.agencies if a.code == code), None)

    def services_of(self, agency: str) -> tuple[ServiceSettings, ...]:
        return tuple(s for s in self.services if s.agency == agency)

    def counters_of(self, agency: str) -> tuple[CounterSettings, ...]:
        return tuple(c for c in self.counters if c.agency == agency)

    def zone(self, code: str) -> ZoneSettings | None:
        return next((z for z in self.zones if z.code == code), None)

    def service(self, code: str) -> ServiceSettings | None:
        return next((s for s in self.services if s.code == code), None)

    def counter(self, number: int) -> CounterSettings | None:
        return next((c for c in self.counters if c.number == number), None)

    def counter_voice(self, number: int) -> CounterVoice:
        """How counter `number` is shown and called; a counter gone from the configuration
        is still called by counter word and number."""
        counter = self.counter(number)
        if counter is None:
            return counter_voice(number, counter_word=self.office.counter_word)
        return counter.voice(self.office.counter_word)


def with_message_queue(settings: Settings, url: str) -> Settings:
    """The settings with the message queue given on the command line (run.py)."""
    if url and not url.startswith(("redis://", "rediss://")):
        raise ConfigError("--message-queue: must be a redis:// URL")
    return replace(settings, server=replace(settings.server, message_queue=url))


def load_settings(path: str | Path) -> Settings:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: file tidak ditemukan") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: TOML tidak valid: {exc}") from exc
    settings = parse_settings(raw)
    return Settings(**{**settings.__dict__, "source": path.resolve()})


def parse_settings(raw: dict[str, Any]) -> Settings:
    _only_keys(raw, "", {"office", "services", "counters", "server", "ticket", "printer",
                         "kiosk", "complaints", "holidays", "booking", "notify", "priority",
                         "maklumat", "facilities", "agencies", "zones", "deployment",
                         "offices"})
    office_table = _table(raw, "office", "", required=True)
    booking = _booking_settings(_table(raw, "booking", ""))
    agencies = tuple(_agency(item, f"agencies[{i}]")
                     for i, item in enumerate(_list(raw, "agencies", "")))
    _unique([a.code for a in agencies], "agencies", "code")
    _unique([a.short_name for a in agencies], "agencies", "short_name")
    services = tuple(
        _service(item, f"services[{i}]", booking, agencies)
        for i, item in enumerate(_list(raw, "services", ""))
    )
    if not services:
        raise ConfigError("services: paling sedikit satu layanan ([[services]]) diperlukan")
    _unique([s.code for s in services], "services", "code")
    # Numbers are unique within the building, whichever agency issues them.
    _unique([s.prefix for s in services], "services", "prefix")
    counter_word = _str(office_table, "counter_word", "office", default="loket")
    counters = tuple(
        _counter(item, f"counters[{i}]", services, counter_word)
        for i, item in enumerate(_list(raw, "counters", ""))
    )
    if not counters:
        raise ConfigError("counters: paling sedikit satu loket ([[counters]]) diperlukan")
    _unique([c.number for c in counters], "counters", "number")
    zones = tuple(_zone(item, f"zones[{i}]", counters, agencies)
                  for i, item in enumerate(_list(raw, "zones", "")))
    _unique([z.code for z in zones], "zones", "code")
    return Settings(
        office=_office(office_table),
        services=services,
        counters=counters,
        server=_server(_table(raw, "server", "")),
        ticket=_ticket(_table(raw, "ticket", "")),
        printer=_printer(_table(raw, "printer", "")),
        kiosk=_kiosk(_table(raw, "kiosk", "")),
        priority=_priority(_table(raw, "priority", "")),
        complaints=_complaints(_table(raw, "complaints", "")),
        calendar=_calendar(office_table, _list(raw, "holidays", "")),
        booking=booking,
        notify=_notify(_table(raw, "notify", "")),
        notices=_notices(_table(raw, "maklumat", ""), _table(raw, "facilities", "")),
        agencies=agencies,
        zones=zones,
        deployment=_deployment(_table(raw, "deployment", ""), _list(raw, "offices", "")),
        raw=raw,
    )


def _deployment(table: dict[str, Any], offices: list[Any]) -> DeploymentSettings:
    _only_keys(table, "deployment", {"name"})
    entries = tuple(deployment_office(item, f"offices[{i}]") for i, item in enumerate(offices))
    _unique([o.code for o in entries], "offices", "code")
    return DeploymentSettings(
        name=_str(table, "name", "deployment", default=DeploymentSettings.name),
        offices=entries)


def deployment_office(table: object, where: str) -> DeploymentOffice:
    """An [[offices]] table, checked as config.toml is (the admin's form is checked so too)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: harus berupa tabel")
    _only_keys(table, where, {"code", "name", "address", "timezone", "printer"})
    code = _str(table, "code", where, required=True)
    if not is_office_code(code):
        raise ConfigError(f"{where}.code: {CODE_RULE}")
    office = _office({key: table[key] for key in ("name", "address", "timezone")
                      if key in table})
    _printer(_table(table, "printer", where))
    return DeploymentOffice(code=code, name=office.name, timezone=office.timezone,
                            address=office.address, table=dict(table))


def office_settings(root: Settings, office: DeploymentOffice) -> Settings:
    """The settings an office of the deployment starts from: the root office's (its services,
    counters and agencies are the template the office's admin then edits live), with the
    office's own name, address, time zone and printer. The root's running text and complaint
    channels name the root office, so they are not carried over."""
    raw = {key: value for key, value in root.raw.items()
           if key not in ("deployment", "offices", "printer", "complaints")}
    template = {key: value for key, value in root.raw.get("office", {}).items()
                if key not in ("running_text", "name", "address", "timezone")}
    raw["office"] = {**template, "name": office.name, "address": office.address,
                     "timezone": office.timezone}
    if "printer" in office.table:
        raw["printer"] = office.table["printer"]
    parsed = parse_settings(raw)
    # One server and message queue; the office's public address (its tickets' QR codes, its
    # booking links) is the deployment's, under the office's path.
    public_url = root.server.public_url.rstrip("/") + office_path(office.code) \
        if root.server.public_url else ""
    return replace(parsed, source=root.source,
                   server=replace(root.server, public_url=public_url))


def _code(table: dict[str, Any], where: str) -> str:
    code = _str(table, "code", where, required=True)
    if not code.replace("_", "").replace("-", "").isalnum() or not code.isascii():
        raise ConfigError(f"{where}.code: hanya huruf, angka, '-' atau '_'")
    if len(code) > 32:  # the tickets' column
        raise ConfigError(f"{where}.code: paling banyak 32 karakter")
    return code


def _agency(table: object, where: str) -> AgencySettings:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: harus berupa tabel")
    _only_keys(table, where, {"code", "name", "short_name", "logo"})
    name = _str(table, "name", where, required=True)
    logo = _str(table, "logo", where)
    if logo and (not logo.isascii() or "/" in logo or "\\" in logo or logo.startswith(".")):
        raise ConfigError(f"{where}.logo: nama berkas gambar saja, mis. 'dukcapil.png'")
    return AgencySettings(code=_code(table, where), name=name,
                          short_name=_str(table, "short_name", where, default=name), logo=logo)


def _service_agency(table: dict[str, Any], where: str,
                    agencies: tuple[AgencySettings, ...]) -> str:
    """The agency a service names; with one agency (or none in the file) it may be left out."""
    if not agencies:
        if "agency" in table:
            raise ConfigError(f"{where}.agency: tulis dulu instansinya di [[agencies]]")
        return ""
    if "agency" not in table and len(agencies) == 1:
        return agencies[0].code
    code = _str(table, "agency", where, required=True)
    if code not in {a.code for a in agencies}:
        raise ConfigError(f"{where}.agency: instansi '{code}' tidak dikenal")
    return code


def _zone(table: object, where: str, counters: tuple[CounterSettings, ...],
          agencies: tuple[AgencySettings, ...]) -> ZoneSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: harus berupa tabel")
    _only_keys(table, where, {"code", "name", "counters", "agencies", "running_text"})
    numbers = table.get("counters", [])
    if not isinstance(numbers, list) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        raise ConfigError(f"{where}.counters: daftar nomor loket, mis. [1, 2]")
    known = {c.number for c in counters}
    for number in numbers:
        if number not in known:
            raise ConfigError(f"{where}.counters: loket {number} tidak dikenal")
    agency_codes = _str_list(table, "agencies", where)
    for code in agency_codes:
        if code not in {a.code for a in agencies}:
            raise ConfigError(f"{where}.agencies: instansi '{code}' tidak dikenal")
    members = frozenset(numbers) | {c.number for c in counters if c.agency in agency_codes}
    if not members:
        raise ConfigError(f"{where}: pilih paling sedikit satu loket atau instansi")
    return ZoneSettings(code=_code(table, where), name=_str(table, "name", where, required=True),
                        counters=frozenset(members),
                        running_text=_str(table, "running_text", where))


def _office(table: dict[str, Any]) -> OfficeSettings:
    where = "office"
    _only_keys(table, where, {"name", "timezone", "address", "number_reading",
                              "announcement_repeat", "running_text", "counter_word",
                              "working_days", "transfer_across_agencies"})
    timezone = _str(table, "timezone", where, required=True)
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"office.timezone: zona waktu IANA '{timezone}' tidak dikenal") from exc
    reading = _str(table, "number_reading", where, default="cardinal")
    if reading not in NUMBER_READINGS:
        raise ConfigError(f"office.number_reading: salah satu dari {', '.join(NUMBER_READINGS)}")
    return OfficeSettings(
        name=_str(table, "name", where, required=True),
        timezone=timezone,
        address=_str(table, "address", where),
        number_reading=reading,
        announcement_repeat=_int(table, "announcement_repeat", where, default=2, low=1, high=3),
        running_text=_str(table, "running_text", where),
        counter_word=_str(table, "counter_word", where, default="loket"),
        transfer_across_agencies=_bool(table, "transfer_across_agencies", where, False),
    )


def _service(table: object, where: str, booking: BookingSettings | None = None,
             agencies: tuple[AgencySettings, ...] = ()) -> ServiceSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: harus berupa tabel")
    _only_keys(table, where, {
        "code", "name", "prefix", "target_wait_minutes", "daily_quota", "issuing_hours",
        "average_service_minutes", "requirements", "procedure", "time_to_complete", "cost",
        "product", "complaints", "description", "service_hours", "legal_basis",
        "sk_number", "sk_date", "agency", *INTERNAL_STANDARD_KEYS, *SERVICE_BOOKING_KEYS,
    })
    code = _code(table, where)
    prefix = _str(table, "prefix", where, required=True)
    if not (prefix.isascii() and prefix.isalpha() and prefix.isupper() and len(prefix) <= 3):
        raise ConfigError(f"{where}.prefix: satu sampai tiga huruf kapital, misalnya 'A'")
    return ServiceSettings(
        code=code,
        name=_str(table, "name", where, required=True),
        prefix=prefix,
        target_wait_minutes=_optional_int(table, "target_wait_minutes", where, low=1),
        daily_quota=_optional_int(table, "daily_quota", where, low=1),
        issuing_hours=_issuing_hours(table.get("issuing_hours"), f"{where}.issuing_hours"),
        average_service_minutes=float(
            _int(table, "average_service_minutes", where, default=10, low=1, high=480)
        ),
        booking=_service_booking(table, where, booking or BookingSettings()),
        agency=_service_agency(table, where, agencies),
        standard=PublicStandard(
            requirements=_str_list(table, "requirements", where),
            procedure=_str_list(table, "procedure", where),
            time_to_complete=_str(table, "time_to_complete", where),
            cost=_str(table, "cost", where),
            product=_str(table, "product", where),
            complaints=_str(table, "complaints", where),
            description=_str(table, "description", where),
            service_hours=_str(table, "service_hours", where),
            legal_basis=_str_list(table, "legal_basis", where),
            internal=tuple((key, _str(table, key, where)) for key in INTERNAL_STANDARD_KEYS
                           if _str(table, key, where)),
            sk_number=_str(table, "sk_number", where),
            sk_date=_date(table, "sk_date", where),
        ),
    )


def _date(table: dict[str, Any], key: str, where: str) -> date | None:
    value = table.get(key)
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise ConfigError(f"{where}.{key}: write a date without quotes, e.g. 2026-01-05")


def _notices(maklumat: dict[str, Any], facilities: dict[str, Any]) -> PublicNotices:
    _only_keys(maklumat, "maklumat", {"text", "signatory"})
    _only_keys(facilities, "facilities", {"items"})
    return PublicNotices(
        maklumat=_str(maklumat, "text", "maklumat", default=DEFAULT_MAKLUMAT),
        maklumat_signatory=_str(maklumat, "signatory", "maklumat"),
        facilities=_str_list(facilities, "items", "facilities"),
    )


def _issuing_hours(value: object, where: str) -> IssuingHours:
    """A string for every day, or a table keyed senin..minggu (a missing day is closed)."""
    if value is None:
        return IssuingHours.always()
    try:
        if isinstance(value, str):
            return IssuingHours((parse_time_range(value),) * 7)
        if isinstance(value, dict):
            unknown = set(value) - set(WEEKDAY_KEYS)
            if unknown:
                raise ConfigError(f"{where}: hari tidak dikenal {sorted(unknown)}; "
                                  "gunakan senin..minggu")
            return IssuingHours(tuple(
                parse_time_range(_as_str(value[day], f"{where}.{day}")) if day in value else None
                for day in WEEKDAY_KEYS
            ))
    except ValueError as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"{where}: {exc}") from exc
    raise ConfigError(f"{where}: teks seperti '08:00-14:00' atau tabel per hari")


def _counter(table: object, where: str, services_known: tuple[ServiceSettings, ...],
             counter_word: str = "loket") -> CounterSettings:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: harus berupa tabel")
    _only_keys(table, where, {"number", "name", "services", "spoken", "agency"})
    service_codes = {s.code: s.agency for s in services_known}
    number = _int(table, "number", where, required=True, low=1, high=999)
    services = _str_list(table, "services", where)
    if not services:
        raise ConfigError(f"{where}.services: pilih paling sedikit satu layanan untuk loket ini")
    for code in services:
        if code not in service_codes:
            raise ConfigError(f"{where}.services: kode layanan '{code}' tidak dikenal")
    word = counter_word.strip().lower() or "loket"
    spoken = _str(table, "spoken", where)
    if spoken and not any(c.isalpha() for c in spoken):
        raise ConfigError(f"{where}.spoken: kata yang diucapkan, mis. \"loket prioritas\"")
    agencies = {service_codes[code] for code in services}
    if len(agencies) > 1:  # a loket is staffed by one instansi
        raise ConfigError(f"{where}.services: layanan dari instansi berbeda "
                          f"({', '.join(sorted(agencies))}) tidak boleh di satu loket")
    agency = agencies.pop()
    if "agency" in table and _str(table, "agency", where) != agency:
        raise ConfigError(f"{where}.agency: harus instansi layanannya ('{agency or '-'}')")
    return CounterSettings(
        number=number, name=_str(table, "name", where, default=f"{word.capitalize()} {number}"),
        services=services, spoken=spoken, agency=agency,
    )


def _server(table: dict[str, Any]) -> ServerSettings:
    where = "server"
    _only_keys(table, where, {"async_mode", "message_queue", "message_queue_channel",
                              "public_url", "secret_key_file", "ticket_rate_limit_per_minute",
                              "failed_logins_per_minute", "proxy_hops"})
    mode = _str(table, "async_mode", where, default="eventlet")
    if mode not in ASYNC_MODES:
        raise ConfigError(f"server.async_mode: must be one of {', '.join(ASYNC_MODES)}")
    queue = _str(table, "message_queue", where)
    if queue and not queue.startswith(("redis://", "rediss://")):
        raise ConfigError("server.message_queue: must be a redis:// URL or empty")
    channel = _str(table, "message_queue_channel", where, default="antrean")
    if not channel or not channel.replace("-", "").replace("_", "").replace(":", "").isalnum():
        raise ConfigError("server.message_queue_channel: letters, digits, '-', '_' or ':'")
    return ServerSettings(
        async_mode=mode,
        message_queue=queue,
        message_queue_channel=channel,
        proxy_hops=_int(table, "proxy_hops", where, default=0, low=0, high=5),
        failed_logins_per_minute=_int(table, "failed_logins_per_minute", where, default=10,
                                      low=1, high=100_000),
        public_url=_str(table, "public_url", where).rstrip("/"),
        secret_key_file=_str(table, "secret_key_file", where),
        ticket_rate_limit_per_minute=_int(
            table, "ticket_rate_limit_per_minute", where, default=30, low=1, high=100_000
        ),
    )


def _ticket(table: dict[str, Any]) -> TicketSettings:
    _only_keys(table, "ticket", {"footer"})
    if "footer" not in table:
        return TicketSettings()
    return TicketSettings(footer=_str_list(table, "footer", "ticket"))


def _complaints(table: dict[str, Any]) -> ComplaintSettings:
    where = "complaints"
    _only_keys(table, where, {"whatsapp", "email", "phone", "desk", "response_days"})
    email = _str(table, "email", where)
    if email and ("@" not in email or " " in email):
        raise ConfigError("complaints.email: an address like pengaduan@example.go.id")
    for key in ("whatsapp", "phone"):
        number = _str(table, key, where)
        if number and not all(c.isdigit() or c in "+-() " for c in number):
            raise ConfigError(f"complaints.{key}: digits, spaces, '+', '-' and brackets only")
    return ComplaintSettings(
        whatsapp=_str(table, "whatsapp", where), email=email, phone=_str(table, "phone", where),
        desk=_str(table, "desk", where),
        response_days=_int(table, "response_days", where, default=5, low=1, high=60),
    )


def _printer(table: dict[str, Any]) -> PrinterSettings:
    where = "printer"
    _only_keys(table, where, {"kind", "host", "port", "timeout_seconds", "columns",
                              "usb_vendor_id", "usb_product_id", "serial_device",
                              "serial_baudrate", "path", "status_check"})
    kind = _str(table, "kind", where, default="none")
    if kind not in PRINTER_KINDS:
        raise ConfigError(f"printer.kind: must be one of {', '.join(PRINTER_KINDS)}")
    columns = _int(table, "columns", where, default=48)
    if columns not in (32, 48):
        raise ConfigError("printer.columns: 32 (58 mm paper) or 48 (80 mm paper)")
    timeout = table.get("timeout_seconds", 3.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= 30:
        raise ConfigError("printer.timeout_seconds: a number of seconds from 0 to 30")
    settings = PrinterSettings(
        kind=kind, host=_str(table, "host", where),
        port=_int(table, "port", where, default=9100, low=1, high=65535),
        timeout_seconds=float(timeout), columns=columns,
        usb_vendor_id=_int(table, "usb_vendor_id", where, default=0, low=0, high=0xFFFF),
        usb_product_id=_int(table, "usb_product_id", where, default=0, low=0, high=0xFFFF),
        serial_device=_str(table, "serial_device", where),
        serial_baudrate=_int(table, "serial_baudrate", where, default=9600, low=1),
        path=_str(table, "path", where),
        status_check=_bool(table, "status_check", where, default=True),
    )
    needed = {"network": "host", "usb": "usb_vendor_id", "serial": "serial_device", "file": "path"}
    if kind in needed and not getattr(settings, needed[kind]):
        raise ConfigError(f"printer.{needed[kind]}: required when printer.kind = '{kind}'")
    return settings


def _kiosk(table: dict[str, Any]) -> KioskSettings:
    _only_keys(table, "kiosk", {"reset_seconds"})
    return KioskSettings(
        reset_seconds=_int(table, "reset_seconds", "kiosk", default=15, low=3, high=300),
    )


def _priority(table: dict[str, Any]) -> PrioritySettings:
    _only_keys(table, "priority", {"greeter_confirms", "counts_against_quota"})
    return PrioritySettings(
        greeter_confirms=_bool(table, "greeter_confirms", "priority", default=False),
        counts_against_quota=_bool(table, "counts_against_quota", "priority", default=True),
    )


# --- office calendar, online booking and notices -----------------------------------------

# (key, lowest, highest): the office-wide [booking] defaults a service may override.
BOOKING_DEFAULT_KEYS = (
    ("booking_days_ahead", 0, 90),
    ("release_minutes", 0, 1440),
    ("checkin_opens_minutes", 0, 240),
    ("checkin_closes_minutes", 0, 240),
    ("notify_when_ahead", 0, 100),
    ("notify_when_minutes", 0, 240),
)
SERVICE_BOOKING_KEYS = ("sessions", "session_capacity", "online_quota", "nik_required",
                        *(key for key, _, _ in BOOKING_DEFAULT_KEYS))


def _calendar(office: dict[str, Any], holidays: list[Any]) -> OfficeCalendar:
    parsed = tuple(_holiday(item, f"holidays[{i}]") for i, item in enumerate(holidays))
    _unique([h.day.isoformat() for h in parsed], "holidays", "date")
    days = office.get("working_days")
    if days is None:
        return OfficeCalendar(parsed, MONDAY_TO_FRIDAY)
    names = _str_list(office, "working_days", "office")
    unknown = sorted(set(names) - set(WEEKDAY_KEYS))
    if unknown or not names:
        raise ConfigError("office.working_days: a list of senin..minggu, e.g. "
                          "[\"senin\", \"selasa\", \"rabu\", \"kamis\", \"jumat\"]")
    return OfficeCalendar(parsed, frozenset(WEEKDAY_KEYS.index(name) for name in names))


def _holiday(table: object, where: str) -> Holiday:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table with date and name")
    _only_keys(table, where, {"date", "name"})
    value = table.get("date")
    try:
        day = value if isinstance(value, date) and not hasattr(value, "hour") \
            else date.fromisoformat(_as_str(value, f"{where}.date"))
    except ValueError as exc:
        raise ConfigError(f"{where}.date: a date like 2026-08-17") from exc
    return Holiday(day=day, name=_str(table, "name", where, required=True))


def _booking_settings(table: dict[str, Any]) -> BookingSettings:
    where = "booking"
    _only_keys(table, where, {*(key for key, _, _ in BOOKING_DEFAULT_KEYS), "reminder_time",
                              "requests_per_minute", "phone_requests_per_minute"})
    defaults = BookingSettings()
    values = {key: _int(table, key, where, default=getattr(defaults, key), low=low, high=high)
              for key, low, high in BOOKING_DEFAULT_KEYS}
    reminder = _str(table, "reminder_time", where, default="06:00")
    try:
        hours, minutes = reminder.replace(".", ":").split(":")
        reminder_time = time(int(hours), int(minutes))
    except ValueError as exc:
        raise ConfigError("booking.reminder_time: a time like \"06:00\"") from exc
    return BookingSettings(
        **values, reminder_time=reminder_time,
        requests_per_minute=_int(table, "requests_per_minute", where, default=10,
                                 low=1, high=100_000),
        phone_requests_per_minute=_int(table, "phone_requests_per_minute", where, default=3,
                                       low=1, high=1000),
    )


def _service_booking(table: dict[str, Any], where: str,
                     defaults: BookingSettings) -> BookingRules | None:
    """Bookings for one service: its sessions, quota, and the [booking] defaults it changes."""
    if "sessions" not in table:
        stray = [key for key in SERVICE_BOOKING_KEYS if key in table]
        if stray:
            raise ConfigError(f"{where}.{stray[0]}: set sessions to take online bookings")
        return None
    sessions = _sessions(table, where)
    total = sum(s.capacity for s in sessions)
    values = {key: _int(table, key, where, default=getattr(defaults, key), low=low, high=high)
              for key, low, high in BOOKING_DEFAULT_KEYS}
    return BookingRules(
        sessions=sessions,
        online_quota=_int(table, "online_quota", where, default=total, low=1, high=100_000),
        days_ahead=values.pop("booking_days_ahead"),
        nik_required=_bool(table, "nik_required", where, default=False),
        **values,
    )


def _sessions(table: dict[str, Any], where: str) -> tuple[BookingSession, ...]:
    """["08:00-10:00", ...] with session_capacity, or [{ time = "08:00-10:00", capacity = 20 }]."""
    items = table["sessions"]
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{where}.sessions: a list like [\"08:00-10:00\", \"10:00-12:00\"]")
    shared = _optional_int(table, "session_capacity", where, low=1)
    sessions = sorted((_session(item, f"{where}.sessions[{i}]", shared)
                       for i, item in enumerate(items)), key=lambda s: s.start)
    for earlier, later in zip(sessions, sessions[1:], strict=False):
        if later.start < earlier.end:
            raise ConfigError(f"{where}.sessions: {earlier.label()} and {later.label()} overlap")
    return tuple(sessions)


def _session(item: object, where: str, shared_capacity: int | None) -> BookingSession:
    if isinstance(item, dict):
        _only_keys(item, where, {"time", "capacity"})
        text, capacity = _str(item, "time", where, required=True), \
            _int(item, "capacity", where, required=True, low=1, high=10_000)
    elif isinstance(item, str):
        if shared_capacity is None:
            raise ConfigError(f"{where}: give session_capacity, or write "
                              "{ time = \"08:00-10:00\", capacity = 20 }")
        text, capacity = item, shared_capacity
    else:
        raise ConfigError(f"{where}: a string like \"08:00-10:00\" or a table")
    try:
        span = parse_time_range(text)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from exc
    return BookingSession(start=span.start, end=span.end, capacity=capacity)


def _notify(table: dict[str, Any]) -> NotifySettings:
    where = "notify"
    _only_keys(table, where, {"webhook_url", "webhook_secret", "webhook_timeout_seconds",
                              "smtp_host", "smtp_port", "smtp_security", "smtp_username",
                              "smtp_password", "email_from", "max_attempts", "retry_seconds"})
    url = _str(table, "webhook_url", where)
    if url and not url.startswith(("http://", "https://")):
        raise ConfigError("notify.webhook_url: an http:// or https:// URL")
    secret = _str(table, "webhook_secret", where)
    if url and len(secret) < 16:
        raise ConfigError("notify.webhook_secret: at least 16 characters when webhook_url is set")
    timeout = table.get("webhook_timeout_seconds", 5.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or not 0 < timeout <= 30:
        raise ConfigError("notify.webhook_timeout_seconds: a number of seconds from 0 to 30")
    security = _str(table, "smtp_security", where, default="none")
    if security not in SMTP_SECURITY:
        raise ConfigError(f"notify.smtp_security: must be one of {', '.join(SMTP_SECURITY)}")
    host, sender = _str(table, "smtp_host", where), _str(table, "email_from", where)
    if host and "@" not in sender:
        raise ConfigError("notify.email_from: the sender address, required with smtp_host")
    return NotifySettings(
        webhook_url=url, webhook_secret=secret, webhook_timeout_seconds=float(timeout),
        smtp_host=host, smtp_port=_int(table, "smtp_port", where, default=25, low=1, high=65535),
        smtp_security=security, smtp_username=_str(table, "smtp_username", where),
        smtp_password=_str(table, "smtp_password", where), email_from=sender,
        max_attempts=_int(table, "max_attempts", where, default=6, low=1, high=20),
        retry_seconds=_int(table, "retry_seconds", where, default=30, low=1, high=3600),
    )


# --- small typed readers: each names the key in its error ---------------------------------

def _only_keys(table: dict[str, Any], where: str, allowed: set[str]) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        prefix = f"{where}." if where else ""
        allowed_list = ", ".join(sorted(allowed))
        raise ConfigError(f"{prefix}{unknown[0]}: kunci tidak dikenal (yang boleh: {allowed_list})")


def _table(raw: dict[str, Any], key: str, where: str, required: bool = False) -> dict[str, Any]:
    value = raw.get(key)
    if value is None:
        if required:
            raise ConfigError(f"{key}: tabel [{key}] wajib ada")
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: harus berupa tabel")
    return value


def _list(raw: dict[str, Any], key: str, where: str) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise ConfigError(f"{key}: harus berupa daftar tabel ([[{key}]])")
    return value


def _as_str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: harus berupa teks")
    return value


def _str(table: dict[str, Any], key: str, where: str, required: bool = False,
         default: str = "") -> str:
    if key not in table:
        if required:
            raise ConfigError(f"{where}.{key}: wajib diisi")
        return default
    value = _as_str(table[key], f"{where}.{key}").strip()
    if required and not value:
        raise ConfigError(f"{where}.{key}: tidak boleh kosong")
    return value


def _str_list(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}.{key}: harus berupa daftar teks")
    return tuple(v.strip() for v in value)


def _int(table: dict[str, Any], key: str, where: str, default: int = 0, required: bool = False,
         low: int | None = None, high: int | None = None) -> int:
    if key not in table:
        if required:
            raise ConfigError(f"{where}.{key}: wajib diisi")
        return default
    value = table[key]
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(f"{where}.{key}: harus bilangan bulat")
    if (low is not None and value < low) or (high is not None and value > high):
        raise ConfigError(f"{where}.{key}: {_bounds(low, high)}")
    return value


def _bool(table: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ConfigError(f"{where}.{key}: harus true atau false")
    return value


def _optional_int(table: dict[str, Any], key: str, where: str, low: int) -> int | None:
    if key not in table:
        return None
    return _int(table, key, where, low=low)


def _unique(values: list[Any], where: str, key: str) -> None:
    seen: set[Any] = set()
    for value in values:
        if value in seen:
            raise ConfigError(f"{where}.{key}: '{value}' dipakai dua kali")
        seen.add(value)


def _bounds(low: int | None, high: int | None) -> str:
    if high is None:
        return f"paling kecil {low}"
    if low is None:
        return f"paling besar {high}"
    return f"harus antara {low} dan {high}"


# --- the live set-up: office details, services and counters edited in /admin ------------

# Office details an admin may change while the office runs; the zone and working days stay
# in the file (they decide which day a ticket belongs to).
LIVE_OFFICE_KEYS = ("name", "address", "number_reading", "announcement_repeat", "counter_word")


def with_setup(settings: Settings, office: dict[str, Any], services: list[dict[str, Any]],
               counters: list[dict[str, Any]],
               agencies: list[dict[str, Any]] | None = None,
               zones: list[dict[str, Any]] | None = None) -> Settings:
    """The settings with the set-up the database holds, checked by the very rules (and
    messages) a config.toml is checked by; the rest (server, printer...) stays the file's.
    `agencies` None keeps the file's [[agencies]]; an empty list is the implicit agency.
    `zones` None keeps the file's [[zones]]."""
    office_table = {key: value for key, value in settings.raw.get("office", {}).items()
                    if key not in LIVE_OFFICE_KEYS}
    office_table.update({key: value for key, value in office.items() if key in LIVE_OFFICE_KEYS})
    raw = {**settings.raw, "office": office_table, "services": services, "counters": counters}
    if agencies is not None:  # none: no [[agencies]] at all, a single office; else first
        raw.pop("agencies", None)
        raw = {"agencies": agencies, **raw} if agencies else raw
    if zones is not None:
        raw["zones"] = zones
    if not raw.get("zones"):
        raw.pop("zones", None)  # an empty array of tables cannot be written back as TOML
    parsed = parse_settings(raw)
    return replace(settings, office=parsed.office, services=parsed.services,
                   counters=parsed.counters, agencies=parsed.agencies, zones=parsed.zones,
                   raw=raw)


def live_office_table(settings: Settings) -> dict[str, Any]:
    """The file's office details an admin may change (what seeds a new database)."""
    office = settings.raw.get("office", {})
    return {key: office[key] for key in LIVE_OFFICE_KEYS if key in office}
