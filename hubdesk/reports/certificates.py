"""Certificates for learners who completed a course: one A4 page each, plain enough to photocopy.

The page has a double rule border, a serif title face for "Certificate of Achievement" and the
learner's name, the course, the dates of its real sessions and hours, the provider, and at the
foot the signature line with the tutor named under it and the date beside it (a date needs no line).
The content is spread over the page rather than bunched at the top. Long names and titles wrap
instead of running off the page. There is deliberately no "Page x of y" on a certificate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from hubdesk.core.dates import spoken_day, spoken_span
from hubdesk.reports.pdf import FONT, FONT_BOLD, register_fonts, text
from hubdesk.services.learning import Certificate
from hubdesk.settings import resource_path

WIDTH, HEIGHT = A4
MARGIN = 26 * mm
TITLE = "Certificate of Achievement"
SIGNATURE_HEIGHT = 30 * mm
TITLE_FACE = "DejaVuSerif-Bold"
ITALIC_FACE = "DejaVuSerif-Italic"


def _register_title_faces() -> None:
    """The serif faces a certificate uses for its title, name and wording (embedded, subset)."""
    register_fonts()
    for name in (TITLE_FACE, ITALIC_FACE):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", f"{name}.ttf"))))


def _style(name: str, size: float, bold: bool = False, space: float = 0,
           grey: bool = False, face: str = "") -> ParagraphStyle:
    return ParagraphStyle(name, fontName=face or (FONT_BOLD if bold else FONT), fontSize=size,
                          leading=size * 1.25, alignment=TA_CENTER, spaceAfter=space,
                          textColor=colors.Color(0.3, 0.3, 0.3) if grey else colors.black)


def _long(day: date) -> str:
    return spoken_day(day, weekday=False, year=True)


def _fit(value: str, largest: float, smallest: float, face: str = FONT_BOLD) -> float:
    """The largest font size (down to ``smallest``) at which ``value`` fits on one line."""
    width = stringWidth(value, face, largest)
    available = WIDTH - 2 * MARGIN
    return largest if width <= available else max(smallest, largest * available / width)


def _hours(hours: float) -> str:
    value = f"{hours:.1f}".rstrip("0").rstrip(".")
    return f"{value} hour" if value == "1" else f"{value} hours"


def _border(canvas: Canvas, _doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(2.2)
    canvas.rect(14 * mm, 14 * mm, WIDTH - 28 * mm, HEIGHT - 28 * mm)
    canvas.setLineWidth(0.6)
    canvas.rect(17 * mm, 17 * mm, WIDTH - 34 * mm, HEIGHT - 34 * mm)
    canvas.restoreState()


class _Fill(Flowable):
    """Takes the page's free height less ``reserve``, so the signature always sits at the foot."""

    def __init__(self, reserve: float) -> None:
        super().__init__()
        self.reserve = reserve

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = max(0.0, availHeight - self.reserve)
        return availWidth, self.height

    def draw(self) -> None:
        return None


def _signature(cert: Certificate) -> Table:
    """The line to sign on, the tutor named under it; the date beside it, printed, with no line."""
    signatory = f"Tutor: {text(cert.tutor)}" if cert.tutor else "Tutor"
    result = Table(
        [["", "", Paragraph(f"Date: {_long(cert.completed_on)}", _style("d", 11))],
         [Paragraph(signatory, _style("s", 11)), "", ""]],
        colWidths=[80 * mm, 12 * mm, 66 * mm], rowHeights=[18 * mm, None])
    result.setStyle(TableStyle([("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
                                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                ("TOPPADDING", (0, 1), (-1, 1), 3),
                                ("FONTNAME", (0, 0), (-1, -1), FONT)]))
    return result


def _page(cert: Certificate) -> list[Flowable]:
    dates = spoken_span(cert.start_date, cert.end_date)
    return [
        Spacer(0, 30 * mm),
        Paragraph(text(cert.provider), _style("provider", 14, grey=True, space=22)),
        Paragraph(TITLE, _style("title", _fit(TITLE, 34, 24, TITLE_FACE), space=12,
                                face=TITLE_FACE)),
        HRFlowable(width="50%", thickness=1.2, color=colors.black, spaceAfter=34),
        Paragraph("This is to certify that", _style("lead", 15, space=20, face=ITALIC_FACE)),
        Paragraph(text(cert.learner), _style("name", _fit(cert.learner, 34, 18, TITLE_FACE),
                                             space=24, face=TITLE_FACE)),
        Paragraph("has successfully completed the course", _style("lead2", 15, space=18,
                                                                   face=ITALIC_FACE)),
        Paragraph(text(cert.course), _style("course", _fit(cert.course, 22, 14), bold=True,
                                            space=16)),
        Paragraph(f"{text(cert.kind)} · {_hours(cert.hours)}", _style("facts", 13, space=8)),
        Paragraph(text(dates), _style("dates", 13, space=8)),
        Paragraph(f"at {text(cert.site)}", _style("site", 13, space=6)),
        _Fill(SIGNATURE_HEIGHT),
        _signature(cert),
    ]


def write_certificates(certificates: Sequence[Certificate], path: Path | str) -> None:
    """One page per learner, in the order given (the register's)."""
    _register_title_faces()
    title = f"Certificates: {certificates[0].course}" if certificates else "Certificates"
    doc = BaseDocTemplate(str(path), pagesize=A4, title=title, author="hubdesk",
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                          bottomMargin=MARGIN)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="certificate", frames=[frame], onPage=_border)])
    story: list[Flowable] = []
    for n, cert in enumerate(certificates):
        if n:
            story.append(PageBreak())
        story.extend(_page(cert))
    doc.build(story, canvasmaker=_canvas)


def _canvas(*args: Any, **kwargs: Any) -> Canvas:
    kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
    return Canvas(*args, **kwargs)
