"""The signing-in book for adults on site: who came in, from where, to see whom, in which car.

Staff on any shift, the co-ordinator, tutors and learners, visitors and contractors sign in here;
the fire register lists everyone signed in at the moment it is printed for (now, or a chosen
time for a drill or an inquiry).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import SignIn, Site
from hubdesk.services.base import Service
from hubdesk.services.registers.queries import hhmm, moment

KINDS: dict[str, str] = {"staff": "Staff", "learner": "Learner or tutor", "visitor": "Visitor",
                         "contractor": "Contractor"}
_LIMITS = (("name", 150), ("organisation", 150), ("visiting", 150), ("car_registration", 20))


@dataclass(frozen=True)
class SignInForm:
    site_id: int
    name: str
    kind: str = "visitor"
    organisation: str = ""
    visiting: str = ""
    car_registration: str = ""
    at: datetime | None = None  # UTC; now when not given


@dataclass(frozen=True)
class SignInRow:
    id: int
    site_id: int
    kind: str
    name: str
    organisation: str
    visiting: str
    car_registration: str
    signed_in_at: datetime
    signed_out_at: datetime | None

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def time_in(self) -> str:
        return hhmm(self.signed_in_at)

    @property
    def time_out(self) -> str:
        return hhmm(self.signed_out_at)


def _row(x: SignIn) -> SignInRow:
    return SignInRow(x.id, x.site_id, x.kind, x.name, x.organisation, x.visiting,
                     x.car_registration, x.signed_in_at, x.signed_out_at)


def validate(form: SignInForm, now: datetime) -> None:
    if not form.name.strip():
        raise ValidationError("Enter the name of the person signing in.", "name")
    if form.kind not in KINDS:
        raise ValidationError("Choose staff, learner or tutor, visitor or contractor.", "kind")
    for field, limit in _LIMITS:
        if len(getattr(form, field).strip()) > limit:
            raise ValidationError(f"That is too long to keep (at most {limit} characters).",
                                  field)
    if form.at is not None and form.at > now + timedelta(minutes=2):
        raise ValidationError(f"{hhmm(form.at)} is later than now ({hhmm(now)}): type the time "
                              "they arrived, or leave it at now.", "at")


def adults_at(s: Session, site_id: int, at: datetime) -> list[SignInRow]:
    """The adults signed in at the site at the moment ``at`` (UTC), by name."""
    rows = s.scalars(select(SignIn).where(
        SignIn.site_id == site_id, SignIn.signed_in_at <= at,
        or_(SignIn.signed_out_at.is_(None), SignIn.signed_out_at > at))
        .order_by(SignIn.name, SignIn.id))
    return [_row(x) for x in rows]


class SignInBookService(Service):
    """Signing adults in and out of a site, and the day's book."""

    def sign_in(self, form: SignInForm) -> SignInRow:
        now = self._clock.now()
        validate(form, now)
        with self._write() as s:
            if s.get(Site, form.site_id) is None:
                raise NotFound("That site no longer exists.")
            entry = SignIn(site_id=form.site_id, kind=form.kind, name=form.name.strip(),
                           organisation=form.organisation.strip(),
                           visiting=form.visiting.strip(),
                           car_registration=form.car_registration.strip().upper(),
                           signed_in_at=form.at or now, recorded_by=str(s.info.get("user") or ""))
            s.add(entry)
            s.flush()
            return _row(entry)

    def sign_out(self, sign_in_id: int, at: datetime | None = None) -> SignInRow:
        now = self._clock.now()
        with self._write() as s:
            entry = s.get(SignIn, sign_in_id)
            if entry is None:
                raise NotFound("That entry in the signing-in book no longer exists.")
            if entry.signed_out_at is not None:
                raise ValidationError(f"{entry.name} signed out at {hhmm(entry.signed_out_at)} "
                                      "already.", "signed_out_at")
            moment_out = at or now
            if moment_out < entry.signed_in_at:
                raise ValidationError(f"{entry.name} signed in at {hhmm(entry.signed_in_at)}: "
                                      "sign out at that time or later.", "signed_out_at")
            entry.signed_out_at = moment_out
            s.flush()
            return _row(entry)

    def day(self, site_id: int, day: date) -> list[SignInRow]:
        """The book of one day at a site, in the order people arrived."""
        start, end = moment(day, time(0)), moment(day + timedelta(days=1), time(0))
        with self._read() as s:
            return [_row(x) for x in s.scalars(
                select(SignIn).where(SignIn.site_id == site_id, SignIn.signed_in_at >= start,
                                     SignIn.signed_in_at < end)
                .order_by(SignIn.signed_in_at, SignIn.id))]

    def on_site(self, site_id: int, at: datetime | None = None) -> list[SignInRow]:
        """Adults signed in at the site now (or at ``at``, UTC)."""
        with self._read() as s:
            return adults_at(s, site_id, at or self._clock.now())
