"""Crèche staffing: how many adults a group of under-fives needs, from editable age bands.

The defaults follow common early-years practice (1:3 under two, 1:5 two-year-olds, 1:8 three and
over). They are data, not code: the office can change them, and a stricter insurer's rule can be
entered without a new release.

Mixed groups are counted by weight: each child needs ``1/ratio`` of an adult, the weights are added
exactly (fractions, never floats) and rounded up. Three babies need one adult; three babies and one
three-year-old need two.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

MAX_AGE_MONTHS = 60  # a crèche is for children under five


@dataclass(frozen=True)
class RatioBand:
    """Children from ``from_months`` old (until the next band) need one adult per ``per_adult``."""

    from_months: int
    per_adult: int
    label: str


@dataclass(frozen=True)
class CrecheRules:
    bands: tuple[RatioBand, ...]
    minimum_staff: int = 1  # adults needed as soon as one child is booked


DEFAULT_RULES = CrecheRules(
    bands=(
        RatioBand(0, 3, "under 2"),
        RatioBand(24, 5, "2-year-olds"),
        RatioBand(36, 8, "3 and over"),
    ),
    minimum_staff=1,
)


def age_in_months(date_of_birth: date, on: date) -> int:
    """Whole months of age on a day (a child born on the 31st has a birthday month-end)."""
    months = (on.year - date_of_birth.year) * 12 + on.month - date_of_birth.month
    if on.day < date_of_birth.day:
        months -= 1
    return months


def age_label(months: int) -> str:
    """'1 y 7 m', '8 m' for a crèche list."""
    if months < 12:
        return f"{months} m"
    return f"{months // 12} y {months % 12} m"


def validate_rules(rules: CrecheRules) -> None:
    """Raise ValueError with a sentence for the office when the bands cannot be used."""
    if not rules.bands:
        raise ValueError("Enter at least one age band.")
    starts = [b.from_months for b in rules.bands]
    if starts[0] != 0:
        raise ValueError("The first age band must start at birth (0 months).")
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise ValueError("Age bands must start at different ages, youngest first.")
    if any(not 0 <= s < MAX_AGE_MONTHS for s in starts):
        raise ValueError("Age bands must start between 0 and 59 months.")
    if any(not 1 <= b.per_adult <= 30 for b in rules.bands):
        raise ValueError("Each band needs between 1 and 30 children per adult.")
    if not 0 <= rules.minimum_staff <= 10:
        raise ValueError("The minimum number of staff must be between 0 and 10.")


def band_for(months: int, rules: CrecheRules = DEFAULT_RULES) -> RatioBand:
    """The band a child of this age falls in (children past the last start use the last band)."""
    chosen = rules.bands[0]
    for band in rules.bands:
        if months >= band.from_months:
            chosen = band
    return chosen


def band_counts(ages_months: Iterable[int], rules: CrecheRules = DEFAULT_RULES
                ) -> list[tuple[RatioBand, int]]:
    """How many children fall in each band, in band order."""
    counts = {band: 0 for band in rules.bands}
    for months in ages_months:
        counts[band_for(months, rules)] += 1
    return list(counts.items())


def required_staff(ages_months: Sequence[int], rules: CrecheRules = DEFAULT_RULES) -> int:
    """Adults needed for children of these ages (in months, on the session date)."""
    if not ages_months:
        return 0
    if any(months < 0 for months in ages_months):
        raise ValueError("A child's age cannot be negative; check the date of birth.")
    need = sum((Fraction(1, band_for(m, rules).per_adult) for m in ages_months), Fraction(0))
    return max(math.ceil(need), rules.minimum_staff)


def explain(ages_months: Sequence[int], rules: CrecheRules = DEFAULT_RULES) -> str:
    """'2 under 2, 3 3 and over: 2 staff' for a screen or a printout."""
    parts = [f"{n} {band.label}" for band, n in band_counts(ages_months, rules) if n]
    staff = required_staff(ages_months, rules)
    return f"{', '.join(parts) or 'no children'}: {staff} staff"


def rules_to_json(rules: CrecheRules) -> str:
    return json.dumps({
        "minimum_staff": rules.minimum_staff,
        "bands": [{"from_months": b.from_months, "per_adult": b.per_adult, "label": b.label}
                  for b in rules.bands],
    })


def rules_from_json(raw: str) -> CrecheRules:
    """Rules saved by the office; the defaults when the saved text cannot be read."""
    try:
        data = json.loads(raw)
        rules = CrecheRules(
            bands=tuple(RatioBand(int(b["from_months"]), int(b["per_adult"]), str(b["label"]))
                        for b in data["bands"]),
            minimum_staff=int(data.get("minimum_staff", 1)),
        )
        validate_rules(rules)
    except (ValueError, KeyError, TypeError):
        return DEFAULT_RULES
    return rules
