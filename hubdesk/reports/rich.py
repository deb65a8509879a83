"""Text in mixed fonts and sizes, broken into lines for a grid's cell without reportlab's Paragraph.

A rota's cell names a session in bold, its staff in the body font and their roles smaller. Paragraphs
parse markup and break lines again each time a table measures them (most of the rota's printing
time); here each cell is broken once, at spaces, from runs of (text, font, size).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth

Run = tuple[str, str, float]  # text, font, size
Line = tuple[Run, ...]


@dataclass(frozen=True)
class Rich:
    """A cell's lines, each a row of runs printed one after the other."""

    lines: tuple[Line, ...]

    def cut(self, start: int, end: int | None = None) -> Rich:
        return Rich(self.lines[start:end])


def rich(paragraphs: Sequence[Sequence[Run]], room: float) -> Rich:
    """Each paragraph (its runs) broken at spaces into lines at most ``room`` points wide; a word
    wider than a whole line is broken between letters rather than printed over the next cell."""
    lines: list[Line] = []
    for runs in paragraphs:
        lines += _broken(runs, room)
    return Rich(tuple(lines))


def _broken(runs: Sequence[Run], room: float) -> list[Line]:
    lines: list[Line] = []
    line: list[Run] = []
    width = 0.0
    for text, font, size in runs:
        for n, word in enumerate(text.split(" ")):
            spaced = n > 0  # the run's text had a space before this word
            if not word:
                continue
            gap = stringWidth(" ", font, size) if spaced and line else 0.0
            wide = stringWidth(word, font, size)
            if line and spaced and width + gap + wide > room:
                lines.append(_joined(line))
                line, width, gap = [], 0.0, 0.0
            for piece in _letters(word, font, size, room) if wide > room else (word,):
                if line and not spaced and width + stringWidth(piece, font, size) > room:
                    lines.append(_joined(line))
                    line, width, gap = [], 0.0, 0.0
                line.append((" " * (gap > 0) + piece, font, size))
                width += gap + stringWidth(piece, font, size)
                gap, spaced = 0.0, False
    if line or not lines:
        lines.append(_joined(line))
    return lines


def _letters(word: str, font: str, size: float, room: float) -> list[str]:
    """``word`` cut into pieces that each fit ``room``."""
    pieces: list[str] = []
    current = ""
    for letter in word:
        if current and stringWidth(current + letter, font, size) > room:
            pieces.append(current)
            current = ""
        current += letter
    return [*pieces, current]


def _joined(line: Sequence[Run]) -> Line:
    """Neighbouring runs in the same font and size as one (one piece of text to draw)."""
    out: list[Run] = []
    for text, font, size in line:
        if out and out[-1][1] == font and out[-1][2] == size:
            out[-1] = (out[-1][0] + text, font, size)
        else:
            out.append((text, font, size))
    return tuple(out)
