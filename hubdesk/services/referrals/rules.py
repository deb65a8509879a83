"""Pure rules of a referral: checking a form, the contact due date, and the term a date falls in."""

from __future__ import annotations

from datetime import date, timedelta

from hubdesk.core.calendar import SchoolCalendar, bank_holiday
from hubdesk.core.errors import ValidationError
from hubdesk.core.vocabulary import REFERRAL_KINDS, REFERRAL_SERVICES
from hubdesk.services.referrals.dto import DATE_LABELS, ReferralForm

MAX_DAYS = 60
_TEXTS = (("made_by", 150, "Say who made the referral."), ("provider", 150, ""),
          ("consent_by", 150, ""), ("notes", 4000, ""), ("outcome", 4000, ""))


def check_form(form: ReferralForm, today: date) -> None:
    """A ValidationError naming the first field a person must put right."""
    if (form.child_id is None) == (form.carer_id is None):
        raise ValidationError("Choose the child, or the family (a carer), the referral is for.",
                              "person")
    if form.kind not in REFERRAL_KINDS:
        raise ValidationError("Choose referral or signposting.", "kind")
    if form.service not in REFERRAL_SERVICES:
        raise ValidationError("Choose the service the family was referred or pointed to.", "service")
    for field, limit, required in _TEXTS:
        value = getattr(form, field).strip()
        if required and not value:
            raise ValidationError(required, field)
        if len(value) > limit:
            raise ValidationError(f"This can be at most {limit} characters ({len(value)} entered).",
                                  field)
    if form.service == "local_provider" and not form.provider.strip():
        raise ValidationError("Name the local provider.", "provider")
    _check_dates(form, today)
    if form.closed_on is not None and not form.outcome.strip():
        raise ValidationError("Say what the outcome was before closing it.", "outcome")


def _check_dates(form: ReferralForm, today: date) -> None:
    for field, label in DATE_LABELS.items():
        value: date | None = getattr(form, field)
        if value is None:
            continue
        if value > today:
            raise ValidationError(f"The date {label.lower()} ({value:%d/%m/%Y}) is in the future.",
                                  field)
        if value < form.made_on:
            raise ValidationError(f"The date {label.lower()} cannot be before the referral was made "
                                  f"({form.made_on:%d/%m/%Y}).", field)
    if form.kind == "signposting":
        for field in ("acknowledged_on", "allocated_on", "contacted_on"):
            if getattr(form, field) is not None:
                raise ValidationError("A signposting entry has no acknowledgement, allocation or "
                                      "contact dates: record a referral instead.", field)


def check_days(days: int) -> None:
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(f"The target must be between 1 and {MAX_DAYS} school days.", "days")


def due_date(made_on: date, days: int, calendar: SchoolCalendar | None) -> date:
    """The day ``days`` school days after ``made_on`` on the school's calendar.

    A school without terms entered yet (or a family with no school) counts weekdays that are not
    bank holidays, so a referral always gets a due date.
    """
    has_terms = calendar is not None and any(s.kind == "term" for s in calendar.spans)
    day, counted = made_on, 0
    while counted < days:
        day += timedelta(days=1)
        if calendar is not None and has_terms:
            counted += calendar.is_open(day)
        else:
            counted += day.weekday() < 5 and bank_holiday(day) is None
        if (day - made_on).days > 400:  # a calendar with no open days ahead: stop at a weekday count
            return due_date(made_on, days, None)
    return day


def term_of(day: date) -> str:
    """The school term a day is in, named the same for every school: 'Autumn 2026', 'Spring 2027'.

    Autumn is September to December, spring January to March, summer April to August.
    """
    if day.month >= 9:
        return f"Autumn {day.year}"
    if day.month <= 3:
        return f"Spring {day.year}"
    return f"Summer {day.year}"
