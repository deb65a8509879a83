"""Who may take a child home: carers marked "can collect" (never "must not collect"), adults a
parent authorised for that day, or the child alone where the walk-home consent exists."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import Carer, Child, ChildCarer, CollectionAuthorisation
from hubdesk.services.registers.queries import WALKED_HOME_ALONE, Collector, carer_label, phone_of


def collectors_of(s: Session, child_id: int, day: date) -> list[Collector]:
    rows = sorted(s.execute(select(ChildCarer, Carer).join(Carer).where(
        ChildCarer.child_id == child_id, ChildCarer.can_collect.is_(True),
        ChildCarer.must_not_collect.is_(False))).all(),
        key=lambda r: (r[0].emergency_priority or 99, r[1].surname, r[1].forename))
    result = [Collector("carer", carer_label(c), c.id, None, link.relationship_,
                        link.collection_password, phone_of(c)) for link, c in rows]
    for auth in s.scalars(select(CollectionAuthorisation).where(
            CollectionAuthorisation.child_id == child_id, CollectionAuthorisation.day == day,
            CollectionAuthorisation.cancelled_at.is_(None))
            .order_by(CollectionAuthorisation.recorded_at)):
        parent = s.get(Carer, auth.authorised_by_carer_id)
        who = carer_label(parent) if parent else "a parent"
        result.append(Collector("one_off", auth.adult_name, None, auth.id,
                                f"one-off today, authorised by {who} ({auth.given_how})"
                                + (f"; {auth.description}" if auth.description else ""),
                                auth.password))
    child = s.get(Child, child_id)
    if child is not None and child.consent_walk_home_alone:
        result.append(Collector("alone", WALKED_HOME_ALONE))
    return result


def check_collector(s: Session, child_id: int, day: date, who: Collector, name: str) -> None:
    if who.kind == "alone":
        child = s.get(Child, child_id)
        if child is None or not child.consent_walk_home_alone:
            raise Conflict(f"{name} has no consent to walk home alone. Keep them until an adult "
                           "who may collect arrives, and call the parents.")
        return
    if who.kind == "one_off":
        auth = s.get(CollectionAuthorisation, who.authorisation_id) \
            if who.authorisation_id is not None else None
        if auth is None or auth.child_id != child_id or auth.cancelled_at is not None \
                or auth.day != day:
            raise Conflict(f"There is no permission from a parent for this adult to collect "
                           f"{name} today. The office can record one after speaking to a parent.")
        return
    if who.kind != "carer" or who.carer_id is None:
        raise ValidationError("Choose who collected the child.", "collector")
    link = s.get(ChildCarer, (child_id, who.carer_id))
    carer = s.get(Carer, who.carer_id)
    adult = carer_label(carer) if carer else "This adult"
    if link is not None and link.must_not_collect:
        raise Conflict(f"{adult} must NOT collect {name}. Do not release the child; tell the "
                       "club leader and the office now.")
    if link is None or not link.can_collect:
        raise Conflict(f"{adult} is not on the list of adults who may collect {name}. Do not "
                       "release the child: ask a parent to authorise a one-off collection, which "
                       "the office records.")

