"""A grid of plain-string cells drawn straight on the canvas, and plain text lines.

reportlab's ``Table`` styles every cell against every style command and draws each string with
its own text object: a month's statements (about 130,000 cells) spent most of their time there.
A ``Grid`` measures each row once, splits between rows only (a row is never cut in half, the
header repeats on the next page) and draws a whole page of cells as one text object and one
set of lines. Cells are plain strings, already wrapped into lines with ``\\n`` (see ``wrap``), or
lines in mixed fonts (``reports.rich``). A row may look different (``Look``): bold, cells white on
black or shaded, cells joined, smaller and unruled (a note), more room to write in; the last rows
may be kept with the row before them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from hubdesk.reports.pdf import FONT, FONT_BOLD
from hubdesk.reports.rich import Rich

HEADER_SHADE = colors.Color(0.85, 0.85, 0.85)


@dataclass(frozen=True)
class GridStyle:
    """How a grid looks; made once per printout and shared by all its grids."""

    widths: tuple[float, ...]
    size: float = 8.0
    leading: float = 9.6
    pad_top: float = 2.0
    pad_bottom: float = 3.0
    pad_side: float = 3.0
    right: frozenset[int] = field(default_factory=frozenset)  # right-aligned columns
    header_font: str = FONT_BOLD
    font: str = FONT
    bold: frozenset[int] = frozenset()  # columns whose cells print in the header's font


@dataclass(frozen=True)
class Look:
    """How one row differs from the grid's others."""

    font: str | None = None  # every cell of the row in this font
    black: frozenset[int] = frozenset()  # cells printed white on black (survives any printer)
    span: tuple[int, int] | None = None  # cells first..last drawn as one, with the first's text
    size: float | None = None  # smaller print (a note), with a leading to match
    ruled: bool = True  # False: no lines round the row
    pad: tuple[float, float] | None = None  # top and bottom padding (room to write by hand)
    shade: tuple[tuple[int, colors.Color], ...] = ()  # cells filled with a colour: (column, colour)


PLAIN = Look()
Cell = str | Rich


def _lines(cell: Cell) -> int:
    return len(cell.lines) or 1 if isinstance(cell, Rich) else cell.count("\n") + 1


def wrap(value: str, width: float, style: GridStyle, font: str = FONT) -> str:
    """``value`` broken into lines that fit a column ``width`` points wide (joined by ``\\n``)."""
    return _wrapped(value, width - 2 * style.pad_side, font, style.size)


@lru_cache(maxsize=8192)
def _wrapped(value: str, room: float, font: str, size: float) -> str:
    """Remembered: a printout wraps the same club names, reasons and children again and again."""
    if "\n" not in value and stringWidth(value, font, size) <= room:
        return value
    lines: list[str] = []
    for part in value.split("\n"):
        lines += simpleSplit(part, font, size, room) or [""]
    return "\n".join(lines)


class Grid(Flowable):
    """Rows of plain strings with a header row that repeats on every page the grid runs onto.

    ``looks`` maps a row's index to how it differs; the last ``keep_last`` rows never start a page
    (a register's headcount and sign-off stay with its last child)."""

    def __init__(self, header: Sequence[Cell], rows: Sequence[Sequence[Cell]], style: GridStyle,
                 heights: Sequence[float] | None = None, looks: Mapping[int, Look] | None = None,
                 keep_last: int = 0) -> None:
        super().__init__()
        self.header, self.rows, self.style = list(header), [list(r) for r in rows], style
        self.looks = dict(looks or {})
        self.keep_last = keep_last
        self.heights = list(heights) if heights is not None else [
            self._height(r, self.looks.get(n, PLAIN)) for n, r in enumerate(self.rows)]
        self.header_height = self._height(self.header, PLAIN)
        self.width = sum(style.widths)
        self.height = self.header_height + sum(self.heights)

    def _height(self, row: Sequence[Cell], look: Look) -> float:
        lines = max((_lines(cell) for cell in row), default=1)
        s = self.style
        size, leading = self._size(look)
        top, bottom = look.pad or (s.pad_top, s.pad_bottom)
        return top + bottom + size + (lines - 1) * leading

    def _size(self, look: Look) -> tuple[float, float]:
        s = self.style
        return (look.size, s.leading * look.size / s.size) if look.size else (s.size, s.leading)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def _part(self, start: int, end: int) -> Grid:
        looks = {n - start: look for n, look in self.looks.items() if start <= n < end}
        keep = max(0, self.keep_last - (len(self.rows) - end))
        return Grid(self.header, self.rows[start:end], self.style, self.heights[start:end], looks, keep)

    def _fitting(self, room: float) -> int:
        """How many whole rows fit under the header in ``room``."""
        used, n = self.header_height, 0
        while n < len(self.rows) and used + self.heights[n] <= room:
            used += self.heights[n]
            n += 1
        return n

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Whole rows that fit here, the rest (under the header again) for the next frame.

        A first row too tall for a whole page is printed on its own rather than failing."""
        fit = self._fitting(availHeight)
        if fit >= len(self.rows):
            return [self]
        n = min(fit, len(self.rows) - self.keep_last - 1) if self.keep_last else fit
        if n <= 0:
            frame = getattr(self, "_frame", None)
            if frame is None or not getattr(frame, "_atTop", False) or not self.rows:
                return []  # the next page
            if fit == 0:
                return self._cut_first_row(availHeight - self.header_height)
            n = fit  # a fresh page cannot hold the kept rows with the one before: split anyway
        return [self._part(0, n), self._part(n, len(self.rows))]

    def _cut_first_row(self, room: float) -> list[Flowable]:
        """A first row taller than a whole page: as many of its lines as fit, the rest after. Both
        halves look as the row does; the rows after it keep their places and looks."""
        s, look = self.style, self.looks.get(0, PLAIN)
        size, leading = self._size(look)
        top_pad, bottom_pad = look.pad or (s.pad_top, s.pad_bottom)
        keep = max(1, int((room - top_pad - bottom_pad - size) // leading) + 1)
        top = [_cut(cell, 0, keep) for cell in self.rows[0]]
        rest = [_cut(cell, keep, None) for cell in self.rows[0]]
        return [Grid(self.header, [top], s, looks={0: look}),
                Grid(self.header, [rest, *self.rows[1:]], s, looks=self.looks,
                     keep_last=self.keep_last)]

    def draw(self) -> None:
        canvas, s = self.canv, self.style
        xs = [0.0]
        for w in s.widths:
            xs.append(xs[-1] + w)
        ys = [self.height, self.height - self.header_height]
        for h in self.heights:
            ys.append(ys[-1] - h)
        looks = [PLAIN, *(self.looks.get(n, PLAIN) for n in range(len(self.rows)))]
        canvas.saveState()
        canvas.setFillColor(HEADER_SHADE)
        canvas.rect(0, ys[1], xs[-1], self.header_height, stroke=0, fill=1)
        for n, look in enumerate(looks):
            for col, colour in look.shade:
                canvas.setFillColor(colour)
                canvas.rect(xs[col], ys[n + 1], xs[col + 1] - xs[col], ys[n] - ys[n + 1], stroke=0,
                            fill=1)
        canvas.setFillColor(colors.black)
        for n, look in enumerate(looks):
            for col in look.black:
                canvas.rect(xs[col], ys[n + 1], xs[col + 1] - xs[col], ys[n] - ys[n + 1], stroke=0,
                            fill=1)
        canvas.setLineWidth(0.5)
        if self.looks:
            canvas.lines(_rules(xs, ys, looks))
        else:  # every row alike (a statement's thousands): whole lines across and down
            canvas.grid(xs, ys)
        text = canvas.beginText()
        for n, (row, look) in enumerate(zip([self.header, *self.rows], looks, strict=True)):
            self._draw_row(text, row, xs, ys[n], look, header=n == 0)
        canvas.drawText(text)
        canvas.restoreState()

    def _draw_row(self, text: Any, row: Sequence[Cell], xs: Sequence[float], top: float, look: Look,
                  header: bool) -> None:
        s = self.style
        size, leading = self._size(look)
        base = top - (look.pad or (s.pad_top, s.pad_bottom))[0] - size
        pad, right = s.pad_side, s.right
        fonts = _fonts(s, look, header)
        place, out = text.setTextOrigin, text._textOut  # the text object's current font, below
        for col, cell in enumerate(row):
            if not cell:
                continue
            if isinstance(cell, Rich):
                _draw_rich(text, cell, xs[col] + pad, base, leading)
                continue
            font = fonts[col]
            if font != text._fontname or size != text._fontsize:
                text.setFont(font, size, leading)
            black = col in look.black
            if black:
                text.setFillColor(colors.white)
            last = look.span[1] if look.span and look.span[0] == col else col
            y = base
            for line in cell.split("\n") if "\n" in cell else (cell,):
                if col in right:
                    place(xs[last + 1] - pad - stringWidth(line, font, size), y)
                else:
                    place(xs[col] + pad, y)
                # Without the cursor's advance (each line is placed): textOut would measure it.
                out(line)
                y -= leading
            if black:
                text.setFillColor(colors.black)


def _cut(cell: Cell, start: int, end: int | None) -> Cell:
    """Lines ``start`` to ``end`` of a cell."""
    if isinstance(cell, Rich):
        return cell.cut(start, end)
    return "\n".join(cell.split("\n")[start:end])


def _draw_rich(text: Any, cell: Rich, x: float, y: float, leading: float) -> None:
    """Each line placed, its runs printed one after the other (the PDF moves along each)."""
    for line in cell.lines:
        text.setTextOrigin(x, y)
        for value, font, size in line:
            if font != text._fontname or size != text._fontsize:
                text.setFont(font, size, leading)
            text._textOut(value)
        y -= leading


@lru_cache(maxsize=64)
def _fonts(style: GridStyle, look: Look, header: bool) -> tuple[str, ...]:
    """Each column's font in a row that looks like ``look``."""
    return tuple(style.header_font if header or col in look.black
                 else look.font or (style.header_font if col in style.bold else style.font)
                 for col in range(len(style.widths)))


def _rules(xs: Sequence[float], ys: Sequence[float], looks: Sequence[Look]
           ) -> list[tuple[float, float, float, float]]:
    """The grid's lines: across above and below every ruled row, and down between cells (not
    inside joined cells), each as long as it runs unbroken."""
    count = len(looks)
    lines = [(xs[0], ys[n], xs[-1], ys[n]) for n in range(count + 1)
             if (n > 0 and looks[n - 1].ruled) or (n < count and looks[n].ruled)]
    for j, x in enumerate(xs):
        start: int | None = None
        for n in range(count + 1):
            look = looks[n] if n < count else None
            drawn = look is not None and look.ruled and not (
                look.span is not None and look.span[0] < j <= look.span[1])
            if drawn and start is None:
                start = n
            elif not drawn and start is not None:
                lines.append((x, ys[start], x, ys[n]))
                start = None
    return lines


class Lines(Flowable):
    """Lines of plain text, each a list of (text, font) runs, at one size; a line of a single run
    wraps to the frame. Far quicker than a Paragraph, and no markup to escape."""

    def __init__(self, lines: Sequence[Sequence[tuple[str, str]]], size: float = 10,
                 leading: float | None = None, before: float = 0, after: float = 0) -> None:
        super().__init__()
        self.given = [list(line) for line in lines]
        self.size, self.leading = size, leading or size * 1.25
        self.before, self.after = before, after
        self.lines: list[list[tuple[str, str]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth != self.width or not self.lines:  # platypus asks again and again
            self.lines = []
            for line in self.given:
                if len(line) == 1:
                    value, font = line[0]
                    parts = _wrapped(value, availWidth, font, self.size).split("\n")
                    self.lines += [[(part, font)] for part in parts]
                else:
                    self.lines.append(line)
            self.width = availWidth
            self.height = len(self.lines) * self.leading + self.before + self.after
        return availWidth, self.height

    def draw(self) -> None:
        text = self.canv.beginText()
        y = self.height - self.before - self.size
        for line in self.lines:
            text.setTextOrigin(0, y)
            for value, font in line:
                text.setFont(font, self.size, self.leading)
                text.textOut(value)  # runs of one line follow on from each other
            y -= self.leading
        self.canv.drawText(text)


def plain(value: str, font: str = FONT, size: float = 10, before: float = 0,
          after: float = 0) -> Lines:
    """One string in one font, wrapped to the frame."""
    return Lines([[(line, font)] for line in value.split("\n")], size, before=before, after=after)
