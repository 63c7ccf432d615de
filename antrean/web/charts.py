"""Small inline SVG charts drawn on the server: no JavaScript, no external library."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 44
BLUE, LIGHT, AMBER, INK, GRID = "#0b4f8a", "#9cc3e6", "#b36b00", "#5b6470", "#e3e8ee"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # the bar (e.g. median wait, minutes)
    mark: float | None = None  # a tick drawn over the bar (e.g. p90)
    note: str = ""  # tooltip text


def _nice_top(value: float) -> float:
    """A round axis maximum at or above value: 1, 2, 5 x 10^n."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _fmt(value: float) -> str:
    if value == int(value):
        return f"{value:.0f}"
    return f"{value:.1f}".replace(".", ",")


def _frame(top: float, unit: str, width: int = WIDTH) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = []
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="{GRID}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" '
                     f'class="tick">{_fmt(value)}</text>')
    parts.append(f'<text x="12" y="{TOP + plot_h / 2:.0f}" class="unit" text-anchor="middle" '
                 f'transform="rotate(-90 12 {TOP + plot_h / 2:.0f})">{escape(unit)}</text>')
    return parts


def bar_chart(bars: Sequence[Bar], unit: str, label: str, every: int = 1) -> Markup:
    """Bars with an optional mark each; `every` thins the axis labels of long series."""
    values = [b.value or 0 for b in bars] + [b.mark or 0 for b in bars]
    top = _nice_top(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(bars), 1)
    parts = _frame(top, unit)
    for i, bar in enumerate(bars):
        x = LEFT + i * slot
        if bar.value:
            h = plot_h * bar.value / top
            parts.append(f'<rect x="{x + slot * 0.18:.1f}" y="{TOP + plot_h - h:.1f}" '
                         f'width="{slot * 0.64:.1f}" height="{h:.1f}" rx="2" fill="{BLUE}">'
                         f'<title>{escape(bar.note)}</title></rect>')
        if bar.mark:
            y = TOP + plot_h - plot_h * bar.mark / top
            parts.append(f'<line x1="{x + slot * 0.12:.1f}" x2="{x + slot * 0.88:.1f}" '
                         f'y1="{y:.1f}" y2="{y:.1f}" stroke="{AMBER}" stroke-width="3"/>')
        if i % every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                         f'text-anchor="middle" class="tick">{escape(bar.label)}</text>')
    return _svg(parts, label)


def trend_chart(days: Sequence[tuple[str, int, float | None]], unit: str,
                label: str) -> Markup:
    """Tickets issued per day as light bars, the mean wait as a line on its own scale."""
    width = WIDTH * 2  # drawn across the page: twice as wide, same text size
    plot_w, plot_h = width - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(days), 1)
    top_wait = _nice_top(max((d[2] or 0 for d in days), default=0))
    top_count = _nice_top(max((d[1] for d in days), default=0))
    parts = _frame(top_wait, unit, width)
    points = []
    every = max(1, math.ceil(len(days) / 24))
    for i, (day, issued, wait) in enumerate(days):
        x = LEFT + i * slot
        if issued:
            h = plot_h * issued / top_count
            parts.append(f'<rect x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - h:.1f}" '
                         f'width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{LIGHT}">'
                         f'<title>{escape(day)}: {issued} nomor</title></rect>')
        if wait is not None:
            points.append(f"{x + slot / 2:.1f},{TOP + plot_h - plot_h * wait / top_wait:.1f}")
        if i % every == 0:
            parts.append(f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
                         f'text-anchor="middle" class="tick">{escape(day[8:10] + "/" + day[5:7])}'
                         '</text>')
    if points:
        parts.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{BLUE}" '
                     'stroke-width="2.5" stroke-linejoin="round"/>')
        parts += [f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{BLUE}"/>'
                  for p in points] if len(points) <= 62 else []
    parts.append(f'<text x="{width - RIGHT}" y="{TOP + 10}" text-anchor="end" class="tick">'
                 f'batang: nomor diterbitkan (skala 0-{top_count:.0f})</text>')
    return _svg(parts, label, width)


def _svg(parts: list[str], label: str, width: int = WIDTH) -> Markup:
    body = "".join(parts)
    return Markup(f'<svg class="chart" viewBox="0 0 {width} {HEIGHT}" role="img" '
                  f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>')
