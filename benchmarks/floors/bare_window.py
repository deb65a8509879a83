"""Floor for opening the program: a bare PySide6 window filled by one SQLAlchemy query, shown, then closed.

    python benchmarks/floors/bare_window.py DATABASE.db [--password]

With ``--password`` it first checks the stored argon2 hash of ``HUBDESK_USER`` against the password in
``HUBDESK_PASSWORD_FILE``, as any program must that opens on a database with users: the floor of a
scripted start (the window without the sign-in dialog).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow
from sqlalchemy import create_engine, text


def main(database: str, password: bool = False) -> int:
    qapp = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        if password:
            from argon2 import PasswordHasher

            secret = Path(os.environ["HUBDESK_PASSWORD_FILE"]).read_text(encoding="utf-8").splitlines()[0]
            stored = connection.execute(text("SELECT password_hash FROM users WHERE lower(name) = :n"),
                                        {"n": os.environ["HUBDESK_USER"].lower()}).scalar_one()
            PasswordHasher().verify(stored, secret)
        names = [f"{s}, {f}" for f, s in connection.execute(
            text("SELECT forename, surname FROM children ORDER BY surname, forename LIMIT 200"))]
    window = QMainWindow()
    listing = QListWidget()
    listing.addItems(names)
    window.setCentralWidget(listing)
    window.resize(1280, 720)
    window.show()
    QTimer.singleShot(0, lambda: (print("window shown", flush=True), qapp.quit()))
    return qapp.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--password" in sys.argv[2:]))
