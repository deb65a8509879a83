"""``hubdesk check``: integrity and invariants; exits 1 when anything is wrong."""

from __future__ import annotations

import argparse
from typing import Any

from hubdesk.app import open_app
from hubdesk.commands.signin import signed_in
from hubdesk.services.admin import CheckService
from hubdesk.settings import load_settings


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("check", parents=[common], help="check the database and report problems")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    app = signed_in(open_app(load_settings(args.database)))
    try:
        findings = CheckService(app.factory, None, app.clock).run()
    finally:
        app.close()
    width = max(len(f.check) for f in findings)
    for f in findings:
        print(f"{'ok  ' if f.ok else 'FAIL'}  {f.check.ljust(width)}  {f.detail}")
    failed = sum(not f.ok for f in findings)
    print(f"checks: {len(findings) - failed} ok, {failed} with problems")
    return 1 if failed else 0
