"""Floor for opening the program: a bare PySide6 window filled by one SQLAlchemy query, shown, then closed.

    python benchmarks/floors/bare_window.py DATABASE.db
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow
from sqlalchemy import create_engine, text


def main(database: str) -> int:
    qapp = QApplication(sys.argv[:1])
    engine = create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
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
    sys.exit(main(sys.argv[1]))
