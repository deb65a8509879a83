"""Money in and out: payments by route, refunds, reversals, unmatched Tax-Free Childcare payments,
and one-off extra charges. Nothing here is deleted: a mistake is reversed, with a reason."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import Conflict, ValidationError
from hubdesk.core.models import Child, ExtraCharge, Payment
from hubdesk.core.money import money
from hubdesk.services.base import Service, check_characters, check_lengths, fetch
from hubdesk.services.money.dto import (
    ROUTE_LABELS,
    ROUTES,
    ExtraChargeForm,
    PaymentForm,
    UnmatchedPayment,
)
from hubdesk.services.money.ledger import charge_lines, load_families, payment_rows

LABELS = {"reference": "payment reference", "provider": "voucher provider", "note": "note",
          "reason": "reason"}


def tfc_child(s: Session, reference: str) -> int | None:
    """The child whose Tax-Free Childcare reference is ``reference`` (spaces and case ignored)."""
    wanted = reference.replace(" ", "").upper()
    if not wanted:
        return None
    found = s.scalars(select(Child.id).where(
        func.upper(func.replace(Child.tfc_reference, " ", "")) == wanted)).all()
    return found[0] if len(found) == 1 else None


def check_payment(form: PaymentForm, today: date) -> None:
    """Refuse a payment form that cannot be right, with a sentence naming the field."""
    check_characters(form, LABELS)
    check_lengths(form, Payment.__table__, LABELS)
    if form.route not in ROUTES:
        raise ValidationError(f"Choose how the money came: {', '.join(ROUTE_LABELS[r] for r in ROUTES)}.",
                              "route")
    if form.pence <= 0:
        raise ValidationError("Type the amount received, more than £0.00.", "pence")
    if form.pence > 10_000_000:
        raise ValidationError("The amount is more than £100,000; check it.", "pence")
    if form.received_on > today:
        raise ValidationError("The date received cannot be in the future.", "received_on")
    if form.route == "tfc" and not form.reference.strip():
        raise ValidationError("A Tax-Free Childcare payment needs its payment reference "
                              "(the child's TFC reference on the statement).", "reference")
    if form.route == "voucher" and not form.provider.strip():
        raise ValidationError("A childcare voucher needs its provider (e.g. Edenred).", "provider")
    if form.route != "tfc" and form.child_id is None:
        raise ValidationError("Choose the family's child the payment is for.", "child_id")


class PaymentService(Service):
    """Recording, refunding and reversing payments; extra charges."""

    def record(self, form: PaymentForm) -> int:
        """Record money received; a TFC payment is matched to a child by its reference."""
        check_payment(form, self._clock.today())
        with self._write() as s:
            child_id = form.child_id
            if child_id is not None:
                fetch(s, Child, child_id, "That child no longer exists.")
            elif form.route == "tfc":
                child_id = tfc_child(s, form.reference)
            row = Payment(child_id=child_id, route=form.route, pence=form.pence,
                          received_on=form.received_on, reference=form.reference.strip(),
                          provider=form.provider.strip(), note=form.note.strip(),
                          created_at=self._clock.now(), reversed_reason="")
            s.add(row)
            s.flush()
            return row.id

    def refund(self, child_id: int, pence: int, on: date, note: str) -> int:
        """Pay back part of a family's credit; refused when more than the credit carried forward."""
        if pence <= 0:
            raise ValidationError("Type the amount to refund, more than £0.00.", "pence")
        if not note.strip():
            raise ValidationError("Say why and how the money was refunded.", "note")
        with self._write() as s:
            fams = load_families(s)
            fetch(s, Child, child_id, "That child no longer exists.")
            ids = [c.child_id for c in fams.by_key[fams.family_of[child_id]].children]
            owed = sum(ln.pence for ln in charge_lines(s, fams, ids)) - sum(
                p.pence for p in payment_rows(s, fams, ids) if not p.reversed)
            if pence > -owed:
                raise Conflict(f"The family's credit is {money(max(-owed, 0))}; a refund cannot be "
                               "more than that.")
            row = Payment(child_id=child_id, route="refund", pence=pence, received_on=on,
                          note=note.strip()[:200], created_at=self._clock.now(),
                          reversed_reason="")
            s.add(row)
            s.flush()
            return row.id

    def reverse(self, payment_id: int, reason: str) -> None:
        """Reverse a payment entered by mistake (or bounced): it stays, marked, and counts no more."""
        if not reason.strip():
            raise ValidationError("Say why the payment is reversed (e.g. cheque bounced).", "reason")
        with self._write() as s:
            row = fetch(s, Payment, payment_id, "That payment no longer exists.")
            if row.reversed_at is not None:
                raise Conflict("That payment is already reversed.")
            row.reversed_at = self._clock.now()
            row.reversed_reason = reason.strip()[:200]

    def unmatched_tfc(self) -> list[UnmatchedPayment]:
        """Tax-Free Childcare payments whose reference matched no child yet."""
        with self._read() as s:
            rows = s.scalars(select(Payment).where(Payment.child_id.is_(None),
                                                   Payment.reversed_at.is_(None))
                             .order_by(Payment.received_on, Payment.id))
            return [UnmatchedPayment(p.id, p.received_on, p.pence, p.reference, p.note)
                    for p in rows]

    def match_tfc(self, payment_id: int, child_id: int) -> None:
        """Resolve an unmatched TFC payment: it belongs to this child's family from now on."""
        with self._write() as s:
            row = fetch(s, Payment, payment_id, "That payment no longer exists.")
            fetch(s, Child, child_id, "That child no longer exists.")
            if row.child_id is not None:
                raise Conflict("That payment is already matched to a child.")
            row.child_id = child_id

    def add_extra(self, form: ExtraChargeForm) -> int:
        """A one-off charge (trip, T-shirt) with the reason the statement shows."""
        check_characters(form, LABELS)
        check_lengths(form, ExtraCharge.__table__, LABELS)
        if not form.reason.strip():
            raise ValidationError("Say what the charge is for (e.g. zoo trip).", "reason")
        if not 0 < form.pence <= 1_000_000:
            raise ValidationError("An extra charge is between £0.01 and £10,000.", "pence")
        with self._write() as s:
            fetch(s, Child, form.child_id, "That child no longer exists.")
            row = ExtraCharge(child_id=form.child_id, day=form.day, pence=form.pence,
                              reason=form.reason.strip(), created_at=self._clock.now(),
                              reversed_reason="")
            s.add(row)
            s.flush()
            return row.id

    def reverse_extra(self, charge_id: int, reason: str) -> None:
        if not reason.strip():
            raise ValidationError("Say why the charge is cancelled.", "reason")
        with self._write() as s:
            row = fetch(s, ExtraCharge, charge_id, "That charge no longer exists.")
            if row.reversed_at is not None:
                raise Conflict("That charge is already cancelled.")
            row.reversed_at = self._clock.now()
            row.reversed_reason = reason.strip()[:200]
