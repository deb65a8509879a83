"""The course register: one row per learner, one column per session (landscape), and below it the
crèche children of the course (who brings them, their age, medical needs, a mark per session), so
the one sheet accounts for every adult and child the course brings into the building.

Courses with more sessions than fit across a page are printed in column groups (sessions 1–16,
17–30 …), each repeating the names, so no session is ever cut off. The dates are those of the
course's real sessions, not the span it was planned over.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from hubdesk.core.dates import spoken_day, spoken_span
from hubdesk.core.words import count, hours
from hubdesk.reports.pdf import build, para, styles, table, text
from hubdesk.services.learning import CrecheLine, RegisterSheet, SessionRow, SheetLine

PAGE_WIDTH = 273 * mm  # landscape A4 less the margins
NAME_WIDTH = 60 * mm
TOTAL_WIDTH = 18 * mm
SESSION_WIDTH = 12 * mm
PER_GROUP = int((PAGE_WIDTH - NAME_WIDTH - TOTAL_WIDTH) // SESSION_WIDTH)
BLANK_ROWS = 2  # for learners who join on the day


def _details(sheet: RegisterSheet) -> str:
    c = sheet.course
    where = c.site + (f", {c.room}" if c.room else "")
    parts = [
        f"<b>{text(c.kind_label)}</b>",
        f"Provider: {text(c.provider or c.site)}",
        f"Tutor: {text(c.tutor or 'to be confirmed')}",
        f"Where: {text(where)}",
        f"{text(c.weekdays)} {text(c.times)}, {spoken_span(sheet.first_day, sheet.last_day)}",
        f"{count(c.sessions, 'session')}, {hours(c.hours)}",
        f"Places: {c.enrolled} of {c.capacity}" + (f", {c.waiting} waiting" if c.waiting else ""),
    ]
    return " · ".join(parts)


def _group(sessions: tuple[SessionRow, ...], start: int, lines: tuple[SheetLine, ...]) -> Flowable:
    st = styles(8)
    chosen = sessions[start:start + PER_GROUP]
    header: list[object] = [para("Learner", st.cell_bold)]
    centred = ParagraphStyle("centred", parent=st.cell, alignment=TA_CENTER)
    header += [Paragraph(f"<b>{x.number}</b><br/>{x.day:%a}<br/>{x.day.day} {x.day:%b}", centred)
               for x in chosen]
    header.append(Paragraph("<b>Attended</b>", centred))
    rows: list[list[object]] = [header]
    for line in lines:
        name = f"<b>{text(line.name)}</b>"
        if line.status != "Enrolled":
            name += f"<br/><font size=7>{text(line.status)}</font>"
        rows.append([Paragraph(name, st.cell),
                     *line.marks[start:start + PER_GROUP],
                     f"{line.attended}/{sum(1 for m in line.marks if m)}"])
    for _ in range(BLANK_ROWS):
        rows.append(["", *["" for _ in chosen], ""])
    widths = [NAME_WIDTH, *[SESSION_WIDTH for _ in chosen], TOTAL_WIDTH]
    result = table(rows, widths, extra=[("ALIGN", (1, 0), (-1, -1), "CENTER"),
                                        ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
                                        ("FONTSIZE", (1, 1), (-1, -1), 10)])
    result.hAlign = "LEFT"
    return result


def _creche_group(sessions: tuple[SessionRow, ...], start: int,
                  lines: tuple[CrecheLine, ...]) -> Flowable:
    """The crèche children's rows for the same sessions as the learners' group above."""
    st = styles(8)
    chosen = sessions[start:start + PER_GROUP]
    centred = ParagraphStyle("centred", parent=st.cell, alignment=TA_CENTER)
    header: list[object] = [para("Crèche child", st.cell_bold)]
    header += [Paragraph(f"<b>{x.number}</b>", centred) for x in chosen]
    header.append(Paragraph("<b>Came</b>", centred))
    rows: list[list[object]] = [header]
    extra: list[tuple[object, ...]] = [("ALIGN", (1, 0), (-1, -1), "CENTER"),
                                       ("VALIGN", (1, 1), (-1, -1), "MIDDLE"),
                                       ("FONTSIZE", (1, 1), (-1, -1), 10)]
    for n, line in enumerate(lines, start=1):
        details = f"{text(line.age)} · with {text(line.parent)}"
        if line.medical:  # the strong marker only for what staff must act on
            medical = text(line.medical)
            details += f"<br/><b>⚠ {medical}</b>" if line.must_act else f"<br/>{medical}"
        rows.append([Paragraph(f"<b>{text(line.name)}</b><br/><font size=7>{details}</font>",
                               st.cell), *line.marks[start:start + PER_GROUP],
                     str(line.marks.count("✓"))])
        if line.must_act:
            extra.append(("BOX", (0, n), (0, n), 1.5, colors.black))
    result = table(rows, [NAME_WIDTH, *[SESSION_WIDTH for _ in chosen], TOTAL_WIDTH], extra=extra)
    result.hAlign = "LEFT"
    return result


def _creche_story(sheet: RegisterSheet) -> list[Flowable]:
    st = styles()
    if not sheet.creche:
        return []
    story: list[Flowable] = [Spacer(0, 5 * mm), para(
        f"Crèche: {len(sheet.creche)} child{'ren' if len(sheet.creche) != 1 else ''} booked",
        ParagraphStyle("creche", parent=st.heading, keepWithNext=1))]
    for start in range(0, len(sheet.sessions), PER_GROUP) or [0]:
        story += [_creche_group(sheet.sessions, start, sheet.creche), Spacer(0, 3 * mm)]
    story.append(para("✓ signed in to the crèche at that session; times in and out and who "
                      "collected are on the crèche register.", st.small))
    return story


def write_course_register(sheet: RegisterSheet, path: Path | str) -> None:
    """Write the register of every session of a course to a landscape PDF."""
    st = styles()
    c = sheet.course
    story: list[Flowable] = [para(f"Course register: {c.title}", st.title),
                             Paragraph(_details(sheet), st.body), Spacer(0, 4 * mm)]
    sessions = sheet.sessions
    groups = list(range(0, len(sessions), PER_GROUP)) or [0]
    for n, start in enumerate(groups):
        if len(groups) > 1:
            last = min(start + PER_GROUP, len(sessions))
            heading = ParagraphStyle("group", parent=st.heading, keepWithNext=1)
            story.append(para(f"Sessions {start + 1}–{last} of {len(sessions)}", heading))
        story.append(_group(sessions, start, sheet.lines))
        if n < len(groups) - 1:
            story.append(Spacer(0, 5 * mm))
    story.append(Spacer(0, 3 * mm))
    story.append(para("✓ present   A absent (reasons below)   blank: not marked yet", st.small))
    story += _creche_story(sheet)
    absences = [(line.name, line.absences) for line in sheet.lines if line.absences]
    if absences:
        notes: list[Flowable] = [para("Absences", st.heading)]
        notes += [Paragraph(f"<b>{text(name)}</b>: {text('; '.join(reasons))}", st.small)
                  for name, reasons in absences]
        story.append(KeepTogether(notes[:2]))
        story.extend(notes[2:])
    story.append(Spacer(0, 10 * mm))
    story.append(para("Tutor's signature: ______________________________      "
                      "Date: ________________", st.body))
    build(path, story, title=f"Course register: {c.title}", footer=f"{c.title} · {c.site}",
          landscape_pages=True, running_header=f"Course register · {c.title} · "
                                               f"{spoken_day(sheet.first_day, year=True)} onwards")
