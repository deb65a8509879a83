"""Signing in, and the idle time the window reads, on Core connections.

What the window needs before it shows, without SQLAlchemy's ORM (about 45 ms of a start by a
script): ``UserService`` signs in and reads the idle time through here too, so there is one way.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from hubdesk.core.clock import Clock
from hubdesk.core.permissions import Actor
from hubdesk.core.refusals import as_sentences, read_refused, write_refused
from hubdesk.core.statements import core_read, core_write
from hubdesk.services.users.sign_in import EarlyCheck, SignInRefused, check_sign_in, meta_value

if TYPE_CHECKING:
    from sqlalchemy import Engine

IDLE_KEY = "sign_out_after_minutes"
DEFAULT_IDLE_MINUTES = 15


class SignInDesk:
    """Needs no one signed in: it is how someone signs in."""

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def sign_in(self, name: str, password: str, early: EarlyCheck | None = None) -> Actor:
        """Check the password; five wrong ones lock the account for fifteen minutes. ``early``: its
        check already started (``early_check``) while the program loaded what comes next."""
        with as_sentences(write_refused), core_write(self._engine, self._clock) as t:
            outcome = check_sign_in(t, name, password, self._clock.now(), early)
        if isinstance(outcome, str):  # a wrong password is counted (committed), then refused
            raise SignInRefused(outcome)
        return outcome

    def idle_minutes(self) -> int:
        """Minutes without use after which the window signs out (0: never)."""
        with as_sentences(read_refused), core_read(self._engine, self._clock) as t:
            value = meta_value(t, IDLE_KEY)
        try:
            return int(json.loads(value)) if value else DEFAULT_IDLE_MINUTES
        except (TypeError, ValueError):
            return DEFAULT_IDLE_MINUTES
