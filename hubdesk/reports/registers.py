"""Club registers: one section per session, a row per booked child (landscape A4).

Every section starts on a new page with its club, site, room, date, times and staff, and every
page names its session and says "Sheet x of y" for that session as well as "Page x of y" for the
file, so a loose sheet still says where it belongs. Allergy and medical needs print white on black,
which survives any black-and-white printer. Cells are plain strings wrapped here by measuring the
text (no Paragraphs, no markup to escape): a cluster's day (about 1,000 rows) stays quick.

``blank`` prints the paper version: times, collectors and signatures left to fill in by hand,
with spare rows for children who arrive unbooked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from hubdesk.reports.pdf import FONT, FONT_BOLD, NumberedCanvas, para, register_fonts, styles, table
from hubdesk.reports.pdf import text as esc
from hubdesk.services.progress import NO_PROGRESS, Progress
from hubdesk.services.registers.queries import Register, RegisterLine

PAGE = landscape(A4)
MARGIN = 10 * mm
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Child", 42 * mm), ("Year, school", 30 * mm), ("Allergy / medical", 44 * mm),
    ("Emergency phone", 36 * mm), ("May collect", 34 * mm), ("In", 12 * mm), ("Out", 12 * mm),
    ("Collected by", 30 * mm), ("Pwd ✓", 12 * mm), ("Signature", 25 * mm),
)
CELL_SIZE = 8.0
PAD = 6.0  # left + right cell padding
SPARE_ROWS = 4  # on the blank register, for unbooked arrivals
_MEDICAL = 2


class _Section(Flowable):
    """Invisible marker: tells the canvas which session the following pages belong to."""

    def __init__(self, key: str, label: str, on_drawn: Callable[[], None]) -> None:
        super().__init__()
        self.key, self.label, self.on_drawn = key, label, on_drawn
        self.width = self.height = 0

    def draw(self) -> None:
        if isinstance(self.canv, RegisterCanvas):
            self.canv._section = (self.key, self.label)
        self.on_drawn()


class RegisterCanvas(NumberedCanvas):
    """Adds to each page the session it belongs to and its sheet number within the session."""

    _section: tuple[str, str] = ("", "")

    def save(self) -> None:
        totals: dict[str, int] = {}
        for page in self._pages:
            key = page.get("_section", ("", ""))[0]
            totals[key] = totals.get(key, 0) + 1
        seen: dict[str, int] = {}
        for page in self._pages:
            key, label = page.get("_section", ("", ""))
            seen[key] = seen.get(key, 0) + 1
            page["_sheet"] = (label, seen[key], totals[key])
        super().save()

    def _draw_footer(self, total: int) -> None:
        super()._draw_footer(total)
        label, n, of = getattr(self, "_sheet", ("", 0, 0))
        if not label:
            return
        width, height = self._pagesize
        self.setFont(FONT_BOLD, 9)
        self.drawString(MARGIN, height - 7 * mm, label)
        self.drawRightString(width - MARGIN, height - 7 * mm, f"Sheet {n} of {of}")


def wrap(value: str, width: float, font: str = FONT, size: float = CELL_SIZE) -> str:
    """Break text into lines that fit ``width`` points (long words are cut), joined by newlines.

    Plain multi-line strings draw far faster than Paragraphs, and need no markup escaping.
    """
    room = width - PAD
    if "\n" not in value and stringWidth(value, font, size) <= room:
        return value
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    for raw in value.splitlines() or [""]:
        line, used = "", 0.0
        for word in raw.split():
            w = stringWidth(word, font, size)
            if line and used + space + w <= room:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                lines.append(line)
            while w > room and len(word) > 1:
                cut = max(1, int(len(word) * room / w))
                while cut > 1 and stringWidth(word[:cut], font, size) > room:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                w = stringWidth(word, font, size)
            line, used = word, w
        lines.append(line)
    return "\n".join(lines)


class _Cells:
    """Turns values into wrapped plain-string cells."""

    def __call__(self, value: str, width: float, bold: bool = False) -> str:
        return wrap(value, width, FONT_BOLD if bold else FONT)

    def medical(self, line: RegisterLine) -> str:
        flags = [w for w, v in (("ALLERGY", line.allergies), ("MEDICAL", line.medical),
                                ("MEDICINE", "; ".join(line.medicines))) if v.strip()]
        details = "; ".join(v.strip() for v in (line.allergies, line.medical) if v.strip())
        if line.medicines:
            given = "; ".join(line.medicines)
            details = f"{details}; Medicine: {given}" if details else given
        return wrap(f"⚠ {' + '.join(flags)}: {details}", COLUMNS[_MEDICAL][1], FONT_BOLD)


def _header_row() -> list[object]:
    return [title for title, _ in COLUMNS]


def _row(line: RegisterLine, cells: _Cells, blank: bool) -> list[object]:
    w = [width for _, width in COLUMNS]
    year_school = f"{line.year}, {line.school}"
    name = line.name + (" (one-off)" if line.one_off else "")
    row: list[object] = [
        cells(name, w[0], bold=True), cells(year_school, w[1]),
        cells.medical(line) if line.has_medical else ("" if not line.dietary else
                                                       cells(f"Diet: {line.dietary}", w[2])),
        cells(line.emergency, w[3]), cells(", ".join(line.collectors) or "nobody named", w[4]),
        "", "", "", "", ""]
    if blank:
        return row
    if line.state == "absent":
        row[5] = cells(f"ABSENT: {line.absence}", w[5] + w[6])
    elif line.state == "missing":
        row[5] = "MISSING"
    elif line.state in ("in", "out"):
        row[5], row[6] = line.time_in + ("*" if line.corrected else ""), line.time_out
        row[7] = cells(line.collected_by, w[7])
    return row


def _section(reg: Register, blank: bool, cells: _Cells) -> list[Flowable]:
    st = styles()
    h = reg.header
    where = h.site + (f", {h.room}" if h.room else "")
    staff = ", ".join(h.staff) or "not recorded"
    title = f"{h.club} · {h.day:%A %d %B %Y} · {h.times}"
    details = (f"<b>Site:</b> {esc(where)}    "
               f"<b>Booked:</b> {len(reg.lines)} of {h.capacity} places")
    if not blank:
        details += f"    <b>So far:</b> {esc(reg.summary)}"
    on_duty = f"<b>Staff on duty:</b> {esc(staff)}"
    rows: list[list[object]] = [_header_row()]
    rows += [_row(line, cells, blank) for line in reg.lines]
    spare = SPARE_ROWS if blank else 0
    rows += [["" for _ in COLUMNS] for _ in range(spare)]
    extra: list[tuple[Any, ...]] = [("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                                    ("LEADING", (0, 0), (-1, -1), CELL_SIZE * 1.2),
                                    ("FONTNAME", (0, 1), (0, -1), FONT_BOLD),
                                    ("FONTSIZE", (0, 0), (-1, -1), CELL_SIZE),
                                    ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white])]
    for n, line in enumerate(reg.lines, start=1):
        if line.has_medical:
            extra += [("BACKGROUND", (_MEDICAL, n), (_MEDICAL, n), colors.black),
                      ("TEXTCOLOR", (_MEDICAL, n), (_MEDICAL, n), colors.white),
                      ("FONTNAME", (_MEDICAL, n), (_MEDICAL, n), FONT_BOLD)]
        if not blank and line.state in ("absent", "missing"):
            extra.append(("SPAN", (5, n), (6, n)))
    if blank:  # room to write by hand
        extra += [("TOPPADDING", (0, 1), (-1, -1), 5), ("BOTTOMPADDING", (0, 1), (-1, -1), 9)]
    grid = table(rows, [width for _, width in COLUMNS], zebra=False, extra=extra)
    grid.hAlign = "LEFT"
    label = f"{h.club} · {h.site} · {h.day:%a %d/%m/%Y} {h.times}"
    story: list[Flowable] = [para(title, st.heading), Paragraph(details, st.small),
                             Paragraph(on_duty, st.small), Spacer(0, 2 * mm), grid]
    if h.cancelled:
        story.insert(1, para("This session was cancelled.", st.heading))
    if blank:
        story.append(Spacer(0, 3 * mm))
        story.append(para("Write the real times in and out, who collected, tick when the "
                          "collection password was checked, and sign. Add unbooked children "
                          "on the spare rows and tell the office.", st.small))
    else:
        story.append(Spacer(0, 3 * mm))
        story.append(para("* time corrected after it was first recorded (the history says by "
                          "whom and when). MISSING: booked, not signed in 15 minutes after the "
                          "start.", st.small))
    return [_Section(str(h.session_id), label, lambda: None), *story]


def write_registers(registers: Sequence[Register], path: Path | str, *, blank: bool = False,
                    title: str = "Club registers", empty: str = "No club sessions to print.",
                    progress: Progress = NO_PROGRESS) -> int:
    """Write the registers to a PDF; returns the number of rows printed."""
    register_fonts()
    cells = _Cells()
    doc = BaseDocTemplate(str(path), pagesize=PAGE, title=title, author="hubdesk",
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=12 * mm,
                          bottomMargin=13 * mm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = []
    total = len(registers)
    for n, reg in enumerate(registers):
        part = _section(reg, blank, cells)
        first = part[0]
        assert isinstance(first, _Section)
        first.on_drawn = partial(progress.step, n, total, f"Session {n + 1} of {total}…")
        if story:
            story.append(PageBreak())
        story += part
    if not story:
        st = styles()
        story = [para(title, st.title), para(empty, st.body)]
    footer = title + (" · blank, to fill in by hand" if blank else "")
    doc.build(story, canvasmaker=partial(RegisterCanvas, footer=footer))
    progress.step(total, total, "Done")
    return sum(len(r.lines) for r in registers)
