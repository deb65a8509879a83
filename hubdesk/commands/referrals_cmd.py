"""``hubdesk referrals list``: referrals and signposting entries as a plain-text table; ``--overdue``
lists only the open referrals whose family was not contacted by the hub's target date."""

from __future__ import annotations

import argparse
from typing import Any

from hubdesk.commands.lookup import find_site
from hubdesk.commands.output import say
from hubdesk.commands.signin import for_reading
from hubdesk.core.words import count
from hubdesk.services.referrals import ReferralFilter, ReferralRow

HEADERS = ("No", "Made", "For", "School", "To", "Why", "Due", "State")


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("referrals", parents=[common],
                            help="list referrals and signposting (--overdue: only those overdue)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="list referrals, newest first")
    listing.add_argument("--overdue", action="store_true",
                         help="only open referrals whose family was not contacted in time")
    listing.add_argument("--open", action="store_true", help="only referrals not yet closed")
    listing.add_argument("--site", metavar="NAME", help="only referrals counted at this school")
    listing.set_defaults(func=list_referrals)


def cells(row: ReferralRow) -> tuple[str, ...]:
    due = f"{row.due_on:%d/%m/%Y}" if row.due_on else ""
    return (str(row.id), f"{row.made_on:%d/%m/%Y}", row.person, row.school, row.to_whom,
            row.category, due, row.state)


def table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(c.rjust(w) if i == 0 else c.ljust(w)
                      for i, (c, w) in enumerate(zip(r, widths, strict=True))).rstrip()
            for r in rows]


def list_referrals(args: argparse.Namespace) -> int:
    app = for_reading(args.database)
    try:
        site_id = find_site(app, args.site)[0] if args.site else None
        rows = app.referrals.search(ReferralFilter(open_only=args.open, overdue_only=args.overdue,
                                                   school_id=site_id))
        days = app.referrals.target_days()
    finally:
        app.close()
    if not rows:
        print("No overdue referrals." if args.overdue else "No referrals.")
        return 0
    for text in table([HEADERS, *(cells(r) for r in rows)]):
        say(text)
    overdue = sum(r.overdue for r in rows)
    print(f"{count(len(rows), 'entry', 'entries')}; {overdue} overdue (target: family contacted "
          f"within {count(days, 'school day')}).")
    return 0
