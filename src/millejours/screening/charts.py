"""Server-side SVG chart of EPDS scores (accessible: title, desc; a table goes with it)."""

from __future__ import annotations

from datetime import datetime

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 640, 240, 36
MAX_SCORE = 30
RIGHT = WIDTH - 100  # plot area ends here; threshold labels go to its right


def _y(score: int) -> str:
    return f"{HEIGHT - PAD - (HEIGHT - 2 * PAD) * score / MAX_SCORE:.1f}"


def _f(value: float) -> str:
    return f"{value:.1f}"


def _svg_open(chart_id: str, desc: str) -> list[str]:
    """The opening of the SVG: its title and description (for screen readers), background."""
    return [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
            'aria-labelledby="{}-title {}-desc" class="chart" width="100%" style="max-width:{}px">',
            WIDTH,
            HEIGHT,
            chart_id,
            chart_id,
            WIDTH,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, _("Évolution du score EPDS")),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, desc),
        format_html('<rect x="0" y="0" width="{}" height="{}" fill="#fff"/>', WIDTH, HEIGHT),
    ]


def _thresholds_and_axis() -> list[str]:
    """The dashed threshold lines (vigilance 9, high 13) with their labels, and the x axis."""
    parts: list[str] = []
    for threshold, label, colour in (
        (9, _("vigilance (9)"), "#8a5a00"),
        (13, _("élevé (13)"), "#b3261e"),
    ):
        y = _y(threshold)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-dasharray="4 4"/>'
                '<text x="{}" y="{}" font-size="11" fill="{}">{}</text>',
                PAD,
                RIGHT,
                y,
                y,
                colour,
                RIGHT + 6,
                _f(float(y) + 4),
                colour,
                label,
            )
        )
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#555f6b"/>',
            PAD,
            RIGHT,
            HEIGHT - PAD,
            HEIGHT - PAD,
        )
    )
    return parts


def _point(at: datetime, total: int, x: str, y: str, alert: bool) -> str:
    """One score: a dot (larger and red with a positive item 10), its value and its date."""
    return format_html(
        '<circle cx="{}" cy="{}" r="{}" fill="{}"/>'
        '<text x="{}" y="{}" font-size="11" text-anchor="middle"{}>{}</text>'
        '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#555f6b">{}</text>',
        x,
        y,
        6 if alert else 4,
        "#b3261e" if alert else "#1d5c63",
        x,
        _f(float(y) - 8),
        mark_safe(' fill="#b3261e" font-weight="bold"') if alert else "",
        f"{total} · {_('item 10')}" if alert else total,
        x,
        HEIGHT - PAD + 14,
        f"{at:%d/%m}",
    )


def epds_chart(responses, *, chart_id: str = "epds-chart") -> str:
    kept = [r for r in responses if r.total is not None]
    points = [(localtime(r.created_at), r.total) for r in kept]
    if not points:
        return ""
    # A positive item 10 is `eleve` whatever the total: say so beside the point.
    levels = [_(r.shown_level_label).lower() for r in kept]
    item10 = [bool(r.alert) for r in kept]
    n = len(points)
    step = (RIGHT - PAD) / max(n - 1, 1)
    coords = [
        (_f(PAD + i * step if n > 1 else (PAD + RIGHT) / 2), _y(total))
        for i, (_, total) in enumerate(points)
    ]
    desc = "; ".join(
        _("%(date)s : %(total)s sur 30, %(level)s")
        % {"date": f"{at:%d/%m/%Y}", "total": total, "level": level}
        + (" " + _("(item 10 positif)") if alert else "")
        for (at, total), level, alert in zip(points, levels, item10, strict=True)
    )
    parts = [*_svg_open(chart_id, desc), *_thresholds_and_axis()]
    if n > 1:
        parts.append(
            format_html(
                '<polyline fill="none" stroke="#1d5c63" stroke-width="2" points="{}"/>',
                " ".join(f"{x},{y}" for x, y in coords),
            )
        )
    for (at, total), (x, y), alert in zip(points, coords, item10, strict=True):
        parts.append(_point(at, total, x, y, alert))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))
