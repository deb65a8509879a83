"""Reading PDFs back in tests: text per page and the fonts each page uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader


def pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def embedded_fonts(path: Path) -> dict[str, bool]:
    """Font name -> whether the font program is embedded in the file."""
    found: dict[str, bool] = {}
    for page in PdfReader(str(path)).pages:
        resources: Any = page.get("/Resources") or {}
        fonts = resources.get_object().get("/Font") or {}
        for ref in fonts.get_object().values():
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            descendants = font.get("/DescendantFonts")
            target = descendants.get_object()[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = False
            if descriptor is not None:
                d = descriptor.get_object()
                embedded = any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[name] = embedded
    return found
