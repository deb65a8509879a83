"""Reading the audit log: the history of a child or of any record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select

from hubdesk.core.clock import format_local
from hubdesk.core.models import AuditEntry
from hubdesk.services.base import Service


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    when: str
    user: str
    action: str
    record: str
    changes: str


def describe(changes: dict[str, Any]) -> str:
    """'surname: Smith → Smyth; fsm: False → True' for a screen or a printout."""
    parts = []
    for field, pair in changes.items():
        if isinstance(pair, list) and len(pair) == 2:
            before, after = pair
            if before is None:
                parts.append(f"{field}: {after}")
            elif after is None:
                parts.append(f"{field}: was {before}")
            else:
                parts.append(f"{field}: {before} → {after}")
        else:
            parts.append(f"{field}: {pair}")
    return "; ".join(parts)


class AuditService(Service):
    def history(self, table_name: str | None = None, record_id: str | None = None,
                child_id: int | None = None, limit: int = 500) -> list[HistoryLine]:
        """Newest first. With ``child_id``: the child's own record and everything about them."""
        stmt = select(AuditEntry)
        if child_id is not None:
            stmt = stmt.where(or_(AuditEntry.child_id == child_id,
                                  (AuditEntry.table_name == "children")
                                  & (AuditEntry.record_id == str(child_id))))
        if table_name is not None:
            stmt = stmt.where(AuditEntry.table_name == table_name)
        if record_id is not None:
            stmt = stmt.where(AuditEntry.record_id == record_id)
        stmt = stmt.order_by(AuditEntry.id.desc()).limit(limit)
        with self._read() as s:
            return [HistoryLine(e.at, format_local(e.at), e.user, e.action,
                                f"{e.table_name} {e.record_id}", describe(e.changes))
                    for e in s.scalars(stmt)]
