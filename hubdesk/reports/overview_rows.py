"""The Overview's views as printed and exported rows, with small numbers suppressed.

Counts of children (and of what a group of children booked) below five become "<5", and the
percentages worked from such a group become "–", so no child can be picked out of a printout or a
spreadsheet. Places and money of whole clubs are not about a group of children and stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from hubdesk.core.money import money
from hubdesk.core.vocabulary import CLUB_KIND_LABELS
from hubdesk.services.overview import (
    CLUSTER,
    OFFER_STATUSES,
    SMALL,
    STRANDS,
    OfferRow,
    Overview,
    TakeUpRow,
    suppressed,
)

Cell = str | int | float


@dataclass(frozen=True)
class View:
    """One printed view: its title, column headings and rows."""

    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""


def _share(row: TakeUpRow, value: float) -> Cell:
    return "–" if 0 < row.on_roll < SMALL else value


def places(o: Overview) -> View:
    rows = [(p.site, CLUB_KIND_LABELS.get(p.kind, p.kind), p.sessions, p.offered, p.booked,
             p.attended, p.occupancy) for p in o.places]
    t = o.totals()
    rows.append(("All sites", "All kinds", t.sessions, t.offered, t.booked, t.attended, t.occupancy))
    return View("Places offered, booked and attended",
                ("Site", "Club kind", "Sessions", "Offered", "Booked", "Attended", "Occupancy %"),
                tuple(rows))


def take_up(o: Overview) -> View:
    rows = tuple((r.school, r.group, suppressed(r.on_roll), _share(r, r.roll_share),
                  suppressed(r.attending), _share(r, r.take_up), suppressed(r.places),
                  _share(r, r.places_share)) for r in o.take_up)
    return View("Take-up by group against the roll",
                ("School", "Group", "On roll", "% of roll", "With places", "Take-up %",
                 "Places booked", "% of places"), rows,
                "Groups of fewer than 5 children are shown as <5.")


def gaps(o: Overview) -> list[str]:
    """The cluster's (or the chosen school's) gaps in words, suppressed groups left out."""
    whole = o.site if o.site != "All sites" else CLUSTER
    return [r.gap for r in o.take_up if r.school == whole and r.on_roll >= SMALL
            and r.group in ("FSM", "Pupil Premium", "Looked-after", "SEN support", "EHC plan",
                            "EAL")]


def missing_counts(o: Overview) -> View:
    """Children who attended nothing, counted per school and group (no names in a printout)."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for m in o.missing:
        counts[m.school, "All children"] += 1
        for group in filter(None, (g.strip() for g in m.groups.split(","))):
            counts[m.school, group] += 1
    rows = tuple((school, group, suppressed(n)) for (school, group), n in sorted(counts.items()))
    return View("Children who attended nothing", ("School", "Group", "Children"), rows,
                "The named list with carers' phones is on the Overview page, for the office.")


def learning(o: Overview) -> View:
    rows = tuple((r.site, r.courses, suppressed(r.enrolments), suppressed(r.completions),
                  suppressed(r.withdrawn), suppressed(r.creche_children), r.creche_visits)
                 for r in o.learning)
    return View("Parent learning", ("Site", "Courses", "Enrolments", "Completed", "Withdrawn",
                                    "Crèche children", "Crèche visits"), rows)


def learners(o: Overview) -> View:
    return View("Learners by their children's school", ("School", "Learners"),
                tuple((r.school, suppressed(r.learners)) for r in o.learners))


def runs(o: Overview) -> View:
    return View("Minibus: seats used per run",
                ("Run", "Vehicle", "Seats", "Runs", "Seats used", "Fullest", "Average use %"),
                tuple((r.run, r.vehicle, r.seats, r.runs, r.passengers, r.fullest, r.average_use)
                      for r in o.runs))


def carried(o: Overview) -> View:
    return View("Minibus: children carried per site", ("Club's site", "Children", "Journeys"),
                tuple((r.site, suppressed(r.children), r.journeys) for r in o.carried))


def viability(o: Overview, pounds: bool = False) -> View:
    def cash(pence: int) -> Cell:
        return round(pence / 100, 2) if pounds else money(pence)

    rows = tuple((r.site, r.club, CLUB_KIND_LABELS.get(r.kind, r.kind), r.sessions, r.places,
                  cash(r.income_pence), round(r.staff_minutes / 60, 2), cash(r.staff_cost_pence),
                  cash(r.margin_pence)) for r in o.viability)
    note = o.income_note
    if o.missing_rates:
        note += " No hourly rate is set for: " + ", ".join(o.missing_rates) + "."
    return View("Club viability", ("Site", "Club", "Kind", "Sessions", "Places",
                                   "Income (£)", "Staff hours", "Staff cost (£)",
                                   "Income less staff (£)"), rows, note)


def referrals(o: Overview) -> View:
    return View("Referrals (swift and easy access)",
                ("School", "Service", "Term", "Referrals", "Signposted"),
                tuple((r.school, r.service, r.term, suppressed(r.referrals), suppressed(r.signposted))
                      for r in o.referrals))


def core_offer(rows: list[OfferRow]) -> View:
    return View("The core offer", ("School", "Strand", "Status", "Evidence", "Recorded"),
                tuple((r.school, STRANDS[r.strand], OFFER_STATUSES[r.status], r.evidence,
                       r.updated or "suggested from the data") for r in rows))


def every_view(o: Overview, offer: list[OfferRow], pounds: bool = False) -> list[View]:
    return [places(o), take_up(o), missing_counts(o), learning(o), learners(o), runs(o),
            carried(o), viability(o, pounds), core_offer(offer), referrals(o)]
