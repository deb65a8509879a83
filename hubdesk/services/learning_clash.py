"""The family clash check: a parent in a course session while a child must be collected elsewhere."""

from __future__ import annotations

from sqlalchemy.orm import Session


def family_clashes(s: Session, carer_id: int, course_id: int) -> list[str]:
    """Warnings naming child, club, site and time; empty until club bookings exist."""
    return []
