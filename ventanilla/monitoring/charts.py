"""Static inline SVG bar charts, drawn at build time: no script, no library, a few hundred
bytes each. The chart is a picture of the table that follows it (aria-hidden); the
table carries the figures for screen readers. Hidden cells draw no bar, only their mark."""

from __future__ import annotations

from html import escape

WIDTH = 320
BAR = "#1f5f8b"
INK = "#222"


def _svg(height: int, body: str) -> str:
    return (f'<svg class="vn-chart" viewBox="0 0 {WIDTH} {height}" width="100%" aria-hidden="true" '
            f'focusable="false" font-size="14" fill="{INK}">{body}</svg>')


def bars(items: list[tuple[str, int | None, str]]) -> str:
    """Horizontal bars, label above each bar: (label, count or None, mark)."""
    top = max([n for _, n, _ in items if n is not None] or [1]) or 1
    row, parts = 34, []
    for i, (label, count, mark) in enumerate(items):
        y = i * row
        parts.append(f'<text x="0" y="{y + 13}">{escape(label)}</text>')
        if count is None:
            parts.append(f'<text x="0" y="{y + 29}">{escape(mark)}</text>')
            continue
        width = max(1, round(count / top * (WIDTH - 50)))
        parts.append(f'<rect x="0" y="{y + 17}" width="{width}" height="13" fill="{BAR}"/>'
                     f'<text x="{width + 4}" y="{y + 29}">{count}</text>')
    return _svg(len(items) * row, "".join(parts))


def columns(items: list[tuple[str, int | None, str]]) -> str:
    """Vertical columns for a trend (months): (label, count or None, mark)."""
    dense = len(items) > 8  # a year of months: labels on two rows, smaller figures
    height, base = (184, 140) if dense else (170, 140)
    size = ' font-size="10"' if dense else ""
    top = max([n for _, n, _ in items if n is not None] or [1]) or 1
    pad = 20 if dense else 0  # room for the first and last month's label
    step = (WIDTH - 2 * pad) / max(1, len(items))
    parts = [f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{INK}"/>']
    for i, (label, count, mark) in enumerate(items):
        x = round(pad + i * step + step * 0.15)
        mid = round(pad + i * step + step / 2)
        w = round(step * 0.7)
        y = base + 16 + (14 if dense and i % 2 else 0)
        parts.append(f'<text x="{mid}" y="{y}" text-anchor="middle" font-size="{11 if dense else 12}">{escape(label)}</text>')
        if count is None:
            parts.append(f'<text x="{mid}" y="{base - 4}" text-anchor="middle"{size}>{escape(mark)}</text>')
            continue
        h = max(1, round(count / top * (base - 20)))
        parts.append(f'<rect x="{x}" y="{base - h}" width="{w}" height="{h}" fill="{BAR}"/>'
                     f'<text x="{mid}" y="{base - h - 4}" text-anchor="middle"{size}>{count}</text>')
    return _svg(height, "".join(parts))
