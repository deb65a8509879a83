"""The Overview for a governors' meeting: a one-page summary, then each view with its chart (drawn
with reportlab's own graphics) beside the numbers it shows, and the full table below.

Small numbers of children are suppressed ("<5", see ``overview_rows``); no child is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from hubdesk.core.money import money
from hubdesk.reports import overview_rows as views
from hubdesk.reports.pdf import FONT, FONT_BOLD, build, para, styles, table
from hubdesk.services.overview import (
    CLUSTER,
    OFFER_STATUSES,
    SMALL,
    STRANDS,
    OfferRow,
    Overview,
    ViabilityRow,
    suppressed,
)

WIDTH = landscape(A4)[0] - 24 * mm
CHART_WIDTH = 120 * mm
COLOURS = (colors.HexColor("#1f77b4"), colors.HexColor("#ff7f0e"), colors.HexColor("#2ca02c"))
Series = Sequence[tuple[str, Sequence[float]]]

def bar_chart(title: str, categories: Sequence[str], series: Series, unit: str = "") -> Drawing:
    """Horizontal bars, one per series in each category, values written at the bars' ends."""
    rows = max(1, len(categories))
    bar_height = 5 * len(series) + 4
    height = rows * bar_height + 34
    drawing = Drawing(CHART_WIDTH, height)
    # The renderer starts from Helvetica (not embedded) unless the drawing names its first font.
    drawing.initialFontName = FONT  # type: ignore[attr-defined]
    drawing.add(String(0, height - 10, title, fontName=FONT_BOLD, fontSize=9))
    chart = HorizontalBarChart()
    chart.x, chart.y = int(62 * mm), 4
    chart.width, chart.height = int(CHART_WIDTH - 76 * mm), rows * bar_height
    # The chart draws the first series lowest in each group: give it the series bottom-up, so
    # they read top-down in the legend's order.
    chart.data = [list(values) or [0] for _name, values in reversed(series)] or [[0]]
    chart.categoryAxis.categoryNames = [c[:38] for c in categories] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.reverseDirection = True
    chart.valueAxis.visible = False
    chart.valueAxis.labels.fontName = FONT  # even unseen, a label's font must be embedded
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max([v for _n, values in series for v in values] + [1]) * 1.15
    chart.barLabelFormat = "%.0f%%" if unit == "%" else "£%.0f" if unit == "£" else "%.0f"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 6
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 2
    for n, _s in enumerate(series):
        chart.bars[len(series) - 1 - n].fillColor = COLOURS[n % len(COLOURS)]
        chart.bars[len(series) - 1 - n].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 0, height - 18
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.dx = legend.dy = 6
    legend.deltax = 70
    legend.colorNamePairs = [(COLOURS[n % len(COLOURS)], name) for n, (name, _v) in enumerate(series)]
    drawing.add(legend)
    return drawing


def _grid(view: views.View, widths: Sequence[float] | None = None) -> Flowable:
    s = styles(7.5)
    head = [para(h, s.cell_bold) for h in view.headings]
    body = [[para(_cell(v), s.cell) for v in row] for row in view.rows]
    count = len(view.headings)
    return table([head, *body] if body else [head, [para("Nothing in this period.", s.cell)]
                                             + [""] * (count - 1)],
                 widths or [WIDTH / count] * count)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _beside(chart: Drawing, view: views.View) -> Flowable:
    """The chart and the table of the numbers it shows, side by side, never split."""
    right = WIDTH - CHART_WIDTH - 6 * mm
    inner = _grid(view, [right / len(view.headings)] * len(view.headings))
    return table([[chart, inner]], [CHART_WIDTH + 3 * mm, right + 3 * mm], header_rows=0,
                 zebra=False, extra=[("GRID", (0, 0), (-1, -1), 0, colors.white)])


def _section(title: str, note: str = "") -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Paragraph(title, s.heading)]
    if note:
        out.append(para(note, s.small))
    return out


def summary(o: Overview, offer: list[OfferRow]) -> list[Flowable]:
    """The first page: the figures a governor asks for, in sentences and one small grid."""
    s = styles()
    t = o.totals()
    lines = [
        f"Places: {t.offered:,} offered in {t.sessions:,} club sessions, {t.booked:,} booked "
        f"({t.occupancy:g}% occupancy), {t.attended:,} attended.",
        f"Children on the roll who came to no club: {_cell(suppressed(len(o.missing)))}.",
        *views.gaps(o),
        f"Parent learning: {sum(r.courses for r in o.learning)} courses, "
        f"{_cell(suppressed(sum(r.enrolments for r in o.learning)))} enrolments, "
        f"{_cell(suppressed(sum(r.completions for r in o.learning)))} completed.",
        f"Minibus: {sum(r.runs for r in o.runs):,} runs carried "
        f"{sum(r.passengers for r in o.runs):,} passengers.",
        f"Clubs: income {money(sum(v.income_pence for v in o.viability))} against staff "
        f"cost {money(sum(v.staff_cost_pence for v in o.viability))}. {o.income_note}"
        + (" No hourly rate is set yet for: " + ", ".join(o.missing_rates) + "; their hours "
           "count as £0." if o.missing_rates else ""),
    ]
    story: list[Flowable] = [para(f"Overview for governors — {o.site}", s.title),
                             para(o.period.label, s.body), Spacer(1, 4 * mm)]
    story += [para(f"• {line}", s.body) for line in lines]
    story.append(Spacer(1, 4 * mm))
    story += _offer_grid(offer)
    story.append(para(f"Groups of fewer than {SMALL} children are shown as <5.", s.small))
    return story


def _offer_grid(offer: list[OfferRow]) -> list[Flowable]:
    if not offer:
        return []
    s = styles(7.5)
    schools = list(dict.fromkeys(r.school for r in offer))
    status = {(r.school, r.strand): OFFER_STATUSES[r.status] for r in offer}
    head = [para("Core offer", s.cell_bold)] + [para(label.split(" (")[0], s.cell_bold)
                                                 for label in STRANDS.values()]
    rows = [[para(school, s.cell)] + [para(status[school, k], s.cell) for k in STRANDS]
            for school in schools]
    first = 60 * mm
    return [table([head, *rows], [first] + [(WIDTH - first) / len(STRANDS)] * len(STRANDS))]


def club_label(row: ViabilityRow) -> str:
    """'After-School Club (Brook Lane)': clubs of one name at several sites stay apart."""
    return f"{row.club} ({' '.join(row.site.split()[:2])})"


def charts(o: Overview) -> dict[str, Drawing]:
    """The chart for each view that has one, keyed by the view's title."""
    sites = o.places_by_site()
    whole = o.site if o.site != "All sites" else CLUSTER
    groups = [r for r in o.take_up if r.school == whole and r.group != "All children"
              and r.on_roll >= SMALL]
    rows = sorted(o.viability, key=lambda r: -r.income_pence)[:15]
    return {
        "Places offered, booked and attended": bar_chart(
            "Places per site", [p.site for p in sites],
            [("Offered", [p.offered for p in sites]), ("Booked", [p.booked for p in sites]),
             ("Attended", [p.attended for p in sites])]),
        "Take-up by group against the roll": bar_chart(
            f"{whole}: share of roll and of places", [g.group for g in groups],
            [("% of roll", [g.roll_share for g in groups]),
             ("% of places", [g.places_share for g in groups])], "%"),
        "Parent learning": bar_chart(
            "Enrolments and completions", [r.site for r in o.learning],
            [("Enrolments", [r.enrolments for r in o.learning]),
             ("Completed", [r.completions for r in o.learning])]),
        "Minibus: seats used per run": bar_chart(
            "Average seats used", [f"{r.run} ({r.vehicle})" for r in o.runs],
            [("Seats used", [r.average_use for r in o.runs])], "%"),
        "Club viability": bar_chart(
            "Income and staff cost (largest 15 clubs)", [club_label(r) for r in rows],
            [("Income", [r.income_pence / 100 for r in rows]),
             ("Staff cost", [r.staff_cost_pence / 100 for r in rows])], "£"),
    }


def _chart_rows(view: views.View, o: Overview) -> views.View:
    """The numbers the chart shows, for the table beside it (the full table follows below)."""
    title = view.title
    if title.startswith("Places"):
        return views.View(title, ("Site", "Offered", "Booked", "Attended", "Occupancy %"),
                          tuple((p.site, p.offered, p.booked, p.attended, p.occupancy)
                                for p in o.places_by_site()))
    if title.startswith("Take-up"):
        whole = o.site if o.site != "All sites" else CLUSTER
        return views.View(title, ("Group", "% of roll", "% of places"), tuple(
            (r[1], r[3], r[7]) for r in view.rows if r[0] == whole))
    if title == "Parent learning":
        return views.View(title, ("Site", "Enrolments", "Completed"),
                          tuple((r[0], r[2], r[3]) for r in view.rows))
    if title.startswith("Minibus"):
        return views.View(title, ("Run", "Average use %"),
                          tuple((f"{r.run} ({r.vehicle})", r.average_use) for r in o.runs))
    rows = sorted(o.viability, key=lambda r: -r.income_pence)[:15]
    return views.View(title, ("Club", "Income", "Staff cost"), tuple(
        (club_label(r), money(r.income_pence), money(r.staff_cost_pence)) for r in rows))


def write_overview(o: Overview, offer: list[OfferRow], path: Path) -> None:
    story = [*summary(o, offer), PageBreak()]
    drawn = charts(o)
    for view in views.every_view(o, offer):
        story.append(CondPageBreak(70 * mm))
        if view.title in drawn and view.rows:  # the heading stays with its chart
            story += [KeepTogether([*_section(view.title, view.note),
                                    _beside(drawn[view.title], _chart_rows(view, o))]),
                      Spacer(1, 3 * mm)]
        else:
            story += _section(view.title, view.note)
        story.append(_grid(view))
    build(path, story, title=f"Overview — {o.site}, {o.period.label}", landscape_pages=True,
          footer=f"hubdesk Overview · {o.site} · {o.period.label}",
          running_header=f"Overview · {o.site} · {o.period.label}")
