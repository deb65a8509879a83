"""Minibus printouts: a run sheet per run (who drives, who escorts, the stops with times, who gets
on and off where, medical markers, an emergency phone per child and a tick column), and the week's
timetable of every vehicle (landscape)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from hubdesk.reports.pdf import build, para, styles, table, text
from hubdesk.services.minibus.sheets import RunSheet, SheetPassenger, WeekTimetable

PORTRAIT_WIDTH = 186 * mm
LANDSCAPE_WIDTH = 273 * mm
MEDICAL = "⚠"
TICK_BOX = "☐"


def _t(value: object) -> str:
    return "" if value is None else f"{value:%H:%M}"


def _names(people: tuple[SheetPassenger, ...]) -> str:
    return ", ".join(f"{p.name}{' ' + MEDICAL if p.medical else ''}" for p in people)


def _sheet(sheet: RunSheet) -> list[Flowable]:
    st = styles(8.5)
    story: list[Flowable] = [
        para(f"Run sheet: {sheet.label}", st.title),
        Paragraph(f"<b>{sheet.day:%A %d %B %Y}</b> · {text(sheet.vehicle)} · {sheet.seats} seats · "
                  f"{len(sheet.passengers)} passenger{'s' if len(sheet.passengers) != 1 else ''}",
                  st.body),
        Spacer(0, 2 * mm),
    ]
    crew = [[para("Driver", st.cell_bold), para(sheet.driver, st.cell), para(sheet.driver_phone, st.cell),
             para("Escort", st.cell_bold), para(sheet.escort or "none", st.cell),
             para(sheet.escort_phone, st.cell)]]
    story.append(table(crew, [18 * mm, 45 * mm, 30 * mm, 18 * mm, 45 * mm, 30 * mm], header_rows=0,
                       zebra=False))
    if sheet.problems:
        story.append(Spacer(0, 2 * mm))
        warning = [[Paragraph("<b>Do not set off until sorted:</b><br/>" + "<br/>".join(
            text(p) for p in sheet.problems), st.cell)]]
        story.append(table(warning, [PORTRAIT_WIDTH], header_rows=0, zebra=False, extra=[
            ("BACKGROUND", (0, 0), (-1, -1), colors.Color(1, 0.85, 0.85)),
            ("BOX", (0, 0), (-1, -1), 1.5, colors.red)]))
    story += [Spacer(0, 3 * mm), para("Stops", st.heading)]
    stops: list[list[object]] = [[para(h, st.cell_bold) for h in
                                  ("#", "Stop", "Arrive", "Leave", "Pick up", "Drop off")]]
    for n, stop in enumerate(sheet.stops, start=1):
        stops.append([str(n), para(stop.site, st.cell), _t(stop.arrive), _t(stop.depart),
                      para(_names(stop.on), st.cell), para(_names(stop.off), st.cell)])
    story.append(table(stops, [8 * mm, 42 * mm, 14 * mm, 14 * mm, 54 * mm, 54 * mm]))
    story += [Spacer(0, 3 * mm), para("Passengers", st.heading)]
    rows: list[list[object]] = [[para(h, st.cell_bold) for h in
                                 ("On", "Off", "Name", "School / for", "Gets on", "Gets off",
                                  "Medical / allergy", "Emergency phone")]]
    for p in sheet.passengers:
        medical = f"{MEDICAL} {p.medical}" if p.medical else ""
        name = p.name + (" (wheelchair)" if p.wheelchair else "")
        if p.kind != "child":
            name += " (staff)" if p.kind == "staff" else " (adult)"
        rows.append([TICK_BOX, TICK_BOX, para(name, st.cell_bold), para(p.detail, st.cell),
                     para(p.board, st.cell), para(p.alight, st.cell), para(medical, st.cell),
                     para(p.phone, st.cell)])
    if not sheet.passengers:
        rows.append(["", "", para("Nobody booked on this run.", st.cell), "", "", "", "", ""])
    story.append(table(rows, [9 * mm, 9 * mm, 34 * mm, 24 * mm, 27 * mm, 27 * mm, 28 * mm, 28 * mm],
                       extra=[("FONTSIZE", (0, 1), (1, -1), 12), ("ALIGN", (0, 0), (1, -1), "CENTER")]))
    story += [Spacer(0, 6 * mm), CondPageBreak(20 * mm), para(
        "Headcount on leaving: ______    Headcount on arrival: ______    "
        "Driver's signature: ______________________", st.body),
        Spacer(0, 2 * mm), para(f"{MEDICAL} allergy or medical note: read it before setting off. "
                                "Tick each child on and off the bus.", st.small)]
    return story


def write_run_sheets(sheets: list[RunSheet], path: Path | str, day: date) -> None:
    """One run sheet per run of the day (each starts on a new page)."""
    st = styles()
    story: list[Flowable] = []
    for n, sheet in enumerate(sheets):
        if n:
            story.append(PageBreak())
        story += _sheet(sheet)
    if not sheets:
        story = [para(f"Minibus runs: {day:%A %d %B %Y}", st.title),
                 para("No runs are planned on this day.", st.body)]
    build(path, story, title=f"Minibus run sheets {day:%d/%m/%Y}",
          footer=f"Minibus · {day:%a %d/%m/%Y}", running_header=f"Minibus run sheets · {day:%d/%m/%Y}")


def write_week_timetable(week: WeekTimetable, path: Path | str) -> None:
    """The school week's runs: one row per vehicle, one column per day (landscape)."""
    st = styles(8)
    title = f"Minibus timetable: week of {week.monday:%d %B %Y}"
    story: list[Flowable] = [para(title, st.title)]
    header: list[object] = [para("Vehicle", st.cell_bold)]
    header += [para(f"{d:%A %d/%m}", st.cell_bold) for d in week.days]
    rows: list[list[object]] = [header]
    blocked: list[tuple[int, int]] = []
    for r, vehicle in enumerate(week.vehicles, start=1):
        row: list[object] = [para(vehicle, st.cell_bold)]
        for c, day in enumerate(week.days, start=1):
            runs = week.runs.get((day, vehicle), ())
            lines = [f"<b>{'⚠ ' if x.blocked else ''}{x.start:%H:%M}–{x.end:%H:%M}</b> "
                     f"{text(x.route)}<br/><font size=7>{text(x.driver)} · {x.passengers} aboard</font>"
                     for x in runs]
            row.append(Paragraph("<br/>".join(lines) or "–", st.cell))
            if any(x.blocked for x in runs):
                blocked.append((c, r))
        rows.append(row)
    if not week.vehicles:
        rows.append([para("No vehicles.", st.cell), "", "", "", "", ""])
    width = (LANDSCAPE_WIDTH - 38 * mm) / 5
    story.append(table(rows, [38 * mm, *[width] * 5], zebra=False, extra=[
        ("BACKGROUND", cell, cell, colors.Color(1, 0.88, 0.88)) for cell in blocked]))
    if week.problems:
        notes: list[Flowable] = [para("To sort before these runs go (⚠)", st.heading)]
        notes += [para(p, st.small) for p in week.problems]
        story += [Spacer(0, 4 * mm), KeepTogether(notes[:2]), *notes[2:]]
    build(path, story, title=title, footer=title, landscape_pages=True,
          running_header="Minibus timetable")
