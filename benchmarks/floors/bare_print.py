"""Floor for printing from a database that needs a password: what any such command must do at least.

    HUBDESK_USER=… HUBDESK_PASSWORD_FILE=… python benchmarks/floors/bare_print.py DATABASE.db OUT.pdf \
        [TABLES] [ROWS]

Opens the file with SQLAlchemy (Core), checks the user's stored argon2 hash against the password file,
reads a page of children's names, then prints the same pages as ``bare_reportlab.py`` with them. It
stands beside each printout as a second floor: bare reportlab alone has no database and no password.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from argon2 import PasswordHasher
from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bare_reportlab import main as print_pages


def main(database: str, out: str, *numbers: int) -> int:
    password = Path(os.environ["HUBDESK_PASSWORD_FILE"]).read_text(encoding="utf-8").splitlines()[0]
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT password_hash FROM users WHERE lower(name) = :n"),
                                    {"n": os.environ["HUBDESK_USER"].lower()}).scalar_one()
        PasswordHasher().verify(stored, password)
        names = connection.execute(text("SELECT forename, surname FROM children LIMIT 25")).all()
    assert names
    return print_pages(out, *numbers)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:5])))
