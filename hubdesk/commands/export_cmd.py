"""``hubdesk export money --from DATE --to DATE -o FILE``: charges, payments and balances of a period
for the school's finance system, as CSV (UTF-8 with BOM) or .xlsx by the file's suffix."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from hubdesk.commands.lookup import day_argument
from hubdesk.commands.output import output_file
from hubdesk.commands.signin import for_reading
from hubdesk.core.errors import DomainError
from hubdesk.reports.money_export import write_csv, write_xlsx


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export", help="export data for other systems (money, take-up)")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    money = kinds.add_parser("money", parents=[common],
                             help="charges, payments and balances of a period (CSV or .xlsx)")
    money.add_argument("--from", dest="start", type=day_argument, required=True, metavar="DATE")
    money.add_argument("--to", dest="end", type=day_argument, required=True, metavar="DATE")
    money.add_argument("-o", "--output", required=True, metavar="FILE.csv|FILE.xlsx",
                       help="the file to write; .xlsx gives a workbook, anything else CSV")
    money.set_defaults(func=export_money)
    from hubdesk.commands import overview_cmd

    overview_cmd.register_export(kinds, common)


def _target(text: str) -> Path:
    return output_file(text, (".csv", ".xlsx"), "money.xlsx")


def export_money(args: argparse.Namespace) -> int:
    target = _target(args.output)
    app = for_reading(args.database)
    try:
        export = app.money.accounts.finance_export(args.start, args.end)
    finally:
        app.close()
    partial = target.with_name(target.name + ".part")
    try:
        if target.suffix.lower() == ".xlsx":
            write_xlsx(export, partial)
            also = ""
        else:
            balances = write_csv(export, partial)
            final_balances = target.with_name(f"{target.stem}-balances.csv")
            os.replace(balances, final_balances)
            also = f" and balances in {final_balances}"
        os.replace(partial, target)
    except OSError as exc:
        raise DomainError(f"Cannot write {target}: {exc.strerror or exc}. If the file is open in "
                          "Excel, close it and try again.") from exc
    finally:
        partial.unlink(missing_ok=True)
    print(f"Money {args.start:%d/%m/%Y} to {args.end:%d/%m/%Y}: {len(export.ledger)} charges and "
          f"payments, {len(export.balances)} families. Written to {target}{also}.")
    return 0
