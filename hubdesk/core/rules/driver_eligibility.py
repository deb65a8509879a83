"""May this person drive the minibus on this day? Pure rules over a few facts.

Two ways to be licensed: a D1 entitlement (usually from a licence passed before 1997, marked "not
for hire or reward", which a Section 19 permit covers), or a car licence (B) under the permit,
when the driver is 21 or over, has held the licence for two years, is not paid to drive, and the
bus weighs at most 3.5 t (4.25 t with disability equipment). Every driver of children needs an
enhanced DBS with the children's barred list. MiDAS training is practice, not law, but an expired
certificate is treated as blocking because the hub's policy asks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MIN_AGE = 21
LICENCE_YEARS = 2
PERMIT_WEIGHT_KG = 3500
PERMIT_WEIGHT_EQUIPPED_KG = 4250


@dataclass(frozen=True)
class DriverFacts:
    name: str
    dbs_number: str = ""
    barred_list_checked: bool = False
    date_of_birth: date | None = None
    licence_categories: frozenset[str] = frozenset()
    licence_first_held: date | None = None
    midas_expires: date | None = None
    paid_to_drive: bool = False
    active: bool = True


@dataclass(frozen=True)
class Eligibility:
    blocks: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.blocks


def parse_categories(text: str) -> frozenset[str]:
    """'B, D1 (101)' -> {'B', 'D1'}: licence categories as the office types them."""
    cleaned = re.sub(r"\([^)]*\)", " ", text.upper())
    return frozenset(word for word in re.split(r"[^A-Z0-9+]+", cleaned) if word)


def years_between(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end`` (birthdays and licence anniversaries)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def eligibility(driver: DriverFacts, day: date, gross_weight_kg: int | None = None,
                disability_equipment: bool = False) -> Eligibility:
    """Why ``driver`` may not (blocks) or should be checked before (warnings) driving on ``day``."""
    name = driver.name
    blocks: list[str] = []
    warnings: list[str] = []
    if not driver.active:
        blocks.append(f"{name} has left the hub.")
    if not driver.dbs_number.strip():
        blocks.append(f"{name} has no enhanced DBS recorded.")
    elif not driver.barred_list_checked:
        blocks.append(f"{name}'s children's barred-list check is not recorded.")
    categories = driver.licence_categories
    if categories & {"D1", "D"}:
        pass  # full minibus entitlement; the permit covers the 'not for hire or reward' mark
    elif "B" not in categories:
        blocks.append(f"{name} has no car (B) or minibus (D1) licence recorded.")
    else:
        blocks += _permit_route(driver, day, gross_weight_kg, disability_equipment, warnings)
    if driver.midas_expires is None:
        warnings.append(f"{name} has no MiDAS certificate recorded.")
    elif driver.midas_expires < day:
        blocks.append(f"{name}'s MiDAS certificate ran out on {driver.midas_expires:%d/%m/%Y}.")
    return Eligibility(tuple(blocks), tuple(warnings))


def _permit_route(driver: DriverFacts, day: date, weight: int | None, equipped: bool,
                  warnings: list[str]) -> list[str]:
    """Blocks for a car-licence holder driving under the Section 19 permit."""
    name = driver.name
    found = []
    if driver.date_of_birth is None:
        found.append(f"{name}'s date of birth is not recorded (drivers without D1 must be "
                     f"{MIN_AGE} or over).")
    elif years_between(driver.date_of_birth, day) < MIN_AGE:
        found.append(f"{name} is under {MIN_AGE} and has no D1 licence.")
    if driver.licence_first_held is None:
        found.append(f"When {name} first held a licence is not recorded (drivers without D1 need "
                     f"{LICENCE_YEARS} years).")
    elif years_between(driver.licence_first_held, day) < LICENCE_YEARS:
        found.append(f"{name} has held a licence for under {LICENCE_YEARS} years and has no D1.")
    if driver.paid_to_drive:
        found.append(f"{name} is paid to drive, so needs a D1 licence.")
    limit = PERMIT_WEIGHT_EQUIPPED_KG if equipped else PERMIT_WEIGHT_KG
    if weight is None:
        warnings.append(f"The bus's weight is not recorded; {name} (no D1) may drive it only if "
                        f"it is at most {limit / 1000:g} t.")
    elif weight > limit:
        found.append(f"The bus weighs {weight / 1000:g} t, over the {limit / 1000:g} t {name} "
                     "may drive without D1.")
    return found
