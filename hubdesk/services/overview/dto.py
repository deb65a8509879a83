"""What the Overview returns: frozen rows of counts, each view a tuple of them.

Counts are exact; suppression of small numbers ("<5") is a printing and exporting matter
(``suppressed``), because the office's own screen may show the real figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from hubdesk.services.overview.periods import Period

SMALL = 5  # fewer children than this are shown as "<5" in printouts and exports
CLUSTER = "All schools"


def suppressed(n: int) -> str | int:
    """``n`` as printed for governors: 1 to 4 become '<5' so no child can be picked out."""
    return "<5" if 0 < n < SMALL else n


def percent(part: int, whole: int) -> float:
    """Part of whole as a percentage to one place (0 when there is no whole)."""
    return round(100 * part / whole, 1) if whole else 0.0


@dataclass(frozen=True)
class PlacesRow:
    site: str
    kind: str  # a club kind key (vocabulary.CLUB_KINDS)
    sessions: int
    offered: int  # places: the running sessions' capacities added up
    booked: int
    attended: int

    @property
    def occupancy(self) -> float:
        return percent(self.booked, self.offered)


@dataclass(frozen=True)
class TakeUpRow:
    """One group at one school (or the cluster) against its share of the roll."""

    school: str  # a school's name or CLUSTER
    group: str  # "FSM", "Pupil Premium", "SEN support", "EHC plan", "Looked-after", "EAL", "Y3"…
    on_roll: int  # children of the group on the roll
    roll_total: int  # all children on the school's roll
    attending: int  # children of the group with at least one place booked
    places: int  # places booked by the group's children
    places_total: int  # places booked by all the school's children

    @property
    def roll_share(self) -> float:
        return percent(self.on_roll, self.roll_total)

    @property
    def places_share(self) -> float:
        return percent(self.places, self.places_total)

    @property
    def take_up(self) -> float:
        return percent(self.attending, self.on_roll)

    @property
    def gap(self) -> str:
        """'FSM: 24.0% of the roll, 11.0% of club places'."""
        return (f"{self.group}: {self.roll_share:g}% of the roll, {self.places_share:g}% of "
                "club places")


@dataclass(frozen=True)
class MissingChild:
    """A child on the roll who attended nothing in the period, with whom to ring."""

    child_id: int
    name: str
    school: str
    year: str
    groups: str  # "FSM, SEN support"
    phones: str  # "Anna Kowalska (Mother) 07700 900123; …"


@dataclass(frozen=True)
class LearningRow:
    site: str
    courses: int
    enrolments: int  # enrolled, completed or withdrawn (not waiting)
    completions: int
    withdrawn: int
    creche_children: int
    creche_visits: int  # crèche sign-ins in the period


@dataclass(frozen=True)
class LearnersBySchool:
    school: str
    learners: int


@dataclass(frozen=True)
class RunUse:
    """The runs of one name and vehicle in the period: how full they went."""

    run: str
    vehicle: str
    seats: int
    runs: int
    passengers: int  # seats used, all runs added up
    fullest: int

    @property
    def average_use(self) -> float:
        return percent(self.passengers, self.seats * self.runs)


@dataclass(frozen=True)
class CarriedRow:
    site: str
    children: int  # different children
    journeys: int


@dataclass(frozen=True)
class ViabilityRow:
    club: str
    site: str
    kind: str
    sessions: int
    places: int
    income_pence: int
    staff_minutes: int
    staff_cost_pence: int

    @property
    def margin_pence(self) -> int:
        return self.income_pence - self.staff_cost_pence


@dataclass(frozen=True)
class ReferralRow:
    school: str
    service: str
    term: str
    referrals: int
    signposted: int


@dataclass(frozen=True)
class Overview:
    """Every view of one period and site choice."""

    period: Period
    site: str  # "All sites" or the chosen site's name
    places: tuple[PlacesRow, ...]
    take_up: tuple[TakeUpRow, ...]
    missing: tuple[MissingChild, ...]
    learning: tuple[LearningRow, ...]
    learners: tuple[LearnersBySchool, ...]
    runs: tuple[RunUse, ...]
    carried: tuple[CarriedRow, ...]
    viability: tuple[ViabilityRow, ...]
    income_note: str  # where the income figures come from
    missing_rates: tuple[str, ...]  # staff roles on the rota without a cost rate
    referrals: tuple[ReferralRow, ...]

    def totals(self) -> PlacesRow:
        """All sites and kinds added up."""
        return PlacesRow("All", "all", sum(p.sessions for p in self.places),
                         sum(p.offered for p in self.places), sum(p.booked for p in self.places),
                         sum(p.attended for p in self.places))

    def places_by_site(self) -> list[PlacesRow]:
        sites: dict[str, list[PlacesRow]] = {}
        for p in self.places:
            sites.setdefault(p.site, []).append(p)
        return [PlacesRow(site, "all", sum(r.sessions for r in rows), sum(r.offered for r in rows),
                          sum(r.booked for r in rows), sum(r.attended for r in rows))
                for site, rows in sites.items()]


@dataclass(frozen=True)
class RateRow:
    role: str
    pence_per_hour: int
