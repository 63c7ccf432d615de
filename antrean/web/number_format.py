"""Indonesian number, share and duration labels for the report pages (Jinja filters)."""

from __future__ import annotations

from flask import Blueprint


def number_label(value: float | None) -> str:
    """1234 -> "1.234"."""
    if value is None:
        return "–"
    return f"{value:,.0f}".replace(",", ".")


def share_label(share: float | None) -> str:
    """0.75 -> "75,0%"."""
    if share is None:
        return "–"
    return f"{share * 100:.1f}%".replace(".", ",")


def duration_label(seconds: float | None) -> str:
    """825 -> "13 mnt 45 dtk"; 3900 -> "1 jam 5 mnt"."""
    if seconds is None:
        return "–"
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} jam {minutes} mnt"
    if minutes:
        return f"{minutes} mnt {secs:02d} dtk" if secs else f"{minutes} mnt"
    return f"{secs} dtk"


def minutes_label(seconds: float | None) -> str:
    """825 -> "13,8": minutes with one decimal, for dense tables."""
    if seconds is None:
        return "–"
    return f"{seconds / 60:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def hours_label(seconds: float | None) -> str:
    """5400 -> "1,5"."""
    return minutes_label(None if seconds is None else seconds / 60)


def register_filters(blueprint: Blueprint) -> None:
    blueprint.add_app_template_filter(number_label, "angka")
    blueprint.add_app_template_filter(share_label, "persen")
    blueprint.add_app_template_filter(duration_label, "durasi")
    blueprint.add_app_template_filter(minutes_label, "menit")
    blueprint.add_app_template_filter(hours_label, "jam")
