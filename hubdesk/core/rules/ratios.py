"""How many adults a club session needs, from the children in it and editable age bands.

Common practice (not law for Reception and older) is 1 adult to 8 children under 8 and 1 to 10
from 8, at least two staff on site, a first-aider always, and a paediatric first-aider whenever
EYFS-age children (Nursery and Reception) are there. The bands are data: a site or an insurer with
a stricter rule enters its own.

Mixed groups are counted exactly: each child needs ``1/per_adult`` of an adult; the shares are
added as fractions and rounded up, so 8 seven-year-olds and 1 nine-year-old need two adults.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from hubdesk.core.vocabulary import RECEPTION


@dataclass(frozen=True)
class AgeBand:
    """Children from ``from_age`` whole years old (until the next band): one adult per ``per_adult``."""

    from_age: int
    per_adult: int


DEFAULT_BANDS: tuple[AgeBand, ...] = (AgeBand(0, 8), AgeBand(8, 10))
DEFAULT_MINIMUM_STAFF = 2


def validate_bands(bands: Sequence[AgeBand]) -> None:
    """Raise ValueError with a sentence for the office when the bands cannot be used."""
    if not bands:
        raise ValueError("Enter at least one age band.")
    starts = [b.from_age for b in bands]
    if starts[0] != 0:
        raise ValueError("The first age band must start at 0 years.")
    if starts != sorted(set(starts)):
        raise ValueError("Age bands must start at different ages, youngest first.")
    if any(not 0 <= s <= 18 for s in starts):
        raise ValueError("Age bands must start between 0 and 18 years.")
    if any(not 1 <= b.per_adult <= 30 for b in bands):
        raise ValueError("Each band needs between 1 and 30 children per adult.")


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years of age on a day."""
    years = day.year - date_of_birth.year
    if (day.month, day.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def is_eyfs(year_group: int) -> bool:
    """Nursery and Reception children are EYFS-age (paediatric first aid must be on site)."""
    return year_group <= RECEPTION


def band_for(age: int, bands: Sequence[AgeBand] = DEFAULT_BANDS) -> AgeBand:
    """The band a child of this age falls in (younger than the first start: the first band)."""
    chosen = bands[0]
    for band in bands:
        if age >= band.from_age:
            chosen = band
    return chosen


def ratio_staff(ages: Sequence[int], bands: Sequence[AgeBand] = DEFAULT_BANDS) -> int:
    """Adults the ratio asks for: the children's shares added exactly and rounded up."""
    per_band: dict[int, int] = {}
    for age in ages:
        per_adult = band_for(age, bands).per_adult
        per_band[per_adult] = per_band.get(per_adult, 0) + 1
    return math.ceil(sum((Fraction(n, per_adult) for per_adult, n in per_band.items()), Fraction(0)))


@dataclass(frozen=True)
class Need:
    """What one session needs: children counted, adults by ratio and in all, first aid."""

    children: int
    eyfs_children: int
    by_ratio: int
    required: int
    paediatric_first_aid: bool

    def explain(self) -> str:
        if not self.children:
            return "no children"
        eyfs = f", {self.eyfs_children} EYFS-age" if self.eyfs_children else ""
        return f"{self.children} children{eyfs}: {self.required} staff"


def session_need(ages: Sequence[int], eyfs_children: int, bands: Sequence[AgeBand] = DEFAULT_BANDS,
                 minimum_staff: int = DEFAULT_MINIMUM_STAFF) -> Need:
    """The staff a session with children of these ages needs (none when nobody comes)."""
    if not ages:
        return Need(0, 0, 0, 0, False)
    by_ratio = ratio_staff(ages, bands)
    return Need(len(ages), eyfs_children, by_ratio, max(by_ratio, minimum_staff), eyfs_children > 0)
