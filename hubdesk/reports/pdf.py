"""What every hubdesk PDF shares: embedded DejaVu fonts, A4 pages, a running header, and
"Page x of y" in the footer; tables whose header row repeats and whose cells wrap.

Text from the database is escaped before it reaches reportlab's mini-markup, so names like
"Aoife O'Neill-Brennan" and notes with < & > come out exactly as typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from hubdesk.settings import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"


class _Font(TTFont):
    """A TrueType font that remembers how each string it drew splits into the font's subsets.

    reportlab maps a string character by character every time it is drawn; a printout repeats
    the same strings thousands of times (dates, club names, "Yes", £3.00). A character keeps its
    place in a document's subset once given one, so the split of a string is the same for the
    rest of that document: the memory is per document and starts afresh with the next one.
    """

    _memory: tuple[object, dict[str, Any]] = (None, {})

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> Any:
        owner, known = self._memory
        if owner is not doc:
            owner, known = doc, {}
            self._memory = (doc, known)
        key = text if isinstance(text, str) else text.decode(encoding)
        found = known.get(key)
        if found is None:
            found = known[key] = super().splitString(text, doc, encoding)
        return found


def register_fonts() -> None:
    """Register the shipped TrueType fonts once; they are embedded (subset) in every PDF."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(_Font(FONT, str(resource_path("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(_Font(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT,
                                  boldItalic=FONT_BOLD)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    heading: ParagraphStyle
    title: ParagraphStyle


def styles(cell_size: float = 8.5) -> Styles:
    register_fonts()
    # A double-barrelled name that does not fit breaks after its hyphen, never mid-word.
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=12.5, alignment=TA_LEFT,
                          embeddedHyphenation=1)
    return Styles(
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        cell=ParagraphStyle("cell", parent=body, fontSize=cell_size, leading=cell_size * 1.2),
        cell_bold=ParagraphStyle("cellb", parent=body, fontName=FONT_BOLD, fontSize=cell_size,
                                 leading=cell_size * 1.2),
        heading=ParagraphStyle("h2", parent=body, fontName=FONT_BOLD, fontSize=12, leading=15,
                               spaceBefore=4, spaceAfter=4),
        title=ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=16, leading=20,
                             spaceAfter=6),
    )


NBSP = "\u00a0"
_PHONE = re.compile(r"(?<![\w])(\+?\d[\d ]{6,}\d)")


def whole_phones(value: str) -> str:
    """Join the groups of each phone number with no-break spaces, so no line breaks inside one."""
    return _PHONE.sub(lambda m: m.group(1).replace(" ", NBSP), value)


def text(value: object) -> str:
    """Escape database text for a Paragraph (&, < and >); keep line breaks.

    ``html.escape`` rather than ``xml.sax.saxutils.escape``, which does the same but loads
    ``urllib.request`` and the e-mail package with it (5 ms of every printout)."""
    return escape("" if value is None else str(value), quote=False).replace("\n", "<br/>")


def para(value: object, style: ParagraphStyle, bold: bool = False) -> Paragraph:
    content = text(value)
    return Paragraph(f"<b>{content}</b>" if bold else content, style)


class NumberedCanvas(Canvas):
    """Holds pages back until the end so each footer can say "Page x of y"."""

    _pagesize: tuple[float, float]  # kept by reportlab's Canvas for the page being drawn

    def __init__(self, *args: Any, footer: str = "", **kwargs: Any) -> None:
        register_fonts()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
        super().__init__(*args, **kwargs)
        self.footer_left = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        # The usual reportlab recipe for "page x of y": start a fresh page, keep the old one for later.
        self._startPage()  # type: ignore[attr-defined]  # private; reportlab's stubs leave it out

    def save(self) -> None:
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        self.setFont(FONT, 8)
        self.setFillColor(colors.black)
        self.drawRightString(width - 12 * mm, 8 * mm, f"Page {self.getPageNumber()} of {total}")
        if self.footer_left:
            self.drawString(12 * mm, 8 * mm, self.footer_left)


class HeaderMark(Flowable):
    """Sets the running header from this point on: a grid that runs over several pages names its
    site on each of them, not only on its first."""

    def __init__(self, header: str) -> None:
        super().__init__()
        self.header = header

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv._hubdesk_header = self.header  # type: ignore[attr-defined]  # read at page end


def draw_running_header(canvas: Canvas, header: str, width: float, top: float) -> None:
    """The header in full, never cut: smaller type first, then a second line."""
    if not header:
        return
    canvas.saveState()
    size = 8.0
    while size > 6 and pdfmetrics.stringWidth(header, FONT, size) > width:
        size -= 0.5
    lines = simpleSplit(header, FONT, size, width)
    canvas.setFont(FONT, size)
    for n, line in enumerate(lines[:2]):
        canvas.drawString(12 * mm, top - n * (size + 1.5), line)
    canvas.restoreState()


def build(path: Path | str, story: Sequence[Flowable], *, title: str, footer: str = "",
          landscape_pages: bool = False, running_header: str = "") -> None:
    """Write ``story`` to an A4 PDF with margins, a running header and numbered footers. A
    ``HeaderMark`` in the story replaces the running header from the page it lands on."""
    register_fonts()
    size = landscape(A4) if landscape_pages else A4
    doc = BaseDocTemplate(str(path), pagesize=size, title=title, author="hubdesk",
                          leftMargin=12 * mm, rightMargin=12 * mm, topMargin=16 * mm,
                          bottomMargin=14 * mm)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def header(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        # Drawn at the end of each page, so a HeaderMark placed on this page already counts.
        wanted = getattr(canvas, "_hubdesk_header", running_header)
        draw_running_header(canvas, wanted, size[0] - 24 * mm, size[1] - 8 * mm)

    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=header)])
    doc.build(list(story), canvasmaker=partial(NumberedCanvas, footer=footer))


class WholeRowTable(Table):
    """A table whose rows never split across pages; only a row taller than a whole page (which
    could never fit) is split, at the top of a fresh page, rather than failing the printout."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if not parts and frame is not None and getattr(frame, "_atTop", False):
            self.splitInRow = 1
            parts = super().split(availWidth, availHeight)
        return parts


def table(rows: Sequence[Sequence[object]], widths: Sequence[float], *, header_rows: int = 1,
          zebra: bool = True, extra: Sequence[tuple[Any, ...]] = ()) -> Table:
    """A grid table: header row(s) repeat on every page, black-and-white safe. A row never splits
    across pages: half a row under no name is how times get written against the wrong child."""
    result = WholeRowTable(list(map(list, rows)), colWidths=list(widths),
                           repeatRows=header_rows, splitByRow=True, splitInRow=False)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:  # with none, (-1, -1) would shade the last row as if it were a header
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.Color(0.85, 0.85, 0.85)))
    if zebra and len(rows) > header_rows:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1),
                         [colors.white, colors.Color(0.95, 0.95, 0.95)]))
    commands.extend(extra)
    result.setStyle(TableStyle(commands))
    return result
