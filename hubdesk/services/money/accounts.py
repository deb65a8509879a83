"""Family accounts: balances, one family's account, statements for a period, arrears by age."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Club, ClubSession, Site
from hubdesk.core.money import money
from hubdesk.core.rules.charging import Allocated, Line, SessionFact, ages, allocate
from hubdesk.core.vocabulary import fold
from hubdesk.services.base import Service
from hubdesk.services.money.dto import (
    KIND_LABELS,
    ROUTE_LABELS,
    Account,
    AccountLine,
    ArrearsRow,
    BalanceRow,
    BookingCost,
    ClubIncome,
    Family,
    FamilyBalance,
    FinanceExport,
    LedgerRow,
    PaymentRow,
    Statement,
    StatementBook,
)
from hubdesk.services.money.ledger import (
    charge_lines,
    family_members,
    load_families,
    load_money_rules,
    payment_rows,
)
from hubdesk.services.money.stored import (
    bring_up_to_date,
    family_names,
    out_of_date,
    owing_totals,
    stored_balances,
    stored_before,
    stored_club_income,
    stored_members,
    stored_oldest_unpaid,
)


def matches(query: str, fam: Family) -> bool:
    """Every word typed starts a word of the family's name, a child's name or the payer's name."""
    return words_match(query, (fam.name, fam.payer, *(c.name for c in fam.children)))


def words_match(query: str, texts: Iterable[str]) -> bool:
    """Every word of ``query`` starts a word of ``texts`` (accents and case ignored)."""
    typed = fold(query).split()
    if not typed:
        return True
    words = fold(" ".join(texts)).replace("/", " ").replace("-", " ").split()
    return all(any(w.startswith(q) for w in words) for q in typed)


def _live_total(payments: Sequence[PaymentRow]) -> int:
    return sum(p.pence for p in payments if not p.reversed)


def _account_lines(allocated: Sequence[Allocated], credits: Sequence[Line],
                   names: dict[int, str]) -> list[AccountLine]:
    rows = [AccountLine(a.line.day, names.get(a.line.child_id, ""), a.line.kind, a.line.text,
                        a.line.full_pence, a.line.pence, a.line.why, a.unpaid, a.line.attended)
            for a in allocated]
    rows += [AccountLine(c.day, names.get(c.child_id, ""), c.kind, c.text, c.full_pence, c.pence,
                         c.why, 0) for c in credits]
    rows.sort(key=lambda r: (r.day, r.child, r.kind))
    return rows


class AccountService(Service):
    """What each family owes and has paid; every figure derived, never typed twice."""

    def families(self, search: str = "") -> list[Family]:
        """Families whose surname, child or payer matches ``search`` (all when empty)."""
        with self._read() as s:
            fams = load_families(s)
        found = [f for f in fams.by_key.values() if matches(search, f)]
        return sorted(found, key=lambda f: (fold(f.name), f.key))

    def balances(self, search: str = "", *, owing_only: bool = False) -> list[FamilyBalance]:
        """Each family's charges, payments, balance and overdue amount (families with any money),
        read from the stored sums: a fixed handful of statements however many families."""
        with self._read_sums() as s:
            sums = stored_balances(s, self._billed_until())
            names = family_names(s, with_payer=bool(search.strip()), keys=sums.keys())
        rows = []
        for key, money_of in sums.items():
            fam = names.get(key)
            if fam is None or (search.strip() and not words_match(
                    search, (fam.name, fam.payer, fam.children))):
                continue
            balance = money_of.charged - money_of.paid
            if owing_only and balance <= 0:
                continue
            rows.append(FamilyBalance(key, fam.name, fam.children, money_of.charged,
                                      money_of.paid, balance, money_of.overdue))
        folded = {name: fold(name) for name in {r.name for r in rows}}  # many share a surname
        return sorted(rows, key=lambda r: (folded[r.name], r.key))

    def income_by_club(self, start: date, end: date) -> list[ClubIncome]:
        """Income per club for sessions from ``start`` to ``end`` (clubs with none left out),
        read from the stored sums in one aggregate query."""
        if end < start:
            raise ValidationError("The period ends before it starts.")
        with self._read_sums() as s:
            income = stored_club_income(s, start, end)
            names = {cid: (name, site) for cid, name, site in s.execute(
                select(Club.id, Club.name, Site.name).join(Site, Site.id == Club.site_id)
                .where(Club.id.in_([row[0] for row in income])))}
        rows = [ClubIncome(cid, *names[cid], sessions, pence) for cid, sessions, pence in income]
        return sorted(rows, key=lambda r: (fold(r.site), fold(r.club), r.club_id))

    def work_out_sums(self) -> int:
        """Bring the stored sums up to date now (after a change of the charging rules, every
        family), so the next read is quick; how many children were worked out."""
        with self._write(only_logging=True) as s:
            return bring_up_to_date(s)

    @contextmanager
    def _read_sums(self) -> Iterator[Session]:
        """A read with the stored sums current: the families changed since they were last read
        are worked out again first (``stored.py``). They are derived rows, so any signed-in role
        may bring them up to date."""
        with self._read() as s:
            if not out_of_date(s):
                yield s
                return
        with self._write(only_logging=True) as w:
            bring_up_to_date(w)
        with self._read() as s:
            yield s

    def _billed_until(self) -> date:
        """Sessions are billed monthly: the account counts them up to the end of this month."""
        today = self._clock.today()
        return month_bounds(today.year, today.month)[1]

    def account(self, child_id: int) -> Account:
        """The account of the family of ``child_id`` (any child; a family's key is one): every
        charge with what is unpaid (payments taken oldest charge first) and every payment."""
        today = self._clock.today()
        with self._read() as s:
            fams = load_families(s, family_members(s, child_id))
            family = fams.by_key.get(fams.family_of.get(child_id, -1))
            if family is None:
                raise NotFound("That family no longer exists (a child was removed); search again.")
            ids = [c.child_id for c in family.children]
            lines = charge_lines(s, fams, ids, until=self._billed_until())
            payments = payment_rows(s, fams, ids)
        paid = _live_total(payments)
        allocated, credit = allocate(lines, paid)
        names = {c.child_id: c.name for c in family.children}
        rows = _account_lines(allocated, [ln for ln in lines if ln.pence <= 0], names)
        charged = sum(ln.pence for ln in lines)
        return Account(family, tuple(rows), tuple(payments), charged, paid, charged - paid,
                       credit, ages(allocated, today))

    def statements(self, start: date, end: date, family: str = "", *,
                   family_key: int | None = None) -> StatementBook:
        """Statements of every family with money in the period (or those matching ``family``, or
        the one family ``family_key``)."""
        if end < start:
            raise NotFound("The statement period ends before it starts.")
        with self._read_sums() as s:
            fams = load_families(s)
            rules = load_money_rules(s)
            sites = s.execute(select(Site.id, Site.name, Site.ofsted_urn).order_by(Site.name)).all()
            # Lines of the period only; what came before is the stored sums' (the opening).
            lines = charge_lines(s, fams, None, until=end, since=start)
            before, used_before = stored_before(s, start)
            payments = payment_rows(s, fams, None)
        per_lines: dict[int, list[Line]] = defaultdict(list)
        for line in lines:
            per_lines[fams.family_of[line.child_id]].append(line)
        per_pay: dict[int, list[PaymentRow]] = defaultdict(list)
        for p in payments:
            per_pay[fams.family_of[p.child_id]].append(p)
        books = []
        for fam in sorted(fams.by_key.values(), key=lambda f: (fold(f.name), f.key)):
            if family_key is not None and fam.key != family_key:
                continue
            if not matches(family, fam):
                continue
            statement = _statement(fam, per_lines[fam.key], per_pay[fam.key], start, end, sites,
                                   before.get(fam.key, 0), used_before.get(fam.key, set()))
            if statement.lines or statement.payments or statement.opening:
                books.append(statement)
        if family.strip() and not books:
            raise NotFound(f"No family matching '{family.strip()}' has money in that period.")
        ofsted = ", ".join(f"{name}: {urn}" for _id, name, urn in sites if urn)
        return StatementBook(rules.payee or "The hub", ofsted,
                             rules.tfc_provider_reference, rules.payee, tuple(books))

    def booking_cost(self, child_id: int, club_id: int, days: Sequence[date]) -> BookingCost:
        """The price of booking ``days`` now (free places applied, before any sibling discount),
        and the family's balance, which the booking dialog warns about above the arrears limit."""
        now = self._clock.now()
        with self._read() as s:
            fams = load_families(s, family_members(s, child_id))
            if child_id not in fams.children:
                raise NotFound("That child no longer exists.")
            block = _block_by_day(s, club_id, days, now)
            facts = [SessionFact(0, child_id, club_id, "", "", day, now, False, False, False, 0, 0,
                                 block_pence=block.get(day)) for day in days]
            ids, until = list(fams.children), self._billed_until()
            before = charge_lines(s, fams, ids, until=until)
            after = charge_lines(s, fams, ids, until=until, extra_facts=facts)
            payments = payment_rows(s, fams, ids)
            limit = load_money_rules(s).arrears_limit_pence
        new = [ln for ln in after if ln.ref == 0 and ln.kind == "session"]
        why = next((ln.why for ln in new if ln.why), "")
        if block:
            why = f"term block price; {why}" if why else "term block price"
        old = sum(ln.pence for ln in before)
        return BookingCost(len(new), sum(ln.pence for ln in after) - old, why,
                           old - _live_total(payments), limit)

    def finance_export(self, start: date, end: date) -> FinanceExport:
        """Every charge and payment of the period, and each family's balances either side of it."""
        if end < start:
            raise ValidationError("The period ends before it starts.")
        book = self.statements(start, end)
        ledger: list[LedgerRow] = []
        balances: list[BalanceRow] = []
        for st in book.statements:
            fam = st.family
            for ln in st.lines:
                text = ln.text + (f" ({ln.why})" if ln.why else "")
                ledger.append(LedgerRow("charge", ln.day, fam.name, fam.key, ln.child,
                                        f"{KIND_LABELS[ln.kind]}: {text}", "", "", ln.pence))
            for p in st.payments:
                if p.reversed:
                    continue
                kind = "refund" if p.route == "refund" else "payment"
                ledger.append(LedgerRow(kind, p.received_on, fam.name, fam.key, p.child, p.note,
                                        ROUTE_LABELS.get(p.route, p.route), p.reference, -p.pence))
            charged = sum(ln.pence for ln in st.lines)
            paid = sum(p.pence for p in st.payments if not p.reversed)
            balances.append(BalanceRow(fam.name, fam.key, st.opening, charged, paid, st.closing))
        ledger.sort(key=lambda r: (r.day, fold(r.family), r.family_key, r.kind))
        return FinanceExport(start, end, tuple(ledger), tuple(balances))

    def arrears(self) -> list[ArrearsRow]:
        """Families with overdue charges, by age of debt, with a reminder the office can paste.

        Totals come from the stored sums; only the debtors' families are read in full."""
        today = self._clock.today()
        with self._read_sums() as s:
            rules = load_money_rules(s)
            debtors, children = self._debtors(s, today)
            fams = load_families(s, children)
            from hubdesk.services.clubs import carer_phones  # not loaded for statements

            phones = carer_phones(s, [fams.by_key[k].children[0].child_id for k in debtors])
        rows = []
        for key, (bands, oldest) in debtors.items():
            fam = fams.by_key[key]
            total = sum(bands)
            phone = next(iter(phones.get(fam.children[0].child_id, ())), "")
            rows.append(ArrearsRow(key, fam.name, phone, *bands, total, oldest,
                                   _reminder(fam, total, oldest, rules.payee)))
        return sorted(rows, key=lambda r: (-r.days_61_plus, -r.total, fold(r.family)))

    def _debtors(self, s: Session, today: date
                 ) -> tuple[dict[int, tuple[tuple[int, int, int], date | None]], set[int]]:
        """Families with overdue charges (their bands and the day of the oldest unpaid charge),
        and every child of those families."""
        until = self._billed_until()
        found, months = {}, {}
        for key, money_of in owing_totals(s, until).items():
            bands, oldest = money_of.bands(today)
            if sum(bands):
                found[key] = bands
                if oldest:
                    months[key] = oldest
        children = stored_members(s, found)
        days = stored_oldest_unpaid(s, months)
        return {key: (bands, days.get(key)) for key, bands in found.items()}, children

    def _overdue(self, s: Session, today: date) -> list[tuple[int, int, int]]:
        return [b for b in (t.bands(today)[0] for t in owing_totals(
            s, self._billed_until()).values()) if sum(b)]

    def overdue_total(self) -> tuple[int, int, int]:
        """Pence overdue across families, how many families, and pence overdue over 60 days."""
        today = self._clock.today()
        with self._read_sums() as s:
            debtors = self._overdue(s, today)
        return sum(sum(b) for b in debtors), len(debtors), sum(b[2] for b in debtors)


def _statement(fam: Family, lines: list[Line], payments: list[PaymentRow], start: date,
               end: date, sites: Sequence[Any], charged_before: int,
               used_before: set[int]) -> Statement:
    """One family's period (``lines`` from ``start`` on; what it was charged before, and the
    sites it used then, from the stored sums); its Ofsted numbers are those of the sites whose
    clubs it used (in the period, else before), which is what a Universal Credit claim asks for."""
    live = [p for p in payments if not p.reversed]
    before = charged_before + sum(ln.pence for ln in lines if ln.day < start) - sum(
        p.pence for p in live if p.received_on < start)
    in_lines = [ln for ln in lines if start <= ln.day <= end]
    in_pay = [p for p in payments if start <= p.received_on <= end]
    closing = before + sum(ln.pence for ln in in_lines) - sum(p.pence for p in in_pay
                                                              if not p.reversed)
    names = {c.child_id: c.name for c in fam.children}
    rows = tuple(AccountLine(ln.day, names.get(ln.child_id, ""), ln.kind, ln.text, ln.full_pence,
                             ln.pence, ln.why, 0, ln.attended) for ln in in_lines)
    used = {ln.site_id for ln in in_lines if ln.site_id} or used_before
    ofsted = ", ".join(f"{name}: {urn}" for site_id, name, urn in sites
                       if urn and site_id in used)
    return Statement(fam, start, end, before, rows, tuple(in_pay), closing, ofsted)


def _reminder(fam: Family, total: int, oldest: date | None, payee: str) -> str:
    since = f" since {oldest:%d %B %Y}" if oldest else ""
    to = f" to {payee}" if payee else ""
    children = ", ".join(c.name.split(" ")[0] for c in fam.children)
    return (f"Dear {fam.payer or 'parent or carer'},\n\nOur records show {money(total)} overdue{since} "
            f"for {children}'s clubs. Please pay{to} by card, bank transfer, Tax-Free Childcare or "
            "childcare vouchers, or contact the office if you would like to talk about it.\n\n"
            f"Thank you.\n")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    start = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def _block_by_day(s: Session, club_id: int, days: Sequence[date], now: datetime) -> dict[date, int]:
    """Each day's share of a term block price when ``days`` take every running session of a term."""
    sessions = dict(s.execute(select(ClubSession.id, ClubSession.day).where(
        ClubSession.club_id == club_id, ClubSession.day.in_(list(days)))).all())
    from hubdesk.services.clubs import term_block_shares  # not loaded for statements

    shares = term_block_shares(s, club_id, list(sessions), now)
    return {sessions[sid]: share for sid, share in shares.items()}
