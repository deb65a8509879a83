"""Which clubs a child can attend, so the booking dialog offers those first.

A child can attend a club at their own school's site, or at another site that takes other schools'
children when the minibus can bring them: after school, school ending plus the travel time must be
before the club starts; at breakfast, the club's end plus the travel time before school starts.
Holiday clubs at another site only need to take other schools. Their year group must be in the
club's range everywhere. The reason is a short phrase the dialog shows beside the club.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from hubdesk.core.models import Child, Club
from hubdesk.core.rules.travel import TravelTimes
from hubdesk.core.vocabulary import year_label
from hubdesk.services.minibus import MinibusSettings

BREAKFAST_KINDS = ("breakfast", "free_breakfast")
AFTER_KINDS = ("after_school", "activity")


@dataclass(frozen=True)
class ClubChoice:
    """A club for one child: whether they can attend, and why in a few words."""
    club_id: int
    can_attend: bool
    why: str


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def choice_for(child: Child, club: Club, travel: TravelTimes, settings: MinibusSettings,
               site_names: dict[int, str]) -> ClubChoice:
    """Can this child attend this club, and why (or why not)."""
    if not club.min_year <= child.year_group <= club.max_year:
        return ClubChoice(club.id, False, f"not for {year_label(child.year_group)}")
    school, site = child.school_site_id, club.site_id
    if site == school:
        return ClubChoice(club.id, True, "at their school")
    if not club.open_to_other_schools:
        return ClubChoice(club.id, False, f"only for {site_names.get(site, 'its own school')}")
    if club.kind in AFTER_KINDS and club.start_time >= time(12, 0):
        ride = travel(school, site)
        if _minutes(settings.ends(school)) + ride <= _minutes(club.start_time):
            return ClubChoice(club.id, True, f"by minibus, {ride} min")
        return ClubChoice(club.id, False, "starts before the minibus could get there")
    if club.kind in BREAKFAST_KINDS:
        ride = travel(site, school)
        if _minutes(club.end_time) + ride <= _minutes(settings.starts(school)):
            return ClubChoice(club.id, True, f"by minibus, {ride} min")
        return ClubChoice(club.id, False, "ends too late to reach school by minibus")
    return ClubChoice(club.id, True, "takes other schools")
