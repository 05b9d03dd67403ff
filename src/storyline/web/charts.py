"""Charts drawn on the server as inline SVG (no script, no library): bars over days, each
chart with a text alternative that says what it shows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from markupsafe import Markup, escape

#: More days than this are drawn as weeks.
_MAX_BARS = 120


def _parse(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10])
    except ValueError:
        return None


def series(points: Iterable[tuple[str, int]], max_bars: int = _MAX_BARS
           ) -> tuple[list[tuple[date, int]], str]:
    """Counts per day, with every day between the first and the last filled in (zeros), or per
    week (Mondays) when there are more than ``max_bars`` days, or per month (its first day)
    when there are more than that many weeks; and the unit ("day", "week" or "month")."""
    totals: dict[date, int] = {}
    for day, n in points:
        d = _parse(day)
        if d is not None:
            totals[d] = totals.get(d, 0) + n
    if not totals:
        return [], "day"
    first, last = min(totals), max(totals)
    unit = "day"
    if (last - first).days + 1 > max_bars:
        unit = "week" if (last - first).days // 7 + 1 <= max_bars else "month"
        grouped: dict[date, int] = {}
        for d, n in totals.items():
            start = d - timedelta(days=d.weekday()) if unit == "week" else d.replace(day=1)
            grouped[start] = grouped.get(start, 0) + n
        totals = grouped
        first, last = min(totals), max(totals)
    out = []
    d = first
    while d <= last:
        out.append((d, totals.get(d, 0)))
        if unit == "month":
            d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
        else:
            d += timedelta(days=7 if unit == "week" else 1)
    return out, unit


def _count(n: int, what: str) -> str:
    return f"{n} {what[:-1] if n == 1 and what.endswith('s') else what}"


def describe(points: list[tuple[date, int]], unit: str, what: str,
             total: int | None = None) -> str:
    """The text alternative: total, span and the busiest day or week (and how many have no
    date, when ``total`` counts those too)."""
    dated = sum(n for _d, n in points)
    undated = f" ({_count(total - dated, what)} without a date)" \
        if total is not None and total > dated else ""
    if not points:
        return f"No {what} with a date{undated}."
    total = dated
    peak_day, peak = max(points, key=lambda p: (p[1], -p[0].toordinal()))
    span = (f"on {points[0][0].isoformat()}" if len(points) == 1 else
            f"from {points[0][0].isoformat()} to {points[-1][0].isoformat()}")
    busiest = "" if len(points) == 1 else \
        f"; most in the {unit} of {peak_day.isoformat()} ({peak})" if unit != "day" else \
        f"; most on {peak_day.isoformat()} ({peak})"
    return f"{_count(total, what)} {span}{busiest}{undated}."


def bar_chart(points: Iterable[tuple[str, int]], *, what: str, width: int = 160,
              height: int = 32, axis: bool = False, chart_id: str = "chart",
              total: int | None = None, max_bars: int = _MAX_BARS) -> Markup:
    """An SVG bar chart of counts over time, labelled for screen readers by its text
    alternative (``<title>`` and ``aria-describedby`` a caption shown under it)."""
    data, unit = series(points, max_bars)
    text = describe(data, unit, what, total)
    cid = escape(chart_id)
    if not data:
        return Markup(f'<p class="chart-none" id="{cid}-alt">{escape(text)}</p>')
    pad = 14 if axis else 0
    plot_h = height - pad
    top = max(n for _d, n in data) or 1
    # a few bars stay slim and centred instead of filling the width
    slot = min(width / len(data), width / 12)
    left = (width - slot * len(data)) / 2
    bar_w = max(1.0, slot * 0.8)
    bars = []
    for i, (d, n) in enumerate(data):
        if n == 0:
            continue  # an empty day is the gap between bars: nothing to draw or announce
        h = max(1.5, plot_h * n / top)
        x = left + i * slot + (slot - bar_w) / 2
        label = f"{d.isoformat()}: {n}"
        bars.append(f'<rect x="{x:.1f}" y="{plot_h - h:.1f}" width="{bar_w:.1f}" '
                    f'height="{h:.1f}"><title>{escape(label)}</title></rect>')
    baseline = f'<line x1="0" y1="{plot_h}" x2="{width}" y2="{plot_h}" class="base"/>'
    labels = ""
    if axis:
        labels = (f'<text x="0" y="{height - 2}" class="tick">{data[0][0].isoformat()}</text>'
                  f'<text x="{width}" y="{height - 2}" class="tick end">'
                  f'{data[-1][0].isoformat()}</text>')
    return Markup(
        f'<figure class="chart"><svg class="bars" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{cid}-title" '
        f'aria-describedby="{cid}-alt" focusable="false"><title id="{cid}-title">'
        f'{escape(what.capitalize())} per {unit}</title>{baseline}{"".join(bars)}{labels}</svg>'
        f'<figcaption id="{cid}-alt">{escape(text)}</figcaption></figure>')
