"""On PostgreSQL the triggers mark every kind of change and the stored money sums kept change by
change equal the sums worked out from nothing (the same changes as the SQLite property test)."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from tests.services.money.test_stored_sums import KINDS, _act, _from_nothing, _stored
from tests.services.money.test_stored_sums import cluster as cluster  # the fixture


def test_sums_kept_change_by_change_equal_sums_worked_out_afresh(
        hub: HubApp, cluster: dict[str, Any]) -> None:
    for round_ in range(2):
        for i, kind in enumerate(KINDS):
            with suppress(DomainError):
                _act(hub, cluster, kind, (i + round_) % 4, i % 2, (i * 3 + round_) % 8, 10 + i)
        kept = _stored(hub)
        assert kept[1], "nothing was charged: the changes did not reach the sums"
        assert kept == _from_nothing(hub)
