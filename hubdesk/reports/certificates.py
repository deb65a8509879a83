"""Certificates for learners who completed a course: one A4 page each, plain enough to photocopy.

The page has a double rule border, the learner's name large in the middle, the course, its dates
and hours, the provider, and lines for the tutor's signature and the date. Long names and titles
wrap instead of running off the page. There is deliberately no "Page x of y" on a certificate.
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
from reportlab.pdfbase.pdfmetrics import stringWidth
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

from hubdesk.reports.pdf import FONT, FONT_BOLD, register_fonts, text
from hubdesk.services.learning.reports import Certificate

WIDTH, HEIGHT = A4
MARGIN = 26 * mm


def _style(name: str, size: float, bold: bool = False, space: float = 0,
           grey: bool = False) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size,
                          leading=size * 1.25, alignment=TA_CENTER, spaceAfter=space,
                          textColor=colors.Color(0.3, 0.3, 0.3) if grey else colors.black)


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _fit(value: str, largest: float, smallest: float) -> float:
    """The largest font size (down to ``smallest``) at which ``value`` fits on one line."""
    width = stringWidth(value, FONT_BOLD, largest)
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


def _page(cert: Certificate) -> list[Flowable]:
    dates = (_long(cert.start_date) if cert.start_date == cert.end_date
             else f"{_long(cert.start_date)} to {_long(cert.end_date)}")
    signature = Table(
        [["", "", ""],
         [Paragraph(f"Tutor{': ' + text(cert.tutor) if cert.tutor else ''}", _style("s", 10)),
          "",
          Paragraph(f"Date: {_long(cert.completed_on)}", _style("d", 10))]],
        colWidths=[70 * mm, 14 * mm, 60 * mm], rowHeights=[16 * mm, None])
    signature.setStyle(TableStyle([("LINEBELOW", (0, 0), (0, 0), 0.8, colors.black),
                                   ("LINEBELOW", (2, 0), (2, 0), 0.8, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("FONTNAME", (0, 0), (-1, -1), FONT)]))
    return [
        Spacer(0, 30 * mm),
        Paragraph(text(cert.provider), _style("provider", 13, grey=True, space=14)),
        Paragraph("Certificate of Achievement", _style("title", 27, bold=True, space=8)),
        HRFlowable(width="40%", thickness=0.8, color=colors.black, spaceAfter=20),
        Paragraph("This is to certify that", _style("lead", 13, space=14)),
        Paragraph(text(cert.learner), _style("name", _fit(cert.learner, 28, 18), bold=True,
                                             space=16)),
        Paragraph("has successfully completed the course", _style("lead2", 13, space=12)),
        Paragraph(text(cert.course), _style("course", _fit(cert.course, 20, 14), bold=True,
                                            space=10)),
        Paragraph(f"{text(cert.kind)} · {_hours(cert.hours)}", _style("facts", 12, space=4)),
        Paragraph(text(dates), _style("dates", 12, space=4)),
        Paragraph(f"at {text(cert.site)}", _style("site", 12, space=4)),
        Spacer(0, 45 * mm),
        signature,
    ]


def write_certificates(certificates: Sequence[Certificate], path: Path | str) -> None:
    """One page per learner, in the order given."""
    register_fonts()
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
