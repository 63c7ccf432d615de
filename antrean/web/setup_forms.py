"""Admin form fields -> the table keys config.toml uses; the values are checked afterwards by
the config's own rules (a number field holding "abc" stays a string and gets their message)."""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from antrean.core.hours import WEEKDAY_KEYS

SERVICE_NUMBERS = ("target_wait_minutes", "daily_quota", "average_service_minutes")
OFFICE_TEXTS = ("name", "address", "number_reading", "counter_word")


def number(text: str | None) -> int | str | None:
    """"" -> None (the key is removed), "12" -> 12, anything else as typed."""
    text = (text or "").strip()
    if not text:
        return None
    digits = text.removeprefix("-")
    # isdigit() alone takes "²³" and "٣", which int() refuses or reads as another number;
    # anything else goes on as typed, for the config's own rule to refuse in Indonesian.
    return int(text) if digits.isascii() and digits.isdigit() else text


def service_changes(form: MultiDict[str, str], new: bool) -> dict[str, Any]:
    changes: dict[str, Any] = {"name": form.get("name", ""), "prefix": form.get("prefix", "")}
    if new:
        changes["code"] = form.get("code", "")
    for key in SERVICE_NUMBERS:
        changes[key] = number(form.get(key))
    changes["issuing_hours"] = issuing_hours(form)
    if "agency" in form:  # only an MPP's form asks; a single office's services keep none
        changes["agency"] = form.get("agency", "")
    return changes


def issuing_hours(form: MultiDict[str, str]) -> str | dict[str, str] | None:
    """Seven day fields: all empty -> any time; all alike -> one string; else a day table."""
    days = {day: form.get(f"hours_{day}", "").strip() for day in WEEKDAY_KEYS}
    given = {day: text for day, text in days.items() if text}
    if not given:
        return None
    if len(given) == 7 and len(set(given.values())) == 1:
        return given["senin"]
    return given


def hours_fields(value: object) -> dict[str, str]:
    """The stored issuing_hours as the seven day fields of the form."""
    if isinstance(value, str):
        return dict.fromkeys(WEEKDAY_KEYS, value)
    if isinstance(value, dict):
        return {day: str(value.get(day, "")) for day in WEEKDAY_KEYS}
    return dict.fromkeys(WEEKDAY_KEYS, "")


def counter_changes(form: MultiDict[str, str], new: bool) -> dict[str, Any]:
    changes: dict[str, Any] = {"name": form.get("name", ""),
                               "services": form.getlist("services")}
    if new:
        changes["number"] = number(form.get("number"))
    return changes


def office_changes(form: MultiDict[str, str]) -> dict[str, Any]:
    changes: dict[str, Any] = {key: form.get(key, "") for key in OFFICE_TEXTS}
    changes["announcement_repeat"] = number(form.get("announcement_repeat"))
    return changes
