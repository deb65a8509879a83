"""Minibus printouts: a run sheet per run (who drives, who escorts, the office's number, the
vehicle's walk-round check of the day or a line to do it, the stops with times, who gets on and off
where, where each child is going and who receives them, medical needs marked as on the registers, an
emergency phone per child and a tick column), and the week's timetable of every vehicle with its
driver and escort (landscape)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from hubdesk.core.dates import spoken_day
from hubdesk.reports.pdf import Styles, build, para, styles, table, text, whole_phones
from hubdesk.services.minibus import RunSheet, SheetPassenger, TimetableRun, WeekTimetable

PORTRAIT_WIDTH = 186 * mm
LANDSCAPE_WIDTH = 273 * mm
MEDICAL = "⚠"
TICK_BOX = "☐"


def _t(value: object) -> str:
    return "" if value is None else f"{value:%H:%M}"


def _names(people: tuple[SheetPassenger, ...]) -> str:
    return ", ".join(f"{p.name}{' ' + MEDICAL if p.must_act else ''}" for p in people)


def _crew(sheet: RunSheet, st: Styles) -> Flowable:
    """Driver, escort and the office's number: whom to ring when something goes wrong."""
    office = whole_phones(sheet.office_phone) if sheet.office_phone else \
        "not set (Minibus settings)"
    rows: list[list[object]] = [[para("Driver", st.cell_bold), para(sheet.driver, st.cell),
             para(whole_phones(sheet.driver_phone), st.cell), para("Escort", st.cell_bold),
             para(sheet.escort or "none", st.cell), para(whole_phones(sheet.escort_phone), st.cell)],
            [para("Office", st.cell_bold), Paragraph(f"<b>{text(office)}</b>", st.cell), "", "", "",
             ""]]
    return table(rows, [18 * mm, 45 * mm, 30 * mm, 18 * mm, 45 * mm, 30 * mm], header_rows=0,
                 zebra=False, extra=[("SPAN", (1, 1), (-1, 1))])


def _walk_round(sheet: RunSheet, st: Styles) -> Flowable:
    """The vehicle's walk-round check of the day as recorded, or a line to do it before leaving."""
    check = sheet.walk_round
    extra: list[tuple[object, ...]] = []
    if check is None:
        words = (f"<b>Walk-round check of {text(sheet.vehicle)}: not recorded today.</b> Do it "
                 "before setting off: done by ______________________ at ________  "
                 f"{TICK_BOX} every item passed")
        extra = [("BOX", (0, 0), (-1, -1), 1.5, colors.black)]
    elif check.passed:
        words = (f"<b>Walk-round check:</b> done by {text(check.by)} at {check.at}, every item "
                 "passed." + (f" {text(check.notes)}" if check.notes else ""))
    else:
        words = (f"<b>Walk-round check FAILED</b> (by {text(check.by)} at {check.at}): "
                 f"{text(check.notes) or 'see the check'}. Do not drive until it is put right.")
        extra = [("BACKGROUND", (0, 0), (-1, -1), colors.Color(1, 0.85, 0.85)),
                 ("BOX", (0, 0), (-1, -1), 1.5, colors.red)]
    return table([[Paragraph(words, st.cell)]], [PORTRAIT_WIDTH], header_rows=0, zebra=False,
                 extra=extra)


def _medical(p: SheetPassenger, st: Styles) -> tuple[object, bool]:
    """As on the registers: white on black for what staff must act on, the rest plainly."""
    if not p.medical:
        return "", False
    if not p.must_act:
        return para(p.medical, st.cell), False
    return Paragraph(f"<font color='white'><b>{MEDICAL} {text(p.medical)}</b></font>", st.cell), True


def _passengers(sheet: RunSheet, st: Styles) -> Flowable:
    rows: list[list[object]] = [[para(h, st.cell_bold) for h in
                                 ("On", "Off", "Name", "School / for", "Gets on → off",
                                  "Going to", "Medical / allergy", "Emergency phone")]]
    extra: list[tuple[object, ...]] = [("FONTSIZE", (0, 1), (1, -1), 12),
                                       ("ALIGN", (0, 0), (1, -1), "CENTER")]
    for n, p in enumerate(sheet.passengers, start=1):
        name = p.name + (" (wheelchair)" if p.wheelchair else "")
        if p.kind != "child":
            name += " (staff)" if p.kind == "staff" else " (adult)"
        medical, strong = _medical(p, st)
        if strong:
            extra.append(("BACKGROUND", (6, n), (6, n), colors.black))
        rows.append([TICK_BOX, TICK_BOX, para(name, st.cell_bold), para(p.detail, st.cell),
                     para(f"{p.board} → {p.alight}", st.cell), para(p.going_to, st.cell),
                     medical, para(whole_phones(p.phone), st.cell)])
    if not sheet.passengers:
        rows.append(["", "", para("Nobody booked on this run.", st.cell), "", "", "", "", ""])
    return table(rows, [8 * mm, 8 * mm, 31 * mm, 18 * mm, 27 * mm, 32 * mm, 36 * mm, 26 * mm],
                 extra=extra)


def _sheet(sheet: RunSheet) -> list[Flowable]:
    st = styles(8)
    story: list[Flowable] = [
        para(f"Run sheet: {sheet.label}", st.title),
        Paragraph(f"<b>{spoken_day(sheet.day, year=True)}</b> · {text(sheet.vehicle)} · "
                  f"{sheet.seats} seats · {len(sheet.passengers)} "
                  f"passenger{'s' if len(sheet.passengers) != 1 else ''}", st.body),
        Spacer(0, 2 * mm), _crew(sheet, st), Spacer(0, 2 * mm), _walk_round(sheet, st)]
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
    story += [Spacer(0, 3 * mm), para("Passengers", st.heading), _passengers(sheet, st)]
    story += [Spacer(0, 6 * mm), CondPageBreak(20 * mm), para(
        "Headcount on leaving: ______    Headcount on arrival: ______    "
        "Driver's signature: ______________________", st.body),
        Spacer(0, 2 * mm), para(f"{MEDICAL} on black: an allergy, medicine or condition staff must "
                                "act on; read it before setting off. Hand each child to the adult "
                                "named under Going to. Tick each child on and off the bus.",
                                st.small)]
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
        story = [para(f"Minibus runs: {spoken_day(day, year=True)}", st.title),
                 para("No runs are planned on this day.", st.body)]
    when = spoken_day(day, year=True)
    build(path, story, title=f"Minibus run sheets, {when}", footer=f"Minibus · {when}",
          running_header=f"Minibus run sheets · {when}")


def _crew_words(run: TimetableRun) -> str:
    escort = f"escort {text(run.escort)}" if run.escort else "no escort"
    return f"{text(run.driver)}, {escort}"


def write_week_timetable(week: WeekTimetable, path: Path | str) -> None:
    """The school week's runs: one row per vehicle, one column per day (landscape)."""
    st = styles(8)
    title = f"Minibus timetable: week of {spoken_day(week.monday, year=True)}"
    story: list[Flowable] = [para(title, st.title)]
    header: list[object] = [para("Vehicle", st.cell_bold)]
    header += [para(spoken_day(d), st.cell_bold) for d in week.days]
    rows: list[list[object]] = [header]
    blocked: list[tuple[int, int]] = []
    for r, vehicle in enumerate(week.vehicles, start=1):
        row: list[object] = [para(vehicle, st.cell_bold)]
        for c, day in enumerate(week.days, start=1):
            runs = week.runs.get((day, vehicle), ())
            lines = [f"<b>{'⚠ ' if x.blocked else ''}{x.start:%H:%M}–{x.end:%H:%M}</b> "
                     f"{text(x.route)}<br/><font size=7>{_crew_words(x)} · {x.passengers} "
                     "aboard</font>"
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
