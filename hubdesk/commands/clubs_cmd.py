"""``hubdesk clubs``: the clubs with this week's occupancy, as a plain-text table for checks and
scripts (``--tsv`` gives tab-separated columns for a spreadsheet)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from hubdesk.commands.lookup import day_argument
from hubdesk.commands.output import say
from hubdesk.commands.signin import for_reading
from hubdesk.core.errors import DomainError
from hubdesk.core.table_files import safe_cell
from hubdesk.services.clubs import ClubRow

FIRST, LAST = date(1900, 1, 1), date(2999, 12, 31)
HEADERS = ("No", "Club", "Site", "Kind", "Days", "Times", "Years", "Price", "Booked/places",
           "Waiting")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("clubs", parents=[common],
                            help="list clubs with this week's occupancy (booked / places)")
    parser.add_argument("--week", type=day_argument, metavar="DATE",
                        help="a day of the week to count (default: this week)")
    parser.add_argument("--site", metavar="NAME", help="only clubs at this site")
    parser.add_argument("--all", action="store_true", help="include clubs that are not active")
    parser.add_argument("--tsv", action="store_true", help="tab-separated columns")
    parser.set_defaults(func=list_clubs)


def cells(row: ClubRow) -> tuple[str, ...]:
    price = "free" if row.price_pence == 0 else f"£{row.price_pence / 100:.2f}"
    return (str(row.id), row.name, row.site, row.kind_label, row.weekdays, row.times, row.years,
            price, row.occupancy, str(row.waiting))


def table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = {0, 7, 8, 9}
    return ["  ".join(c.rjust(w) if i in right else c.ljust(w)
                      for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
            for r in rows]


def list_clubs(args: argparse.Namespace) -> int:
    if args.week is not None and not FIRST <= args.week <= LAST:
        raise DomainError(f"{args.week:%d/%m/%Y} is not a week hubdesk can count; choose a day "
                          f"between {FIRST:%d/%m/%Y} and {LAST:%d/%m/%Y}.")
    app = for_reading(args.database)
    try:
        rows = app.clubs.list(week_of_day=args.week or app.clock.today(),
                              include_inactive=args.all)
    finally:
        app.close()
    if args.site:
        wanted = args.site.strip().lower()
        rows = [r for r in rows if wanted in r.site.lower()]
    if not rows:
        print("No clubs." if not args.site else f"No clubs at a site matching '{args.site}'.")
        return 0
    lines = [HEADERS, *(cells(r) for r in rows)]
    if args.tsv:  # for a spreadsheet: a club called =HYPERLINK(…) must stay text there
        for line in lines:
            say("\t".join(safe_cell(c.replace("\t", " ")) for c in line))
        return 0
    for text in table(lines):
        say(text)
    booked = sum(r.week_booked for r in rows)
    places = sum(r.week_places for r in rows)
    print(f"{len(rows)} clubs; this week {booked} of {places} places booked"
          f" ({booked * 100 // places if places else 0}%).")
    return 0
