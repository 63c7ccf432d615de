"""Admin pages that run the office live: services, counters, office details, quick actions.

Each handler parses the form, calls one use case and shows its message; a refused value keeps
what the admin typed, with the config's message beside the form.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, render_template, request
from werkzeug.wrappers import Response

from antrean.core.access import Role
from antrean.core.errors import DomainError, not_found
from antrean.core.hours import WEEKDAY_KEYS
from antrean.core.scope import within
from antrean.usecases.screens.admin_view import office_overview
from antrean.usecases.setup import editing, quick_actions
from antrean.usecases.setup.views import counter_table, service_table, setup_view
from antrean.web.auth import acting_agency, acting_user_id, current_principal, require_roles
from antrean.web.office import current_office
from antrean.web.paths import redirect_to
from antrean.web.scope_guard import Scope, scoped, with_own_agency
from antrean.web.setup_forms import (
    counter_changes,
    hours_fields,
    number,
    office_changes,
    service_changes,
)

live_setup_pages = Blueprint("admin_setup", __name__, url_prefix="/admin")

NUMBER_READINGS = (("cardinal", "Bilangan: “dua puluh tiga”"),
                   ("digits", "Per angka: “dua tiga”"))


def _render(template: str, status: int = 200, **context: object) -> tuple[str, int]:
    return render_template(template, principal=current_principal(), active="services",
                           **context), status


@live_setup_pages.get("/layanan")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def services() -> tuple[str, int]:
    return _services_page()


def _services_page(error: str | None = None, status: int = 200) -> tuple[str, int]:
    office = current_office()
    view = setup_view(office)
    return _render("admin/services.html", status,
                   overview=office_overview(office, acting_agency()),
                   setup={s["code"]: s for s in view["services"]}, error=error)


# --- services ---------------------------------------------------------------------------

@live_setup_pages.get("/layanan/baru")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def new_service() -> tuple[str, int]:
    return _service_form(None, {"average_service_minutes": 10})


@live_setup_pages.post("/layanan/baru")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def add_service() -> Response | tuple[str, int]:
    changes = with_own_agency(service_changes(request.form, new=True), acting_agency())
    try:
        editing.save_service(current_office(), None, changes, acting_user_id(),
                             acting_agency())
    except DomainError as error:
        return _service_form(None, changes, error, 422)
    flash(f"Layanan {changes['name']} ditambahkan dan langsung tampil di kiosk.")
    return redirect_to("/admin/layanan")


@live_setup_pages.get("/layanan/<code>/ubah")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def edit_service(code: str) -> tuple[str, int]:
    found = service_table(current_office(), code)
    if found is None:
        raise not_found("unknown_service", f"Layanan '{code}' tidak dikenal.")
    return _service_form(code, found["table"], state=found)


@live_setup_pages.post("/layanan/<code>/ubah")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def save_service(code: str) -> Response | tuple[str, int]:
    changes = service_changes(request.form, new=False)
    try:
        editing.save_service(current_office(), code, changes, acting_user_id(),
                             acting_agency())
    except DomainError as error:
        return _service_form(code, {"code": code, **changes}, error, 422,
                             state=service_table(current_office(), code))
    found = service_table(current_office(), code)
    message = f"Layanan {changes['name']} disimpan; kiosk, TV dan konsol langsung diperbarui."
    if found and found["next_prefix"]:
        message += (f" Prefiks {found['next_prefix']} berlaku mulai {found['prefix_from']}; "
                    f"hari ini nomor tetap memakai {found['prefix_today']}.")
    flash(message)
    return redirect_to("/admin/layanan")


def _service_form(code: str | None, table: dict[str, Any], error: DomainError | None = None,
                  status: int = 200, state: dict[str, Any] | None = None) -> tuple[str, int]:
    return _render("admin/service_form.html", status, code=code, table=table,
                   agencies=current_office().settings.agencies,
                   hours=hours_fields(table.get("issuing_hours")), days=WEEKDAY_KEYS,
                   error=error.message if error else None,
                   error_field=getattr(error, "field", None), state=state)


# --- quick actions ----------------------------------------------------------------------

@live_setup_pages.post("/layanan/<code>/tutup")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def pause_service(code: str) -> Response | tuple[str, int]:
    try:
        quick_actions.pause_service(current_office(), code, request.form.get("reason"),
                                    acting_user_id())
    except DomainError as error:
        return _services_page(error.message, 422)
    flash("Layanan ditutup sementara: kiosk dan TV menampilkan alasannya; nomor yang sudah "
          "diambil tetap dilayani.")
    return redirect_to("/admin/layanan")


@live_setup_pages.post("/layanan/<code>/buka")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def resume_service(code: str) -> Response:
    quick_actions.resume_service(current_office(), code, acting_user_id())
    flash("Layanan dibuka kembali; kiosk langsung memberi nomor lagi.")
    return redirect_to("/admin/layanan")


@live_setup_pages.post("/layanan/<code>/kuota")
@require_roles(Role.ADMIN)
@scoped(Scope.SERVICE)
def add_quota(code: str) -> Response | tuple[str, int]:
    try:
        total = quick_actions.add_quota_today(current_office(), code,
                                              number(request.form.get("amount")),
                                              acting_user_id())
    except DomainError as error:
        return _services_page(error.message, 422)
    flash(f"Kuota hari ini menjadi {total}; besok kembali ke kuota harian biasa.")
    return redirect_to("/admin/layanan")


@live_setup_pages.post("/loket/tambahan")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def open_extra_counter() -> Response | tuple[str, int]:
    try:
        counter = quick_actions.open_extra_counter(
            current_office(), request.form.get("name", ""), request.form.getlist("services"),
            acting_user_id(), acting_agency())
    except DomainError as error:
        return _services_page(error.message, 422)
    flash(f"{counter['name']} ditambahkan; petugas dapat memilihnya di konsol sekarang.")
    return redirect_to("/admin/layanan")


# --- counters ---------------------------------------------------------------------------

@live_setup_pages.get("/loket/baru")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def new_counter() -> tuple[str, int]:
    return _counter_form(None, {"services": []})


@live_setup_pages.post("/loket/baru")
@require_roles(Role.ADMIN)
@scoped(Scope.AGENCY)
def add_counter() -> Response | tuple[str, int]:
    changes = counter_changes(request.form, new=True)
    try:
        table = editing.save_counter(current_office(), None, changes, acting_user_id(),
                                     acting_agency())
    except DomainError as error:
        return _counter_form(None, changes, error, 422)
    flash(f"{table.get('name') or 'Loket'} ditambahkan.")
    return redirect_to("/admin/layanan")


@live_setup_pages.get("/loket/<int:number>/ubah")
@require_roles(Role.ADMIN)
@scoped(Scope.COUNTER)
def edit_counter(number: int) -> tuple[str, int]:
    table = counter_table(current_office(), number)
    if table is None:
        raise not_found("unknown_counter", f"Loket {number} tidak ada.")
    return _counter_form(number, table)


@live_setup_pages.post("/loket/<int:number>/ubah")
@require_roles(Role.ADMIN)
@scoped(Scope.COUNTER)
def save_counter(number: int) -> Response | tuple[str, int]:
    changes = counter_changes(request.form, new=False)
    try:
        editing.save_counter(current_office(), number, changes, acting_user_id(),
                             acting_agency())
    except DomainError as error:
        return _counter_form(number, {"number": number, **changes}, error, 422)
    flash(f"Loket {number} disimpan; nomor yang sedang dilayani untuk layanan yang dilepas "
          "kembali ke antrean.")
    return redirect_to("/admin/layanan")


@live_setup_pages.post("/loket/<int:number>/hapus")
@require_roles(Role.ADMIN)
@scoped(Scope.COUNTER)
def remove_counter(number: int) -> Response | tuple[str, int]:
    try:
        editing.remove_counter(current_office(), number, acting_user_id())
    except DomainError as error:
        return _services_page(error.message, 409 if error.code != "invalid_setting" else 422)
    flash(f"Loket {number} dihapus; nomor yang sedang dipanggil di sana kembali ke antrean.")
    return redirect_to("/admin/layanan")


def _counter_form(number: int | None, table: dict[str, Any], error: DomainError | None = None,
                  status: int = 200) -> tuple[str, int]:
    services = [(s.code, s.name) for s in current_office().settings.services
                if within(acting_agency(), s.agency)]
    return _render("admin/counter_form.html", status, number=number, table=table,
                   services=services, error=error.message if error else None)


# --- office details ---------------------------------------------------------------------

@live_setup_pages.get("/kantor")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def office_form() -> tuple[str, int]:
    view = setup_view(current_office())
    return _office_form(view["office"], view["office_fixed"])


@live_setup_pages.post("/kantor")
@require_roles(Role.ADMIN)
@scoped(Scope.OFFICE)
def save_office() -> Response | tuple[str, int]:
    changes = office_changes(request.form)
    try:
        editing.save_office(current_office(), changes, acting_user_id())
    except DomainError as error:
        return _office_form(changes, setup_view(current_office())["office_fixed"], error, 422)
    flash("Data kantor disimpan dan langsung tampil di semua layar.")
    return redirect_to("/admin/kantor")


def _office_form(table: dict[str, Any], fixed: dict[str, Any], error: DomainError | None = None,
                 status: int = 200) -> tuple[str, int]:
    return render_template("admin/office_form.html", principal=current_principal(),
                           active="office", table=table, fixed=fixed, readings=NUMBER_READINGS,
                           error=error.message if error else None), status
