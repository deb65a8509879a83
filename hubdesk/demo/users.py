"""The demo's users: one per role, with passwords the README lists (a demo, never real data)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from hubdesk.core.models import User
from hubdesk.services.users import hash_password

# (name, role, password)
DEMO_USERS: tuple[tuple[str, str, str], ...] = (
    ("admin", "administrator", "demo-admin"),
    ("office", "office", "demo-office"),
    ("head", "head", "demo-head"),
    ("coordinator", "coordinator", "demo-coordinator"),
    ("clubstaff", "club_staff", "demo-clubstaff"),
    ("driver", "driver", "demo-driver"),
    ("safeguarding", "safeguarding", "demo-safeguarding"),
)


def add_demo_users(s: Session) -> None:
    s.add_all(User(name=name, role=role, password_hash=hash_password(password), active=True,
                   failed_attempts=0) for name, role, password in DEMO_USERS)
