"""What every command shares to read its arguments: a date (``day_argument``), a record's number
(``number_argument``) and a site, staff member or course named the way a person types it
(``find_site``, ``find_person``, ``find_course``).

A name is matched in stages: exactly as typed, then a unique start of a name, then ignoring case and
accents (whole name, start, then a part). The first stage that finds anything decides: one match is
the answer; several are listed, each with what tells them apart (a number, or an email for staff),
which the command also accepts: ``--person 12`` or ``--person jo@example.org``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from hubdesk.app import HubApp
from hubdesk.core.clock import Clock
from hubdesk.core.dates import parse_day
from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.vocabulary import fold

LISTED = 12  # choices named in a message before '…'


def day_argument(text: str, today: Callable[[], date] = lambda: Clock().today()) -> date:
    """argparse type for a date: 30/11/2026, 2026-11-30, 30.11.2026, or 30/11 in this school year."""
    try:
        return parse_day(text, today())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{exc}; write a date like 30/11/2026") from None


LARGEST_NUMBER = 2**63 - 1  # the largest a record's number can be (SQLite's INTEGER)


def number_argument(text: str) -> int:
    """argparse type for a record's number, as hubdesk shows it (1 upwards)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is not a number; give the number hubdesk shows for the record") from None
    if not 1 <= value <= LARGEST_NUMBER:
        raise argparse.ArgumentTypeError(
            f"{text.strip()[:40]} is not a record's number (they run from 1 upwards)")
    return value


@dataclass(frozen=True)
class Choice:
    """Something a command can be pointed at: its number, the names it goes by, and what tells it
    apart from another with the same name (an email; the number when there is none)."""

    id: int
    names: tuple[str, ...]
    label: str
    key: str = ""

    @property
    def tell(self) -> str:
        return self.key or str(self.id)


def _stages(typed: str) -> list[Callable[[str], bool]]:
    wanted = fold(typed)
    return [lambda n: n == typed, lambda n: n.startswith(typed), lambda n: fold(n) == wanted,
            lambda n: fold(n).startswith(wanted), lambda n: wanted in fold(n)]


def choose(what: str, option: str, typed: str, choices: Sequence[Choice]) -> Choice:
    """The one choice ``typed`` names, or a DomainError listing the candidates to type instead."""
    text = typed.strip()
    if not text:
        raise ValidationError(f"Give the {what}'s name or number after {option}.")
    by_key = [c for c in choices if text == str(c.id) or (c.key and fold(text) == fold(c.key))]
    if len(by_key) == 1:
        return by_key[0]
    for stage in _stages(text):
        found = [c for c in choices if any(stage(n) for n in c.names if n)]
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(
                f"'{text}' matches {len(found)} {what}s: {_listed(found)}. Give one of these "
                f"instead, e.g. {option} {found[0].tell}.")
    known = f" The {what}s are: {_listed(choices)}." if choices else ""
    raise NotFound(f"No {what} is called '{text}'.{known}")


def _listed(choices: Sequence[Choice]) -> str:
    shown = "; ".join(f"{c.label} ({c.tell})" for c in choices[:LISTED])
    return shown + ("; …" if len(choices) > LISTED else "")


def find_site(app: HubApp, typed: str) -> tuple[int, str]:
    """(id, name) of a site by number, name or short name."""
    sites = [Choice(x.id, (x.name, x.short_name), x.name) for x in
             app.sites.list(include_inactive=True) if x.id is not None]
    found = choose("site", "--site", typed, sites)
    return found.id, found.label


def find_person(app: HubApp, typed: str) -> tuple[int, str]:
    """(id, 'Forename Surname') of an active staff member by number, email or name."""
    people = []
    for row in app.staff.list():
        surname, _, forename = row.name.partition(", ")
        name = f"{forename} {surname}".strip()
        people.append(Choice(row.id, (name, row.name, surname), name, row.email))
    found = choose("staff member", "--person", typed, people)
    return found.id, found.label


def find_course(app: HubApp, typed: str) -> tuple[int, str]:
    """(id, title) of a course by number or title; the list says when each starts."""
    courses = [Choice(c.id, (c.title,), f"{c.title}, {c.site}, from {c.start_date:%d/%m/%Y}")
               for c in app.learning.courses.list(include_finished=True)]
    found = choose("course", "--course", typed, courses)
    return found.id, found.names[0]
