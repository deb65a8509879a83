"""Counts and lengths of time in words, the same on every page and printout.

"39 clubs", "1 week", "10 h 10 min": a person reads these at a glance, where "39 club(s)" or
"10.1667 hours" makes them stop and work it out.
"""

from __future__ import annotations

IRREGULAR = {"child": "children", "person": "people", "man": "men", "woman": "women"}


def plural_of(noun: str) -> str:
    """The plural of an English noun as the program uses them ('child' -> 'children')."""
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last in IRREGULAR:
        return prefix + IRREGULAR[last]
    if last.endswith(("s", "x", "ch", "sh")):
        return f"{noun}es"
    if last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        return f"{noun[:-1]}ies"
    return f"{noun}s"


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 club', '39 clubs', '1,204 children': the number with the noun in the right form."""
    word = noun if number == 1 else (plural or plural_of(noun))
    return f"{number:,} {word}"


def duration(minutes: float) -> str:
    """A length of time as people say it: '45 min', '1 h', '10 h 10 min' (rounded to the minute)."""
    total = round(minutes)
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 60)
    if hours and rest:
        return f"{sign}{hours} h {rest} min"
    if hours:
        return f"{sign}{hours} h"
    return f"{sign}{rest} min"


def hours(value: float) -> str:
    """A number of hours in words ('10 h 10 min' for 10.1667)."""
    return duration(value * 60)


def weeks(number: int) -> str:
    return count(number, "week")


def are(number: int) -> str:
    """The verb after a count: '1 child is', '3 children are'."""
    return "is" if number == 1 else "are"


def were(number: int) -> str:
    return "was" if number == 1 else "were"
