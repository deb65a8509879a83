"""The Overview's tabs: each a chart beside the table of the same numbers (the table is the
chart's accessible alternative, and what a head copies into a report)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QSplitter, QVBoxLayout, QWidget

from hubdesk.core.money import money  # £1,234.50; a club of no cost shows £0.00
from hubdesk.core.vocabulary import CLUB_KIND_LABELS
from hubdesk.services.overview import (
    CLUSTER,
    CarriedRow,
    LearnersBySchool,
    LearningRow,
    MissingChild,
    Overview,
    PlacesRow,
    ReferralRow,
    RunUse,
    TakeUpRow,
    ViabilityRow,
)
from hubdesk.ui.common.tables import DtoTableModel, fit_columns, table_view
from hubdesk.ui.overview.charts import BarChart, Series

T = TypeVar("T")
Columns = Sequence[tuple[str, Callable[[Any], Any]]]


class Table(Generic[T]):
    """A read-only table of DTO rows, refilled when the Overview is read again."""

    def __init__(self, columns: Columns, stretch: int | None = None,
                 elide: Sequence[int] = ()) -> None:
        self.model: DtoTableModel[T] = DtoTableModel(columns, [])
        self.view = table_view(self.model, stretch)
        self._stretch = stretch
        # Columns that give up width first, text whole in a tooltip: the names, so that at 1366 pixels
        # no figure is behind a scroll bar beside the chart.
        self._elide = elide

    def fill(self, rows: Sequence[T]) -> None:
        self.model.set_rows(rows)
        fit_columns(self.view, self._stretch, self._elide)


def chart_beside(chart: BarChart, *tables: QWidget, note: QLabel | None = None) -> QWidget:
    """The chart (scrolling when it is tall) on the left, the tables on the right."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(chart)
    right = QWidget()
    layout = QVBoxLayout(right)
    layout.setContentsMargins(0, 0, 0, 0)
    if note is not None:
        layout.addWidget(note)
    for table in tables:
        layout.addWidget(table)
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(scroll)
    split.addWidget(right)
    split.setSizes([440, 760])
    return split


def note_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


PLACES: Columns = [
    ("Site", lambda r: r.site), ("Club kind", lambda r: CLUB_KIND_LABELS.get(r.kind, "All")),
    ("Sessions", lambda r: r.sessions), ("Places offered", lambda r: r.offered),
    ("Booked", lambda r: r.booked), ("Attended", lambda r: r.attended),
    ("Occupancy", lambda r: f"{r.occupancy:g}%")]
# Headings in two lines: nine columns beside the chart, and the figures are narrower than their names.
TAKE_UP: Columns = [
    ("School", lambda r: r.school), ("Group", lambda r: r.group),
    ("On\nroll", lambda r: r.on_roll), ("Share\nof roll", lambda r: f"{r.roll_share:g}%"),
    ("Children\nwith places", lambda r: r.attending), ("Take-up", lambda r: f"{r.take_up:g}%"),
    ("Places\nbooked", lambda r: r.places), ("Share of\nplaces", lambda r: f"{r.places_share:g}%"),
    ("In words", lambda r: r.gap)]
MISSING: Columns = [
    ("School", lambda r: r.school), ("Child", lambda r: r.name), ("Year", lambda r: r.year),
    ("Groups", lambda r: r.groups), ("Carers' phones", lambda r: r.phones)]
LEARNING: Columns = [
    ("Site", lambda r: r.site), ("Courses", lambda r: r.courses),
    ("Enrolments", lambda r: r.enrolments), ("Completed", lambda r: r.completions),
    ("Withdrawn", lambda r: r.withdrawn), ("Crèche children", lambda r: r.creche_children),
    ("Crèche visits", lambda r: r.creche_visits)]
LEARNERS: Columns = [("Learners' children's school", lambda r: r.school),
                     ("Learners", lambda r: r.learners)]
RUNS: Columns = [
    ("Run", lambda r: r.run), ("Vehicle", lambda r: r.vehicle), ("Seats", lambda r: r.seats),
    ("Runs", lambda r: r.runs), ("Seats used (all runs)", lambda r: r.passengers),
    ("Fullest run", lambda r: r.fullest), ("Average use", lambda r: f"{r.average_use:g}%")]
CARRIED: Columns = [("Club's site", lambda r: r.site), ("Children carried", lambda r: r.children),
                    ("Journeys", lambda r: r.journeys)]
VIABILITY: Columns = [
    ("Site", lambda r: r.site), ("Club", lambda r: r.club),
    ("Kind", lambda r: CLUB_KIND_LABELS.get(r.kind, r.kind)), ("Sessions", lambda r: r.sessions),
    ("Places", lambda r: r.places), ("Income", lambda r: money(r.income_pence)),
    ("Staff hours", lambda r: f"{r.staff_minutes / 60:,.1f}"),
    ("Staff cost", lambda r: money(r.staff_cost_pence)),
    ("Income less staff", lambda r: money(r.margin_pence))]
REFERRALS: Columns = [("School", lambda r: r.school), ("Service", lambda r: r.service),
                      ("Term", lambda r: r.term), ("Referrals", lambda r: r.referrals),
                      ("Signposted", lambda r: r.signposted)]


class PlacesView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart = BarChart("Places per site: offered, booked and attended")
        self.table: Table[PlacesRow] = Table(PLACES, elide=(0, 1))
        QVBoxLayout(self).addWidget(chart_beside(self.chart, self.table.view))

    def fill(self, o: Overview) -> None:
        sites = o.places_by_site()
        self.chart.set_data([s.site for s in sites], [
            Series("Offered", tuple(s.offered for s in sites)),
            Series("Booked", tuple(s.booked for s in sites)),
            Series("Attended", tuple(s.attended for s in sites))])
        self.table.fill([*o.places, *sites, o.totals()] if o.places else [])


class TakeUpView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart = BarChart("Share of the roll and of club places")
        self.note = note_label()
        self.table: Table[TakeUpRow] = Table(TAKE_UP, stretch=8, elide=(0, 1))
        QVBoxLayout(self).addWidget(chart_beside(self.chart, self.table.view, note=self.note))

    def fill(self, o: Overview) -> None:
        whole = o.site if o.site != "All sites" else CLUSTER
        rows = [r for r in o.take_up if r.school == whole and r.group != "All children"]
        self.chart.title = f"{whole}: share of the roll and of club places"
        self.chart.set_data([r.group for r in rows], [
            Series("Share of roll", tuple(r.roll_share for r in rows)),
            Series("Share of club places", tuple(r.places_share for r in rows))], "%")
        gaps = [r.gap for r in rows if r.group in ("FSM", "Pupil Premium", "Looked-after",
                                                    "SEN support", "EHC plan", "EAL")]
        self.note.setText("\n".join(gaps) if gaps else "No children on the roll.")
        self.table.fill(o.take_up)


class MissingView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart = BarChart("Children who attended nothing, per school")
        self.note = note_label()
        self.table: Table[MissingChild] = Table(MISSING, stretch=4, elide=(0, 3))
        QVBoxLayout(self).addWidget(chart_beside(self.chart, self.table.view, note=self.note))

    def fill(self, o: Overview) -> None:
        per_school: dict[str, list[MissingChild]] = {}
        for m in o.missing:
            per_school.setdefault(m.school, []).append(m)
        names = sorted(per_school)
        self.chart.set_data(names, [
            Series("All", tuple(len(per_school[n]) for n in names)),
            Series("FSM", tuple(sum("FSM" in m.groups for m in per_school[n]) for n in names)),
            Series("SEN", tuple(sum("SEN" in m.groups or "EHC" in m.groups
                                    for m in per_school[n]) for n in names))])
        self.note.setText(f"{len(o.missing)} children on the roll came to no club session in "
                          f"{o.period.label}. Ring the carers below to ask what would help.")
        self.table.fill(o.missing)


class LearningView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart = BarChart("Parent learning per site")
        self.table: Table[LearningRow] = Table(LEARNING, elide=(0,))
        self.learners: Table[LearnersBySchool] = Table(LEARNERS)
        QVBoxLayout(self).addWidget(chart_beside(self.chart, self.table.view, self.learners.view))

    def fill(self, o: Overview) -> None:
        self.chart.set_data([r.site for r in o.learning], [
            Series("Enrolments", tuple(r.enrolments for r in o.learning)),
            Series("Completed", tuple(r.completions for r in o.learning)),
            Series("Crèche visits", tuple(r.creche_visits for r in o.learning))])
        self.table.fill(o.learning)
        self.learners.fill(o.learners)


class MinibusView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart = BarChart("Seats used per run (average)")
        self.table: Table[RunUse] = Table(RUNS, elide=(0, 1))
        self.carried: Table[CarriedRow] = Table(CARRIED)
        QVBoxLayout(self).addWidget(chart_beside(self.chart, self.table.view, self.carried.view))

    def fill(self, o: Overview) -> None:
        self.chart.set_data([f"{r.run} ({r.vehicle})" for r in o.runs],
                            [Series("Seats used", tuple(r.average_use for r in o.runs))], "%")
        self.table.fill(o.runs)
        self.carried.fill(o.carried)


class ViabilityView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.chart = BarChart("Income and staff cost per club")
        self.note = note_label()
        self.table: Table[ViabilityRow] = Table(VIABILITY, elide=(0, 1, 2))  # the money stays whole
        QVBoxLayout(self).addWidget(chart_beside(self.chart, self.table.view, note=self.note))

    def fill(self, o: Overview) -> None:
        rows = sorted(o.viability, key=lambda r: -r.income_pence)
        self.chart.set_data([f"{r.club} ({' '.join(r.site.split()[:2])})" for r in rows], [
            Series("Income", tuple(r.income_pence / 100 for r in rows)),
            Series("Staff cost", tuple(r.staff_cost_pence / 100 for r in rows))], "£")
        text = o.income_note
        if o.missing_rates:
            text += (" No hourly rate is set for: " + ", ".join(o.missing_rates) + " (their hours "
                     "count as £0); set them with Staff cost rates….")
        self.note.setText(text)
        self.table.fill(rows)


class ReferralsView(QWidget):
    """Referrals and signposting per school, service and term, from the referrals domain."""

    def __init__(self) -> None:
        super().__init__()
        self.note = note_label()
        self.table: Table[ReferralRow] = Table(REFERRALS, elide=(0, 1))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table.view)

    def fill(self, o: Overview) -> None:
        self.note.setText(f"Referrals and signposting in {o.period.label}, per school, service and "
                          "term (no names).")
        self.table.fill(o.referrals)
