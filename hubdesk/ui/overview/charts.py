"""Plain horizontal bar charts drawn with QPainter: labelled bars with their values written on them.

QtCharts would add PySide6-Addons (about 59 MB to download, 161 MB installed) for a few bar charts;
this module is all the Overview needs. Every chart sits beside a table of the same numbers, which is
the accessible alternative; the chart also describes itself in its accessible description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

# Colours that stay apart for the common colour-blindnesses and print as distinct greys.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#7f7f7f")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


def value_text(value: float, unit: str) -> str:
    """'76%', '£1,234', '1,204'."""
    if unit == "%":
        return f"{value:.0f}%"
    if unit == "£":
        return f"£{value:,.0f}"
    return f"{value:,.0f}"


class BarChart(QWidget):
    """Categories down the side, one bar per series in each, values at the bars' ends."""

    BAR = 14  # pixels per bar
    GAP = 8  # between categories

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.categories: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.unit = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(320)
        self.setAccessibleName(title)

    def set_data(self, categories: Sequence[str], series: Sequence[Series], unit: str = "") -> None:
        self.categories, self.series, self.unit = tuple(categories), tuple(series), unit
        self.setAccessibleDescription(self.describe())
        self.updateGeometry()
        self.update()

    def describe(self) -> str:
        """The chart in words, for a screen reader: 'Oakfield: offered 120, booked 90; …'."""
        if not self.categories:
            return f"{self.title}: nothing to show for this period."
        parts = []
        for i, category in enumerate(self.categories):
            values = ", ".join(f"{s.name.lower()} {value_text(s.values[i], self.unit)}"
                               for s in self.series)
            parts.append(f"{category}: {values}")
        return f"{self.title}. " + "; ".join(parts) + "."

    def _row_height(self) -> int:
        return self.BAR * max(1, len(self.series)) + self.GAP

    def sizeHint(self) -> QSize:
        return QSize(480, self._top() + self._row_height() * max(1, len(self.categories)) + 8)

    def _top(self) -> int:
        return QFontMetrics(self.font()).height() * 2 + 12

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("black"))
        painter.drawText(8, line, self.title)
        painter.setFont(self.font())
        self._legend(painter, metrics, line + 8)
        if not self.categories:
            painter.drawText(8, self._top() + line, "Nothing to show for this period.")
            return
        self._bars(painter, metrics)

    def _legend(self, painter: QPainter, metrics: QFontMetrics, top: int) -> None:
        x = 8
        for n, s in enumerate(self.series):
            painter.fillRect(QRectF(x, top, 12, 12), QColor(PALETTE[n % len(PALETTE)]))
            painter.drawText(x + 16, top + 11, s.name)
            x += 28 + metrics.horizontalAdvance(s.name)

    def _bars(self, painter: QPainter, metrics: QFontMetrics) -> None:
        label_width = min(max(metrics.horizontalAdvance(c) for c in self.categories) + 12,
                          int(self.width() * 0.45))
        value_room = metrics.horizontalAdvance(value_text(self._largest(), self.unit)) + 10
        room = max(10, self.width() - label_width - value_room - 8)
        largest = self._largest() or 1
        y = self._top()
        for i, category in enumerate(self.categories):
            shown = metrics.elidedText(category, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.setPen(QColor("black"))
            painter.drawText(QRectF(4, y, label_width - 8, self._row_height() - self.GAP),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
            for n, s in enumerate(self.series):
                width = room * max(0.0, s.values[i]) / largest
                bar = QRectF(label_width, y + n * self.BAR, width, self.BAR - 2)
                painter.fillRect(bar, QColor(PALETTE[n % len(PALETTE)]))
                painter.drawText(QRectF(label_width + width + 4, bar.top() - 1, value_room,
                                        self.BAR), Qt.AlignmentFlag.AlignVCenter,
                                 value_text(s.values[i], self.unit))
            y += self._row_height()

    def _largest(self) -> float:
        return max((v for s in self.series for v in s.values), default=0.0)
