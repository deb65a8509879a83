"""Prices from a date, free-place rules per club kind, discretionary places and the charging rules:
the office's data, edited here and read by the ledger."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import ValidationError
from hubdesk.core.models import (
    Child,
    Club,
    ClubBlockPrice,
    ClubPrice,
    DiscretionaryPlace,
    FreePlaceRule,
    Site,
)
from hubdesk.core.models.meta import store_meta
from hubdesk.core.money import money
from hubdesk.core.rules.charging import (
    BASES,
    FREE_KIND,
    MoneyRules,
    Price,
    money_rules_to_json,
    validate_money_rules,
)
from hubdesk.services.base import Service, check_characters, fetch
from hubdesk.services.money.dto import (
    ClubPrices,
    DiscretionaryForm,
    FreePlaceRuleRow,
    PriceChange,
    PriceRow,
)
from hubdesk.services.money.ledger import MONEY_RULES_KEY, load_money_rules

CLUB_KINDS = ("breakfast", "after_school", "holiday", "activity")


def _current(prices: list[Price], fallback: int, today: date) -> tuple[int, str]:
    known = sorted(prices, key=lambda p: (p.from_date, p.created_at))
    now = fallback
    for p in known:
        if p.from_date <= today:
            now = p.pence
    later = [p for p in known if p.from_date > today]
    nxt = f"{money(later[0].pence)} from {later[0].from_date:%d/%m/%Y}" if later else ""
    return now, nxt


class PriceService(Service):
    """What a session costs and who pays less."""

    def prices(self) -> list[PriceRow]:
        today = self._clock.today()
        with self._read() as s:
            dated: dict[int, list[Price]] = defaultdict(list)
            for p in s.scalars(select(ClubPrice)):
                dated[p.club_id].append(Price(p.club_id, p.from_date, p.pence, p.created_at))
            clubs = s.execute(select(Club, Site.name).join(Site, Site.id == Club.site_id)
                              .where(Club.active.is_(True)).order_by(Site.name, Club.name)).all()
            return [PriceRow(c.id, c.name, site, c.kind,
                             *_current(dated[c.id], c.price_pence, today)) for c, site in clubs]

    def club_prices(self, club_id: int) -> ClubPrices:
        """The club's price today, the next change, and every dated price (the club editor)."""
        today = self._clock.today()
        with self._read() as s:
            club = fetch(s, Club, club_id, "That club no longer exists.")
            rows = s.scalars(select(ClubPrice).where(ClubPrice.club_id == club_id)
                             .order_by(ClubPrice.from_date.desc(), ClubPrice.created_at.desc()))
            dated = [Price(p.club_id, p.from_date, p.pence, p.created_at) for p in rows]
            now, nxt = _current(dated, club.price_pence, today)
            blocks = s.scalars(select(ClubBlockPrice).where(ClubBlockPrice.club_id == club_id)
                               .order_by(ClubBlockPrice.from_date.desc(),
                                         ClubBlockPrice.created_at.desc()))
            block = tuple(PriceChange(b.from_date, b.pence, b.created_at) for b in blocks)
            block_now = next((b.pence for b in block if b.from_date <= today), None)
            return ClubPrices(club.id, club.name, club.kind, club.price_pence, now, nxt,
                              tuple(PriceChange(p.from_date, p.pence, p.created_at)
                                    for p in dated), block_now, block)

    def set_block_price(self, club_id: int, from_date: date, pence: int) -> None:
        """A term block price for terms starting on or after ``from_date``: a booking of every
        running session of such a term is charged it; terms booked before now keep theirs."""
        if not 0 <= pence <= 10_000_000:
            raise ValidationError("A term block price is between £0.00 and £100,000.", "pence")
        with self._write() as s:
            club = fetch(s, Club, club_id, "That club no longer exists.")
            if club.kind == FREE_KIND:
                raise ValidationError("A free breakfast club is always free; it has no term "
                                      "block price.", "pence")
            s.add(ClubBlockPrice(club_id=club_id, from_date=from_date, pence=pence,
                                 created_at=self._clock.now()))

    def set_price(self, club_id: int, from_date: date, pence: int) -> None:
        """A new price from a date; sessions booked before now keep the price they were booked at."""
        if not 0 <= pence <= 1_000_000:
            raise ValidationError("A price is between £0.00 and £10,000.", "pence")
        with self._write() as s:
            club = fetch(s, Club, club_id, "That club no longer exists.")
            if club.kind == FREE_KIND and pence:
                raise ValidationError("A free breakfast club is always free; its price stays £0.00.",
                                      "pence")
            s.add(ClubPrice(club_id=club_id, from_date=from_date, pence=pence,
                            created_at=self._clock.now()))

    def free_place_rules(self) -> list[FreePlaceRuleRow]:
        with self._read() as s:
            rows = s.scalars(select(FreePlaceRule).order_by(FreePlaceRule.club_kind,
                                                            FreePlaceRule.basis))
            return [FreePlaceRuleRow(r.club_kind, r.basis, r.percent_off) for r in rows]

    def set_free_place_rule(self, club_kind: str, basis: str, percent_off: int) -> None:
        """Set the reduction for a basis in a kind of club; 0 removes the rule."""
        _check_rule(club_kind, basis, percent_off)
        with self._write() as s:
            _store_rule(s, club_kind, basis, percent_off)

    def grant_place(self, form: DiscretionaryForm) -> int:
        """A head's discretionary free or reduced place, with a reason and an end date."""
        check_characters(form, {"reason": "reason"})
        if not form.reason.strip():
            raise ValidationError("Say why the place is given (the head's reason).", "reason")
        if len(form.reason.strip()) > 200:
            raise ValidationError("The reason can be at most 200 characters.", "reason")
        if not 1 <= form.percent_off <= 100:
            raise ValidationError("A discretionary place takes 1 to 100% off.", "percent_off")
        if form.end_date < form.start_date:
            raise ValidationError("The end date must be on or after the start date.", "end_date")
        if len(form.granted_by.strip()) > 80:
            raise ValidationError("The head's name can be at most 80 characters.", "granted_by")
        with self._write() as s:
            fetch(s, Child, form.child_id, "That child no longer exists.")
            row = DiscretionaryPlace(child_id=form.child_id, percent_off=form.percent_off,
                                     start_date=form.start_date, end_date=form.end_date,
                                     reason=form.reason.strip(),
                                     granted_by=form.granted_by.strip() or self._user or "")
            s.add(row)
            s.flush()
            return row.id

    def rules(self) -> MoneyRules:
        with self._read() as s:
            return load_money_rules(s)

    def save_rules(self, rules: MoneyRules,
                   free_places: Mapping[tuple[str, str], int] | None = None) -> None:
        """Save the charging rules and (optionally) every free-place percentage, all or nothing."""
        try:
            validate_money_rules(rules)
        except ValueError as exc:
            raise ValidationError(str(exc)) from exc
        for (kind, basis), percent in (free_places or {}).items():
            _check_rule(kind, basis, percent)
        with self._write() as s:
            store_meta(s, MONEY_RULES_KEY, money_rules_to_json(rules))
            for (kind, basis), percent in (free_places or {}).items():
                _store_rule(s, kind, basis, percent)


def _check_rule(club_kind: str, basis: str, percent_off: int) -> None:
    if club_kind not in CLUB_KINDS:
        raise ValidationError(f"Choose a kind of club: {', '.join(CLUB_KINDS)}.", "club_kind")
    if basis not in BASES:
        raise ValidationError(f"Choose a basis: {', '.join(BASES)}.", "basis")
    if not 0 <= percent_off <= 100:
        raise ValidationError("A free or reduced place takes 0 to 100% off.", "percent_off")


def _store_rule(s: Session, club_kind: str, basis: str, percent_off: int) -> None:
    row = s.scalars(select(FreePlaceRule).where(FreePlaceRule.club_kind == club_kind,
                                                FreePlaceRule.basis == basis)).first()
    if row is not None and percent_off == 0:
        s.delete(row)
    elif row is not None:
        row.percent_off = percent_off
    elif percent_off:
        s.add(FreePlaceRule(club_kind=club_kind, basis=basis, percent_off=percent_off))
