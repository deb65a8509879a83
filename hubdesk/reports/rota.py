"""The weekly staff rota on landscape A4: one page per site with the days as columns, and a
per-person version. Each session shows its times and room, children booked against staff
required, and who is on it in what role; first-aiders are marked ✚ and under-staffed sessions say so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from hubdesk.core.words import hours as hours_words
from hubdesk.reports.pdf import build, para, styles, table, text
from hubdesk.services.rota.dto import PersonWeek, SessionCell, ShiftRow, WeekGrid

PAGE_WIDTH = 273 * mm  # landscape A4 less the margins
LABEL_WIDTH = 38 * mm
FIRST_AID = "✚"
UNDER = colors.Color(1, 0.85, 0.85)
SHORT = colors.Color(1, 0.95, 0.8)


def _staff_line(shift: ShiftRow, session: SessionCell | None = None) -> str:
    mark = f" {FIRST_AID}" if shift.first_aider else ""
    times = "" if session and shift.times == session.times else f" {shift.times}"
    return f"{text(shift.name)}{mark} <font size=7>({text(shift.role_label)}{times})</font>"


def _duty_line(shift: ShiftRow) -> str:
    mark = f" {FIRST_AID}" if shift.first_aider else ""
    note = f": {text(shift.note)}" if shift.note else ""
    return f"{text(shift.name)}{mark} <font size=7>({text(shift.role_label)}{note})</font>"


def _session_cell(cell: SessionCell) -> str:
    where = f" · {text(cell.room)}" if cell.room else ""
    lines = [f"<b>{cell.times}</b>{where}"]
    if cell.children:
        lines.append(f"{cell.children} {cell.counted} / {cell.required} staff required")
    else:
        lines.append("no children booked")
    lines += [_staff_line(x, cell) for x in cell.staff] or ["<i>nobody on the rota</i>"]
    if cell.status == "under":
        lines.append("<b>UNDER RATIO</b>")
    elif cell.status == "warning":
        lines.append("<b>Check:</b> " + text("; ".join(p.split(": ", 1)[-1] for p in cell.problems)))
    return "<br/>".join(lines)


def _site_story(grid: WeekGrid) -> list[Flowable]:
    st = styles(7.5)
    day_width = (PAGE_WIDTH - LABEL_WIDTH) / len(grid.days)
    header: list[object] = [para("Session", st.cell_bold)]
    for day, closed in zip(grid.days, grid.closed, strict=True):
        note = f"<br/><font size=7>{text(closed)}</font>" if closed else ""
        header.append(Paragraph(f"<b>{day:%A %d %b}</b>{note}", st.cell))
    rows: list[list[object]] = [header]
    extra: list[tuple[object, ...]] = []
    titles: list[str] = []
    for cell in grid.sessions:
        if cell.title not in titles:
            titles.append(cell.title)
    for title in titles:
        row: list[object] = [para(title, st.cell_bold)]
        for col, day in enumerate(grid.days, start=1):
            cells = [c for c in grid.sessions if c.title == title and c.day == day]
            row.append(Paragraph("<br/><br/>".join(_session_cell(c) for c in cells), st.cell)
                       if cells else "")
            for c in cells:
                if c.status in ("under", "warning"):
                    extra.append(("BACKGROUND", (col, len(rows)), (col, len(rows)),
                                  UNDER if c.status == "under" else SHORT))
        rows.append(row)
    duties: list[object] = [para("Site duties and other work", st.cell_bold)]
    for n in range(len(grid.days)):
        others = [x for week in grid.staff for x in week.days[n]
                  if x.kind not in ("club", "creche") and x.site_id == grid.site_id]
        duties.append(Paragraph("<br/>".join(
            f"<b>{x.times}</b> {_duty_line(x)}" for x in sorted(others, key=lambda x: (x.start, x.name))),
            st.cell))
    rows.append(duties)
    result = table(rows, [LABEL_WIDTH, *[day_width] * len(grid.days)], zebra=False, extra=extra)
    story: list[Flowable] = [
        para(f"Staff rota: {grid.site}", st.title),
        para(f"Week of {grid.monday:%A %d %B %Y}", st.heading), result, Spacer(0, 3 * mm),
        para(f"{FIRST_AID} paediatric first-aider  ·  children booked (or signed in) / staff "
             "required  ·  shaded red: under ratio; amber: no first-aider or too few staff",
             st.small)]
    if grid.problems:
        story += [CondPageBreak(25 * mm), para("Problems to fix", st.heading)]
        story += [Paragraph(("<b>Blocking:</b> " if p.blocking else "") + text(p.message), st.small)
                  for p in grid.problems]
    return story


def write_site_rota(grids: Sequence[WeekGrid], path: Path | str) -> None:
    """One landscape page (or more when long) per site."""
    if not grids:
        raise ValueError("There is no site to print.")
    story: list[Flowable] = []
    for n, grid in enumerate(grids):
        if n:
            story.append(PageBreak())
        story += _site_story(grid)
    monday: date = grids[0].monday
    title = f"Staff rota, week of {monday:%d/%m/%Y}"
    build(path, story, title=title, footer=title, landscape_pages=True,
          running_header=f"Staff rota · {', '.join(g.site for g in grids)[:150]}")


def _person_story(week: PersonWeek) -> list[Flowable]:
    st = styles(9)
    rows: list[list[object]] = [[para(h, st.cell_bold) for h in
                                 ("Day", "Time", "Site", "Session or duty", "Role")]]
    for n, shifts in enumerate(week.week.days):
        day = week.monday.toordinal() + n
        label = date.fromordinal(day).strftime("%A %d %b")
        if not shifts:
            rows.append([para(label, st.cell), "", "", para("—", st.cell), ""])
        for i, x in enumerate(shifts):
            rows.append([para(label if i == 0 else "", st.cell), x.times, para(x.site, st.cell),
                         para(x.title, st.cell), para(x.role_label, st.cell)])
    hours = week.week.minutes / 60
    contracted = (f" (contracted {hours_words(week.week.contracted_minutes / 60)})"
                  if week.week.contracted_minutes is not None else "")
    story: list[Flowable] = [
        para(f"Rota for {week.name}", st.title),
        para(f"Week of {week.monday:%A %d %B %Y} · {week.role} · {hours_words(hours)}{contracted}",
             st.heading),
        table(rows, [45 * mm, 30 * mm, 60 * mm, 100 * mm, 38 * mm])]
    if week.problems:
        story += [Spacer(0, 3 * mm), para("To sort out", st.heading)]
        story += [para(p.message, st.small) for p in week.problems]
    return story


def write_person_rota(weeks: Sequence[PersonWeek], path: Path | str) -> None:
    """One page per person: their shifts day by day, hours and anything to sort out."""
    if not weeks:
        raise ValueError("There is nobody to print.")
    story: list[Flowable] = []
    for n, week in enumerate(weeks):
        if n:
            story.append(PageBreak())
        story += _person_story(week)
    title = f"Staff rota, week of {weeks[0].monday:%d/%m/%Y}"
    build(path, story, title=title, footer=title, landscape_pages=True,
          running_header=f"Staff rota · {weeks[0].name}" if len(weeks) == 1 else "Staff rota")
