"""The weekly staff rota on landscape A4: one page per site with the days as columns, and a
per-person version. Each session shows its times and room, children booked against staff
required, and who is on it in what role; first-aiders are marked ✚, and someone who must not work
with children (no DBS, DBS not checked, barred list not checked, left) is marked ✖ in every cell
they appear in, so a ✚ beside them never makes the session look fine. Every page's running header
names its site; hours are written as people write them ("6 h 40 min").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from hubdesk.core.dates import spoken_day
from hubdesk.core.words import duration
from hubdesk.reports.grid import Cell, Grid, GridStyle, Look
from hubdesk.reports.pdf import FONT, FONT_BOLD, HeaderMark, build, para, styles, table, text
from hubdesk.reports.rich import Run, rich
from hubdesk.services.rota import PersonWeek, ProblemRow, SessionCell, ShiftRow, WeekGrid

PAGE_WIDTH = 273 * mm  # landscape A4 less the margins
LABEL_WIDTH = 38 * mm
SIZE, SMALL, LEADING = 7.5, 7.0, 9.0  # the grid's print, the roles' and notes', a line's height
FIRST_AID = "✚"
BLOCKED = "✖"
UNDER = colors.Color(1, 0.85, 0.85)
SHORT = colors.Color(1, 0.95, 0.8)
# What stops a person working with children, in the few words a cell has room for.
BLOCK_WORDS = {"no_dbs": "NO DBS", "dbs_unchecked": "DBS NOT CHECKED",
               "no_barred_check": "NO BARRED-LIST CHECK", "left": "HAS LEFT"}
Blocks = dict[int, list[str]]


def blocks_of(problems: Sequence[ProblemRow]) -> Blocks:
    """Staff id -> the blocking problems that apply to every shift of theirs this week."""
    found: Blocks = {}
    for p in problems:
        if p.blocking and p.staff_id is not None:
            words = BLOCK_WORDS.get(p.code, "CANNOT WORK WITH CHILDREN")
            if words not in found.setdefault(p.staff_id, []):
                found[p.staff_id].append(words)
    return found


def _mark(shift: ShiftRow, blocks: Blocks) -> list[Run]:
    block = blocks.get(shift.staff_id)
    mark: list[Run] = [(f" {FIRST_AID}", FONT, SIZE)] if shift.first_aider else []
    return mark + ([(f" {BLOCKED} {', '.join(block)}", FONT_BOLD, SIZE)] if block else [])


def _staff_line(shift: ShiftRow, session: SessionCell | None = None, blocks: Blocks | None = None
                ) -> list[Run]:
    times = "" if session and shift.times == session.times else f" {shift.times}"
    return [(shift.name, FONT, SIZE), *_mark(shift, blocks or {}),
            (f" ({shift.role_label}{times})", FONT, SMALL)]


def _duty_line(shift: ShiftRow, blocks: Blocks) -> list[Run]:
    note = f": {shift.note}" if shift.note else ""
    return [(shift.times, FONT_BOLD, SIZE), (f" {shift.name}", FONT, SIZE), *_mark(shift, blocks),
            (f" ({shift.role_label}{note})", FONT, SMALL)]


def _blocked(cell: SessionCell, blocks: Blocks) -> bool:
    return any(x.staff_id in blocks for x in cell.staff)


def _session_cell(cell: SessionCell, blocks: Blocks) -> list[list[Run]]:
    """The session's paragraphs: times and room, children against staff, who, what is wrong."""
    where: list[Run] = [(f" · {cell.room}", FONT, SIZE)] if cell.room else []
    lines: list[list[Run]] = [[(cell.times, FONT_BOLD, SIZE), *where]]
    if cell.children:
        lines.append([(f"{cell.children} {cell.counted} / {cell.required} staff required", FONT, SIZE)])
    else:
        lines.append([("no children booked", FONT, SIZE)])
    lines += [_staff_line(x, cell, blocks) for x in cell.staff] or [[("nobody on the rota", FONT, SIZE)]]
    if _blocked(cell, blocks):
        lines.append([(f"{BLOCKED} BLOCKED: someone here must not work with children", FONT_BOLD, SIZE)])
    if cell.status == "under":
        lines.append([("UNDER RATIO", FONT_BOLD, SIZE)])
    elif cell.status == "warning":
        lines.append([("Check:", FONT_BOLD, SIZE),
                      (" " + "; ".join(p.split(": ", 1)[-1] for p in cell.problems), FONT, SIZE)])
    return lines


def _shade(cells: Sequence[SessionCell], blocks: Blocks) -> colors.Color | None:
    """Red for under ratio or someone blocked, amber for a warning, none when fine."""
    if any(c.status == "under" or _blocked(c, blocks) for c in cells):
        return UNDER
    return SHORT if any(c.status == "warning" for c in cells) else None


def _site_grid(grid: WeekGrid, blocks: Blocks) -> Grid:
    """Sessions down, days across, the site's duties last: drawn straight on the canvas."""
    day_width = (PAGE_WIDTH - LABEL_WIDTH) / len(grid.days)
    style = GridStyle(widths=(LABEL_WIDTH, *[day_width] * len(grid.days)), size=SIZE, leading=LEADING)
    label_room, room = LABEL_WIDTH - 2 * style.pad_side, day_width - 2 * style.pad_side
    header: list[Cell] = [rich([[("Session", FONT_BOLD, SIZE)]], label_room)]
    for day, closed in zip(grid.days, grid.closed, strict=True):
        note = [[(closed, FONT, SMALL)]] if closed else []
        header.append(rich([[(spoken_day(day), FONT_BOLD, SIZE)], *note], room))
    rows: list[list[Cell]] = []
    looks: dict[int, Look] = {}
    titles = list(dict.fromkeys(cell.title for cell in grid.sessions))
    for title in titles:
        row: list[Cell] = [rich([[(title, FONT_BOLD, SIZE)]], label_room)]
        shades: list[tuple[int, colors.Color]] = []
        for col, day in enumerate(grid.days, start=1):
            cells = [c for c in grid.sessions if c.title == title and c.day == day]
            paragraphs: list[list[Run]] = []
            for n, c in enumerate(cells):
                paragraphs += ([[("", FONT, SIZE)]] if n else []) + _session_cell(c, blocks)
            row.append(rich(paragraphs, room) if cells else "")
            shade = _shade(cells, blocks)
            if shade is not None:
                shades.append((col, shade))
        if shades:
            looks[len(rows)] = Look(shade=tuple(shades))
        rows.append(row)
    duties: list[Cell] = [rich([[("Site duties and other work", FONT_BOLD, SIZE)]], label_room)]
    for n in range(len(grid.days)):
        others = [x for week in grid.staff for x in week.days[n]
                  if x.kind not in ("club", "creche") and x.site_id == grid.site_id]
        others.sort(key=lambda x: (x.start, x.name))
        duties.append(rich([_duty_line(x, blocks) for x in others], room) if others else "")
    rows.append(duties)
    return Grid(header, rows, style, looks=looks)


def _site_story(grid: WeekGrid) -> list[Flowable]:
    st = styles(SIZE)
    blocks = blocks_of(grid.problems)
    story: list[Flowable] = [
        HeaderMark(f"Staff rota · {grid.site} · week of {spoken_day(grid.monday, year=True)}"),
        para(f"Staff rota: {grid.site}", st.title),
        para(f"Week of {spoken_day(grid.monday, year=True)}", st.heading), _site_grid(grid, blocks),
        Spacer(0, 3 * mm),
        para(f"{FIRST_AID} paediatric first-aider  ·  {BLOCKED} must not work with children until "
             "sorted (see Problems to fix)  ·  children booked (or signed in) / staff required  ·  "
             "shaded red: under ratio or someone blocked; amber: no first-aider or too few staff",
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
    title = f"Staff rota, week of {spoken_day(monday, year=True)}"
    build(path, story, title=title, footer=title, landscape_pages=True,
          running_header=f"Staff rota · {grids[0].site}")


def _person_story(week: PersonWeek) -> list[Flowable]:
    st = styles(9)
    rows: list[list[object]] = [[para(h, st.cell_bold) for h in
                                 ("Day", "Time", "Site", "Session or duty", "Role")]]
    for n, shifts in enumerate(week.week.days):
        day = week.monday.toordinal() + n
        label = spoken_day(date.fromordinal(day), short=True)
        if not shifts:
            rows.append([para(label, st.cell), "", "", para("—", st.cell), ""])
        for i, x in enumerate(shifts):
            rows.append([para(label if i == 0 else "", st.cell), x.times, para(x.site, st.cell),
                         para(x.title, st.cell), para(x.role_label, st.cell)])
    contracted = (f" (contracted {duration(week.week.contracted_minutes)})"
                  if week.week.contracted_minutes is not None else "")
    story: list[Flowable] = [
        para(f"Rota for {week.name}", st.title),
        para(f"Week of {spoken_day(week.monday, year=True)} · {week.role} · "
             f"{duration(week.week.minutes)}{contracted}", st.heading),
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
    title = f"Staff rota, week of {spoken_day(weeks[0].monday, year=True)}"
    build(path, story, title=title, footer=title, landscape_pages=True,
          running_header=f"Staff rota · {weeks[0].name}" if len(weeks) == 1 else "Staff rota")
