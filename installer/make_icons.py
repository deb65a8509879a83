"""Render resources/icons/hubdesk.svg to the PNG sizes and the multi-size .ico that are committed.

    QT_QPA_PLATFORM=offscreen python installer/make_icons.py

Run it after changing the SVG. It needs PySide6 (already there) and Pillow (for the .ico only:
`pip install pillow` into a build venv; it is not a dependency of hubdesk).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    svg.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg = QSvgRenderer(str(ICONS / "hubdesk.svg"))
    if not svg.isValid():
        print(f"cannot read {ICONS / 'hubdesk.svg'}", file=sys.stderr)
        return 1
    pngs = []
    for size in SIZES:
        path = ICONS / f"hubdesk-{size}.png"
        render(svg, size).save(str(path), "PNG")
        pngs.append(path)
    from PIL import Image  # only for writing the Windows .ico

    biggest = Image.open(pngs[-1])
    smaller = [Image.open(p) for p in pngs[:-1]]
    biggest.save(ICONS / "hubdesk.ico", format="ICO", sizes=[(s, s) for s in SIZES],
                 append_images=smaller)
    print(f"wrote {len(pngs)} PNGs and hubdesk.ico in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
