"""Charts made on the server: SVG bars (pages, PDF), PNG bars (DOCX) and a map of rates per
commune (points at the town halls' coordinates shipped with the communes, inline SVG: no
tile server, no JavaScript). A suppressed value draws no bar and reads « < 5 »."""

from __future__ import annotations

import io
import math
from xml.sax.saxutils import escape

from .suppression import SUPPRESSED

BAR_H, GAP, LABEL_W, PLOT_W = 18, 8, 250, 280
LABEL_CHARS = 40
COLOURS = ("#d6e4f0", "#9cc3e4", "#5b9bd5", "#2e6da4", "#1b4470")


def _number(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _short(label) -> str:
    label = str(label)
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _text(value, unit: str) -> str:
    if value is None:
        return "—"
    if value == SUPPRESSED:
        return SUPPRESSED
    return (
        f"{value:g} {unit}".replace(".", ",").strip()
        if isinstance(value, (int, float))
        else str(value)
    )


def bars_svg(
    items: list[tuple[str, object]], *, unit: str = "", target: float | None = None, title: str = ""
) -> str:
    """Horizontal bars, one per ``(label, value)``; ``target`` draws a dashed line."""
    values = [n for _, v in items if (n := _number(v)) is not None]
    top = max([1.0, *values, *([target] if target else [])])
    height = len(items) * (BAR_H + GAP) + GAP + 14
    width = LABEL_W + PLOT_W + 80
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for k, (label, value) in enumerate(items):
        y = GAP + k * (BAR_H + GAP)
        number = _number(value)
        parts.append(
            f'<text x="{LABEL_W - 6}" y="{y + 13}" text-anchor="end">{escape(_short(label))}</text>'
        )
        bar = 0 if number is None else round(PLOT_W * number / top)
        if bar:
            parts.append(
                f'<rect x="{LABEL_W}" y="{y}" width="{bar}" height="{BAR_H}" fill="#2e6da4"/>'
            )
        parts.append(
            f'<text x="{LABEL_W + bar + 4}" y="{y + 13}">{escape(_text(value, unit))}</text>'
        )
    if target:
        x = LABEL_W + round(PLOT_W * target / top)
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{height - 14}" stroke="#c0392b" stroke-dasharray="4 3"/>'
            f'<text x="{x}" y="{height - 2}" text-anchor="middle" fill="#c0392b">cible {target:g} {unit}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def bars_png(
    items: list[tuple[str, object]], *, unit: str = "", target: float | None = None
) -> bytes:
    """The same chart as a PNG (for DOCX, which does not take SVG)."""
    from PIL import Image, ImageDraw

    height = len(items) * (BAR_H + GAP) + GAP + 14
    image = Image.new("RGB", (LABEL_W + PLOT_W + 80, height), "white")
    draw = ImageDraw.Draw(image)
    values = [n for _, v in items if (n := _number(v)) is not None]
    top = max([1.0, *values, *([target] if target else [])])
    for k, (label, value) in enumerate(items):
        y = GAP + k * (BAR_H + GAP)
        number = _number(value)
        draw.text((4, y + 3), _short(label), fill="black")
        bar = 0 if number is None else round(PLOT_W * number / top)
        if bar:
            draw.rectangle([LABEL_W, y, LABEL_W + bar, y + BAR_H], fill="#2e6da4")
        draw.text((LABEL_W + bar + 4, y + 3), _text(value, unit), fill="black")
    if target:
        x = LABEL_W + round(PLOT_W * target / top)
        draw.line([x, 0, x, height - 14], fill="#c0392b", width=1)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def commune_map_svg(
    points: list[tuple[str, float | None, float | None, object]],
    *,
    unit: str = "%",
    size: int = 360,
) -> str:
    """Points ``(name, latitude, longitude, value)`` projected (equirectangular, cos(lat))
    and coloured by value (five classes over 0–100 for rates)."""
    placed = [(n, la, lo, v) for n, la, lo, v in points if la is not None and lo is not None]
    if not placed:
        return ""
    lats, lons = [p[1] for p in placed], [p[2] for p in placed]
    scale_x = math.cos(math.radians(sum(lats) / len(lats)))
    span = max((max(lons) - min(lons)) * scale_x, max(lats) - min(lats), 0.01)
    pad = 30

    def xy(lat, lon):
        return (
            pad + (lon - min(lons)) * scale_x / span * (size - 2 * pad),
            size - pad - (lat - min(lats)) / span * (size - 2 * pad),
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" font-family="sans-serif" font-size="10">',
        "<title>Taux par commune</title>",
        f'<rect width="{size}" height="{size}" fill="#f7f9fb" stroke="#ccd"/>',
    ]
    for name, lat, lon, value in placed:
        x, y = xy(lat, lon)
        number = _number(value)
        colour = "#bbbbbb" if number is None else COLOURS[min(4, int(number // 20))]
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour}" stroke="#333">'
            f"<title>{escape(name)} : {escape(_text(value, unit))}</title></circle>"
            f'<text x="{x + 11:.1f}" y="{y + 4:.1f}">{escape(name)[:24]} ({escape(_text(value, unit))})</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
