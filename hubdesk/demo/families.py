"""Demo children and their families: siblings share carers, some across schools of the cluster."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from hubdesk.core.models import Carer, Child, ChildCarer
from hubdesk.core.vocabulary import fold, name_sort_key
from hubdesk.demo.context import DemoContext
from hubdesk.demo.names import (
    ALLERGIES,
    DIETS,
    HERITAGES,
    MEDICAL,
    NICKNAMES,
    STREETS,
)

# Children per school at scale 1 (about 2,400 in all); the first three schools have a nursery.
SCHOOL_SIZES = [420, 360, 330, 300, 380, 290, 320]
NURSERY_SCHOOLS = 3
CLASS_NAMES = ["Oak", "Ash", "Birch", "Hazel", "Rowan", "Willow", "Elm", "Holly"]
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


def upn(la: int, estab: int, year: int, serial: int) -> str:
    """A well-formed UPN: check letter, LA (3), establishment (4), year (2), serial (3)."""
    body = f"{la:03d}{estab:04d}{year % 100:02d}{serial:03d}"
    total = sum(int(d) * w for d, w in zip(body, range(2, 14), strict=True))
    return UPN_LETTERS[total % 23] + body


def gendered(surname: str, female: bool) -> str:
    """Polish surnames in -ski/-cki take -ska/-cka for women and girls."""
    if female and surname.endswith(("ski", "cki")):
        return surname[:-1] + "a"
    if not female and surname.endswith(("ska", "cka")):
        return surname[:-1] + "i"
    return surname


class _Ids:
    def __init__(self, s: Session, model: Any) -> None:
        self.next = (s.scalar(select(func.max(model.id))) or 0) + 1

    def take(self) -> int:
        self.next += 1
        return self.next - 1


class _Builder:
    def __init__(self, s: Session, ctx: DemoContext) -> None:
        self.ctx, self.rng = ctx, ctx.rng
        self.child_ids, self.carer_ids = _Ids(s, Child), _Ids(s, Carer)
        self.children: list[dict[str, Any]] = []
        self.carers: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.serial = 0
        self.upn_serials: dict[tuple[int, int], int] = {}
        self.phones = self.rng.sample(range(900000, 901000), 1000)

    def family(self, school_id: int, year_groups: list[int], other_school: int | None) -> None:
        rng = self.rng
        _, (girls, boys), surnames = rng.choices(HERITAGES, weights=[h[0] for h in HERITAGES])[0]
        surname = rng.choice(surnames)
        street = f"{rng.randint(1, 180)} {rng.choice(STREETS)}, Ashworth"
        carers = self._carers(surname, girls, boys, street)
        for i, year in enumerate(year_groups):
            school = other_school if (other_school and i == len(year_groups) - 1) else school_id
            if school != school_id and ctx_index(self.ctx, school) >= NURSERY_SCHOOLS:
                year = max(year, 0)
            female = rng.random() < 0.5
            child_id = self._child(school, year, rng.choice(girls if female else boys),
                                   gendered(surname, female), carers)
            for priority, (carer_id, relation, collects) in enumerate(carers, start=1):
                self.links.append({
                    "child_id": child_id, "carer_id": carer_id, "relationship": relation,
                    "parental_responsibility": relation in ("Mother", "Father", "Foster carer"),
                    "lives_with": priority == 1 or relation in ("Mother", "Father"),
                    "can_collect": collects, "must_not_collect": False,
                    "collection_password": rng.choice(["bluebell", "rocket", "pancake", "Ł-7", "tiger",
                                                       "sunflower", "Kaya's cat"]) if collects else "",
                    "emergency_priority": priority})

    def _carers(self, surname: str, girls: list[str], boys: list[str],
                street: str) -> list[tuple[int, str, bool]]:
        rng = self.rng
        kinds = ["Mother", "Father"] if rng.random() < 0.7 else [rng.choice(["Mother", "Father"])]
        if rng.random() < 0.04:
            kinds = ["Foster carer"]
        if rng.random() < 0.3:
            kinds.append(rng.choice(["Grandmother", "Grandfather", "Aunt", "Uncle"]))
        result = []
        for relation in kinds:
            female = relation in ("Mother", "Grandmother", "Aunt", "Stepmother") or (
                relation == "Foster carer" and rng.random() < 0.7)
            forename = rng.choice(girls if female else boys)
            own_surname = gendered(surname, female) if rng.random() < 0.85 else rng.choice(HERITAGES[0][2])
            carer_id = self.carer_ids.take()
            mobile = f"07700 {self.phones[carer_id % 1000]}"
            email = f"{fold(forename)}.{fold(own_surname)}{carer_id}@example.com".replace(" ", "") \
                .replace("'", "")
            self.carers.append({
                "id": carer_id, "title": "Mrs" if female else "Mr", "forename": forename,
                "surname": own_surname, "phone_mobile": mobile,
                "phone_home": f"01632 960{carer_id % 1000:03d}" if rng.random() < 0.3 else "",
                "phone_work": "", "email": email if rng.random() < 0.85 else "",
                "address": street, "postcode": "",
                "search_key": fold(f"{forename} {own_surname} {email} {mobile}")})
            self.ctx.carer_ids.append(carer_id)
            result.append((carer_id, relation, relation not in ("Uncle",) or rng.random() < 0.5))
        return result

    def _child(self, school_id: int, year: int, forename: str, surname: str,
               carers: list[tuple[int, str, bool]]) -> int:
        rng, ctx = self.rng, self.ctx
        child_id = self.child_ids.take()
        first = ctx.year_start.year
        born_from = date(first - 5 - year, 9, 1)
        dob = born_from + timedelta(days=rng.randrange(365))
        self.serial += 1
        preferred = NICKNAMES.get(forename, "") if rng.random() < 0.6 else ""
        school_index = ctx.school_ids.index(school_id)
        key = (school_index, year)
        self.upn_serials[key] = self.upn_serials.get(key, 0) + 1
        flags = _flags(rng)
        self.children.append({
            "id": child_id, "upn": upn(888, 2100 + school_index, first - year + 4, self.upn_serials[key])
            if rng.random() < 0.97 else None,
            "mis_id": f"{school_index + 1}{self.serial:05d}",
            "forename": forename,
            "surname": surname if rng.random() < 0.93 or "-" in surname else
            f"{surname}-{rng.choice(HERITAGES[0][2])}", "preferred_forename": preferred,
            "preferred_surname": "", "date_of_birth": dob, "school_site_id": school_id, "year_group": year,
            "class_name": f"{'N' if year < 0 else 'R' if year == 0 else year}"
                          f"{rng.choice(CLASS_NAMES)[0]}",
            "lives_with": "Both parents" if len(carers) > 1 else "Parent",
            "medical_notes": rng.choice(MEDICAL) if rng.random() < 0.09 else "",
            "allergies": rng.choice(ALLERGIES) if rng.random() < 0.06 else "",
            "dietary_needs": rng.choice(DIETS) if rng.random() < 0.12 else "",
            "gp_details": f"Dr {rng.choice(HERITAGES[0][2])}, Ashworth Health Centre",
            "consent_photos": rng.random() < 0.85,
            "consent_walk_home_alone": year >= 5 and rng.random() < 0.4,
            "consent_sun_cream": rng.random() < 0.8, "consent_plasters": rng.random() < 0.9,
            "consent_local_trips": rng.random() < 0.9, "consent_emergency_treatment": rng.random() < 0.95,
            **flags,
            "tfc_reference": f"{forename[:1].upper()}{rng.randint(10000000, 99999999)}TFC"[:11]
            if rng.random() < 0.2 else "",
            "notes": "", "left_on": None})
        row = self.children[-1]
        row["search_key"] = fold(" ".join(p for p in (row["forename"], row["surname"], preferred,
                                                       row["upn"] or "") if p))
        row["sort_key"] = name_sort_key(row["surname"], preferred or row["forename"])
        ctx.children_by_school.setdefault(school_id, []).append(child_id)
        return child_id


def ctx_index(ctx: DemoContext, school_id: int) -> int:
    return ctx.school_ids.index(school_id)


def _flags(rng: random.Random) -> dict[str, bool | str]:
    fsm = rng.random() < 0.23
    pupil_premium = fsm or rng.random() < 0.05  # the draws stay as they were: the demo is stable
    sen = rng.random()
    return {"fsm": fsm, "fsm_ever6": pupil_premium, "pupil_premium": pupil_premium,
            "sen_level": "ehcp" if sen < 0.025 else "support" if sen < 0.14 else "none",
            "looked_after": rng.random() < 0.01}


def build(s: Session, ctx: DemoContext) -> None:
    builder = _Builder(s, ctx)
    rng = ctx.rng
    for index, school_id in enumerate(ctx.school_ids):
        years = list(range(-1 if index < NURSERY_SCHOOLS else 0, 7))
        quota = SCHOOL_SIZES[index % len(SCHOOL_SIZES)] * ctx.scale
        placed = 0
        while placed < quota:
            size = min(rng.choices([1, 2, 3], weights=[50, 35, 15])[0], quota - placed)
            other = rng.choice(ctx.school_ids) if size > 1 and rng.random() < 0.12 else None
            builder.family(school_id, sorted(rng.sample(years, size)), other)
            placed += size
    s.execute(insert(Carer), builder.carers)
    s.execute(insert(Child), builder.children)
    s.execute(insert(ChildCarer), builder.links)
