"""A server connection that broke off is re-made; a server that is gone is told in one sentence."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.core.errors import DomainError
from tests.conftest import child_form
from tests.postgres.conftest import PgServer


def _kick_out(pg_server: PgServer, database: str) -> int:
    with pg_server.admin.connect() as conn:
        return len(conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = :db AND pid <> pg_backend_pid()"), {"db": database}).all())


def test_dropped_connections_are_made_again(pg_hub: HubApp, pg_server: PgServer,
                                            two_schools: dict[str, int]) -> None:
    pg_hub.children.save(child_form(two_schools["oak"]))
    assert _kick_out(pg_server, pg_hub.engine.url.database or "") >= 1  # e.g. the server restarted
    assert [r.name for r in pg_hub.children.search("lucja")] == ["Wiśniewska, Łucja"]
    _kick_out(pg_server, pg_hub.engine.url.database or "")
    pg_hub.children.save(child_form(two_schools["elm"], forename="Aoife"))
    assert pg_hub.children.count() == 2


def test_a_server_that_is_gone_is_told_plainly(pg_hub: HubApp, pg_server: PgServer,
                                               two_schools: dict[str, int]) -> None:
    form = child_form(two_schools["oak"])
    pg_hub.engine.dispose()
    pg_server.drop(pg_hub.engine.url.database or "")  # as if the server went away
    with pytest.raises(DomainError, match="database server cannot be reached"):
        pg_hub.children.search("lucja")
    with pytest.raises(DomainError, match="cannot be reached .* Nothing was saved"):
        pg_hub.children.save(form)
