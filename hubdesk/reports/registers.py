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

from hubdesk.reports.grid import Grid, GridStyle, Look
from hubdesk.reports.pdf import (
    FONT,
    FONT_BOLD,
    NumberedCanvas,
    para,
    register_fonts,
    styles,
    whole_phones,
)
from hubdesk.reports.pdf import text as esc
from hubdesk.services.progress import NO_PROGRESS, Progress
from hubdesk.services.registers import Register, RegisterLine

PAGE = landscape(A4)
MARGIN = 10 * mm
Columns = tuple[tuple[str, float], ...]
# After-school and holiday clubs: children go home, so collection is recorded. 277 mm in all.
HOME_COLUMNS: Columns = (
    ("Child", 40 * mm), ("Class, school", 28 * mm), ("Allergy / medical", 44 * mm),
    ("Emergency phone", 40 * mm), ("May collect", 32 * mm), ("In", 12 * mm), ("Out", 12 * mm),
    ("Collected by", 30 * mm), ("Pwd ✓", 11 * mm), ("Staff in / out", 28 * mm),
)
# Breakfast clubs: children go on to class with staff, nobody collects them.
CLASS_COLUMNS: Columns = (
    ("Child", 46 * mm), ("Class, school", 36 * mm), ("Allergy / medical", 70 * mm),
    ("Emergency phone", 44 * mm), ("In", 13 * mm), ("To class", 16 * mm),
    ("Staff in / out", 52 * mm),
)
COLUMNS = HOME_COLUMNS  # the widest set, for callers that measure
CELL_SIZE = 8.0
PAD = 6.0  # left + right cell padding
SPARE_ROWS = 4  # on the blank register, for unbooked arrivals
_MEDICAL = 2
_IN = {HOME_COLUMNS: 5, CLASS_COLUMNS: 4}

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
        for word in (w for w in raw.split(" ") if w):  # a no-break space joins
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

    def medical(self, line: RegisterLine, width: float) -> str:
        """The strong marker for what staff must act on; other notes and diet plainly."""
        parts = [f"ALLERGY: {line.allergies.strip()}" if line.allergies.strip() else "",
                 line.medical.strip(),
                 f"MEDICINE: {'; '.join(line.medicines)}" if line.medicines else ""]
        details = "; ".join(p for p in parts if p)
        if line.must_act:
            return wrap(f"⚠ {details}", width, FONT_BOLD)
        plain = "; ".join(p for p in (details, f"Diet: {line.dietary.strip()}"
                                      if line.dietary.strip() else "") if p)
        return wrap(plain, width)


def _names(lines: Sequence[RegisterLine]) -> dict[int, str]:
    """Each row's name; two children of the same name in a session get their class, and their
    date of birth when the class is the same too."""
    seen: dict[str, list[RegisterLine]] = {}
    for line in lines:
        seen.setdefault(line.name, []).append(line)
    names: dict[int, str] = {}
    for same in seen.values():
        classes = [x.class_name for x in same]
        for line in same:
            extra = ""
            if len(same) > 1:
                tell = [line.class_name or line.year] if classes.count(line.class_name) == 1 \
                    else [line.class_name or line.year, _born(line)]
                extra = f" ({', '.join(t for t in tell if t)})"
            names[line.session_booking_id] = line.name + extra + (
                " (one-off)" if line.one_off else "")
    return names


def _born(line: RegisterLine) -> str:
    day = line.date_of_birth
    return f"born {day.day} {day:%b %Y}" if day else ""


def _class_school(line: RegisterLine) -> str:
    year = f"{line.year} {line.class_name}" if line.class_name else line.year
    return f"{year}, {line.school}"


def _staff(line: RegisterLine) -> str:
    parts = [f"in: {line.signed_in_by}" if line.signed_in_by and line.state in ("in", "out") else "",
             f"out: {line.signed_out_by}" if line.signed_out_by and line.state == "out" else ""]
    return "\n".join(p for p in parts if p)


def _row(line: RegisterLine, name: str, cells: _Cells, blank: bool, cols: Columns) -> list[str]:
    w = [width for _, width in cols]
    row = [cells(name, w[0], bold=True), cells(_class_school(line), w[1]),
           cells.medical(line, w[2]), cells(whole_phones(line.emergency), w[3])]
    home = cols is HOME_COLUMNS
    if home:
        row.append(cells(", ".join(line.collectors) or "nobody named", w[4]))
    row += ["" for _ in cols[len(row):]]
    if blank:
        return row
    i = _IN[cols]
    if line.state == "absent":
        row[i] = cells(f"ABSENT: {line.absence}", w[i] + w[i + 1])
    elif line.state == "missing":
        row[i] = "MISSING"
    elif line.state in ("in", "out"):
        row[i], row[i + 1] = line.time_in + ("*" if line.corrected else ""), line.time_out
        if home:
            row[i + 2] = cells(line.collected_by, w[i + 2])
            row[i + 3] = "✓" if line.password_checked and line.state == "out" else ""
        row[-1] = cells(_staff(line), w[-1])
    return row


def _closing(reg: Register, blank: bool, cols: Columns) -> list[str]:
    """The headcount and the staff sign-off: the last rows of the grid, kept with the last child
    so that they never sit alone on a page."""
    if blank:
        count = ("Headcount at the start: ______   at the end: ______   "
                 f"({len(reg.lines)} booked)")
    else:
        count = f"Headcount: {reg.summary}"
    sign = "Register checked by (name): ____________________   Signature: ______________   " \
           "Time: ________"
    return [wrap(count, _width(cols), FONT_BOLD), sign]


def _width(cols: Columns) -> float:
    return sum(w for _, w in cols)


def _note(blank: bool, to_class: bool) -> str:
    if blank:
        return ("Write the real times in and out, tick when the collection password was checked, "
                "and initial. Add unbooked children on the spare rows and tell the office."
                if not to_class else "Write the real time each child arrives and initial when "
                "they are taken to class. Add unbooked children on the spare rows and tell the "
                "office.")
    return ("* time corrected after it was first recorded (the history says by whom and when). "
            "MISSING: booked, not signed in 15 minutes after the start. ⚠: needs staff must act "
            "on (allergy, auto-injector, inhaler, epilepsy, diabetes, medicine to give).")


def _style(cols: Columns) -> GridStyle:
    return GridStyle(tuple(w for _, w in cols), CELL_SIZE, CELL_SIZE * 1.2, bold=frozenset({0}))


STYLES = {HOME_COLUMNS: _style(HOME_COLUMNS), CLASS_COLUMNS: _style(CLASS_COLUMNS)}
WRITE_IN = (5.0, 9.0)  # top and bottom padding of a blank register's rows: room to write by hand
NOTE_SIZE = 7.0


def _grid(reg: Register, blank: bool, cells: _Cells) -> Flowable:
    """A row per child (spare rows on a blank register), then the headcount, the sign-off and a
    note of what the marks mean. What staff must act on prints white on black."""
    cols = CLASS_COLUMNS if reg.header.to_class else HOME_COLUMNS
    header = [title for title, _ in cols]
    if blank:
        header[-1] = "Staff initials"
    names = _names(reg.lines)
    rows = [_row(line, names[line.session_booking_id], cells, blank, cols) for line in reg.lines]
    rows += [["" for _ in cols] for _ in range(SPARE_ROWS if blank else 0)]
    whole = (0, len(cols) - 1)
    i = _IN[cols]
    looks: dict[int, Look] = {}
    for n, line in enumerate(reg.lines):
        joined = not blank and line.state in ("absent", "missing")
        looks[n] = Look(black=frozenset({_MEDICAL}) if line.must_act else frozenset(),
                        span=(i, i + 1) if joined else None, pad=WRITE_IN if blank else None)
    for n in range(len(reg.lines), len(rows)):
        looks[n] = Look(pad=WRITE_IN)
    count, sign = _closing(reg, blank, cols)
    note = wrap(_note(blank, reg.header.to_class), _width(cols), FONT, NOTE_SIZE)
    looks[len(rows)] = Look(font=FONT_BOLD, span=whole)
    looks[len(rows) + 1] = Look(font=FONT, span=whole)
    looks[len(rows) + 2] = Look(font=FONT, span=whole, size=NOTE_SIZE, ruled=False, pad=(4.0, 3.0))
    rows += [_spanned(count, cols), _spanned(sign, cols), _spanned(note, cols)]
    return Grid(header, rows, STYLES[cols], looks=looks, keep_last=3)


def _spanned(value: str, cols: Columns) -> list[str]:
    """A row whose first cell spans the grid."""
    return [value, *("" for _ in cols[1:])]


def _section(reg: Register, blank: bool, cells: _Cells) -> list[Flowable]:
    st = styles()
    h = reg.header
    where = h.site + (f", {h.room}" if h.room else "")
    staff = ", ".join(h.staff) or "not recorded"
    title = f"{h.club} · {h.day:%A} {h.day.day} {h.day:%B %Y} · {h.times}"
    details = (f"<b>Site:</b> {esc(where)}    "
               f"<b>Booked:</b> {len(reg.lines)} of {h.capacity} places")
    if not blank:
        details += f"    <b>So far:</b> {esc(reg.summary)}"
    on_duty = f"<b>Staff on duty:</b> {esc(staff)}"
    label = f"{h.club} · {h.site} · {h.day:%a} {h.day.day} {h.day:%b %Y} {h.times}"
    story: list[Flowable] = [para(title, st.heading), Paragraph(details, st.small),
                             Paragraph(on_duty, st.small), Spacer(0, 2 * mm),
                             _grid(reg, blank, cells)]
    if h.cancelled:
        story.insert(1, para("This session was cancelled.", st.heading))
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
