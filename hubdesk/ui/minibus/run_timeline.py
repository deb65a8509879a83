"""A painted timeline of minibus runs: one lane per vehicle (per day in the week view), runs as
blocks from first to last stop with the stops marked, runs with a blocking problem in red, and the
dead running between one run's last stop and the next run's first drawn as a dashed line (red when
the bus cannot make it). Clicking a run emits ``run_clicked``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from hubdesk.services.minibus import RunRow

LANE_HEIGHT = 44
LABEL_WIDTH = 170
HEADER = 22
BLOCK = QColor("#4a78b5")
BLOCKED = QColor("#c62828")
WARN = QColor("#e0a800")


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class Lane:
    title: str
    vehicle_id: int
    day: date


class RunTimeline(QWidget):
    run_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lanes: list[Lane] = []
        self.runs: list[RunRow] = []
        self.blocked: set[int] = set()
        self.warned: set[int] = set()
        self.dead: dict[tuple[int, int], int] = {}  # (earlier run, later run) -> minutes
        self.start_minute, self.end_minute = 7 * 60, 18 * 60
        self._rects: list[tuple[QRectF, RunRow]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

    def set_data(self, lanes: list[Lane], runs: list[RunRow], blocked: set[int], warned: set[int],
                 dead: dict[tuple[int, int], int]) -> None:
        self.lanes, self.runs, self.blocked, self.warned, self.dead = lanes, runs, blocked, warned, dead
        if runs:
            first = min(_minutes(r.start) for r in runs)
            last = max(_minutes(r.end) for r in runs)
            # Zoom to the runs, an hour either side, at least four hours wide.
            self.start_minute = max(0, (first // 60 - 1) * 60)
            self.end_minute = min(24 * 60, max((last // 60 + 2) * 60, self.start_minute + 240))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, HEADER + max(len(self.lanes), 1) * LANE_HEIGHT + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(500, HEADER + max(len(self.lanes), 1) * LANE_HEIGHT + 4)

    def _x(self, minute: int) -> float:
        span = max(self.end_minute - self.start_minute, 60)
        width = max(self.width() - LABEL_WIDTH - 28, 100)  # room for the last hour's label
        return LABEL_WIDTH + (minute - self.start_minute) * width / span

    def _lane_of(self, run: RunRow) -> int | None:
        for n, lane in enumerate(self.lanes):
            if lane.vehicle_id == run.vehicle_id and lane.day == run.day:
                return n
        return None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7))
        painter.setFont(small)
        grid = QPen(QColor(200, 200, 200))
        # A narrow timeline labels every second (or third…) hour: the labels never run together.
        label = painter.fontMetrics().horizontalAdvance("00:00") + 8
        step = max(1, math.ceil(label / max(self._x(60) - self._x(0), 1)))
        for hour in range(self.start_minute // 60, self.end_minute // 60 + 1):
            x = self._x(hour * 60)
            painter.setPen(grid)
            painter.drawLine(QPointF(x, HEADER - 4), QPointF(x, self.height()))
            if hour % step == 0:
                painter.setPen(palette.text().color())
                painter.drawText(QRectF(x - label / 2, 2, label, HEADER - 6),
                                 Qt.AlignmentFlag.AlignCenter, f"{hour:02d}:00")
        for n, lane in enumerate(self.lanes):
            top = HEADER + n * LANE_HEIGHT
            if n % 2:
                painter.fillRect(QRectF(0, top, self.width(), LANE_HEIGHT), palette.alternateBase())
            painter.setPen(palette.text().color())
            painter.drawText(QRectF(6, top, LABEL_WIDTH - 10, LANE_HEIGHT),
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, lane.title)
        self._rects = []
        by_id = {r.id: r for r in self.runs}
        for (a, b), minutes in self.dead.items():
            self._draw_dead(painter, by_id.get(a), by_id.get(b), minutes)
        placed = sorted(((row, run) for run in self.runs
                         if (row := self._lane_of(run)) is not None),
                        key=lambda x: (x[0], _minutes(x[1].start)))
        for n, (row, run) in enumerate(placed):
            following = placed[n + 1] if n + 1 < len(placed) else None
            limit = (self._x(_minutes(following[1].start)) if following and following[0] == row
                     else float(self.width()))
            self._draw_run(painter, run, HEADER + row * LANE_HEIGHT, limit)
        painter.end()

    def _draw_run(self, painter: QPainter, run: RunRow, top: float, limit: float) -> None:
        """A run's block; its label inside, or beside it (up to the next run) when it is short."""
        x1, x2 = self._x(_minutes(run.start)), self._x(_minutes(run.end))
        rect = QRectF(x1, top + 8, max(x2 - x1, 6), LANE_HEIGHT - 16)
        colour = BLOCKED if run.id in self.blocked else BLOCK
        painter.setPen(QPen(WARN if run.id in self.warned and run.id not in self.blocked
                            else colour.darker(130), 2))
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QPen(Qt.GlobalColor.white, 1))
        painter.setBrush(Qt.GlobalColor.white)
        for stop in run.stops:
            at = stop.arrive or stop.depart
            if at is not None:
                painter.drawEllipse(QPointF(self._x(_minutes(at)), rect.bottom() - 5), 2.5, 2.5)
        label = f"{run.passengers} · {run.label}"
        metrics = painter.fontMetrics()
        if rect.width() > metrics.horizontalAdvance(label) + 8:
            painter.drawText(rect.adjusted(4, 1, -2, -8), Qt.AlignmentFlag.AlignLeft |
                             Qt.AlignmentFlag.AlignTop, label)
        else:
            room = QRectF(rect.right() + 4, top + 2, limit - rect.right() - 8, LANE_HEIGHT - 4)
            if room.width() > 30:
                painter.setPen(BLOCKED if run.id in self.blocked else self.palette().text().color())
                painter.drawText(room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(room.width())))
        self._rects.append((rect, run))

    def _draw_dead(self, painter: QPainter, a: RunRow | None, b: RunRow | None, minutes: int) -> None:
        if a is None or b is None or minutes <= 0:
            return
        lane = self._lane_of(a)
        if lane is None:
            return
        y = HEADER + lane * LANE_HEIGHT + LANE_HEIGHT - 5
        x1, x2 = self._x(_minutes(a.end)), self._x(_minutes(a.end) + minutes)
        late = _minutes(a.end) + minutes > _minutes(b.start)
        painter.setPen(QPen(BLOCKED if late else QColor(90, 90, 90), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x1, y), QPointF(x2, y))

    def run_at(self, point: QPointF) -> RunRow | None:
        for rect, run in reversed(self._rects):
            if rect.contains(point):
                return run
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        run = self.run_at(event.position())
        if run is not None and event.button() == Qt.MouseButton.LeftButton:
            self.run_clicked.emit(run.id)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        run = self.run_at(event.position())
        if run is None:
            QToolTip.hideText()
        else:
            stops = "\n".join(f"  {s.site} {(s.arrive or s.depart or time()):%H:%M}"
                              f"  +{s.on} −{s.off}" for s in run.stops)
            state = " — BLOCKED, see the checks" if run.id in self.blocked else ""
            QToolTip.showText(event.globalPosition().toPoint(),
                              f"{run.label}{state}\n{run.vehicle}\nDriver: {run.driver or 'none'}"
                              f"\nEscort: {run.escort or 'none'}\n{run.passengers} passengers\n{stops}",
                              self)
        super().mouseMoveEvent(event)
