"""Layout of the server-side SVG bar chart: full labels wrapped, values never clipped."""

from __future__ import annotations

import textwrap

LABEL_X = 0
BAR_X = 250  # labels take the first 250 units, wrapped at LABEL_CHARS characters
LABEL_CHARS = 36
LINE_HEIGHT = 15
BAR_HEIGHT = 22
GAP = 16
BAR_MAX = 520
VALUE_ROOM = 110  # room right of the longest bar for its value (« 12 345 » at 13 px)


def layout(items: list[dict]) -> dict:
    """``items``: dicts with ``label`` and numeric ``value`` (plus anything else, kept).

    Returns the bars (``lines`` of the label, ``y``, ``width``, ``value_x``, ``text_y``)
    and the ``width`` and ``height`` of the viewBox that holds them all.
    """
    top = max([1, *[item["value"] or 0 for item in items]])
    bars, y = [], 10
    for item in items:
        lines = textwrap.wrap(str(item["label"]), LABEL_CHARS) or [""]
        height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT)
        width = round(BAR_MAX * (item["value"] or 0) / top)
        bars.append(
            {
                **item,
                "lines": lines,
                "y": y,
                "width": width,
                "value_x": BAR_X + width + 6,
                "bar_y": (height - BAR_HEIGHT) // 2,
                "text_y": (height - BAR_HEIGHT) // 2 + 16,
            }
        )
        y += height + GAP
    return {"bars": bars, "width": BAR_X + BAR_MAX + VALUE_ROOM, "height": y}
