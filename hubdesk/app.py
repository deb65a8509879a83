"""Composition root: settings, engine, session factory and services are built here and only here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from hubdesk.core.clock import Clock
from hubdesk.core.db import (
    check_readable,
    describe,
    hold_writes,
    make_engine,
    make_sessionmaker,
    sqlite_file,
    to_url,
    writes_held,
)
from hubdesk.core.file_gate import replacing_file
from hubdesk.core.permissions import Actor
from hubdesk.core.schema import upgrade
from hubdesk.services.admin import BackupService, Restored
from hubdesk.settings import Settings, load_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from hubdesk.services.admin import AuditService, RetentionService, SubjectAccessService
    from hubdesk.services.clubs import (
        BookingImportService,
        BookingService,
        ClubService,
        ClubSessionService,
        WaitingListService,
        WeekService,
    )
    from hubdesk.services.learning import Learning
    from hubdesk.services.minibus import Minibus
    from hubdesk.services.money import Money
    from hubdesk.services.overview import Overviews
    from hubdesk.services.people import CarerService, ChildService, ImportService, StaffService
    from hubdesk.services.referrals import ReferralService
    from hubdesk.services.registers import Registers
    from hubdesk.services.rota import RotaService
    from hubdesk.services.sites import CalendarService, SiteService
    from hubdesk.services.users import EarlyCheck, SignInDesk, UserService


@dataclass
class HubApp:
    """Everything a front end (GUI or command line) needs, built once.

    Each service is built (and its module imported) the first time it is used: a command or the
    window's first page loads only the services it calls, which keeps start-up short.
    """

    settings: Settings
    engine: Engine
    backups: BackupService
    clock: Clock
    signed_in: Actor | None = None
    _users_exist: bool | None = None

    def close(self) -> None:
        self.engine.dispose()

    # --- damage found after opening (the window checks the file once it shows) ----------------
    def hold_writes(self, reason: str | None) -> None:
        """Refuse every change with ``reason`` until a backup is restored (None lifts it)."""
        hold_writes(self.engine, reason)

    @property
    def writes_held(self) -> str | None:
        return writes_held(self.engine)

    def restore(self, backup: Path) -> Restored:
        """Replace the file with a checked backup while this program's connections stand aside: a
        page reading in a worker finishes first, and one that starts meanwhile waits, then reads the
        restored file (``core/file_gate.py``)."""
        with replacing_file(self.engine):
            return self.backups.restore(backup, opened_here=True)

    # --- who is signed in -------------------------------------------------------------------
    @property
    def actor(self) -> Actor:
        """Who the services act for: the signed-in user, or (on a database without users yet,
        and in tests) an unrestricted actor named by the settings."""
        if self.signed_in is not None:
            return self.signed_in
        return Actor.nobody() if self.has_users() else Actor.unrestricted(self.settings.user)

    def has_users(self) -> bool:
        """Whether anyone must sign in: one Core query, so the sign-in dialog (or the window) shows
        before the ORM loads."""
        if self._users_exist is None:
            from hubdesk.services.users import has_users

            with self.engine.connect() as conn:
                self._users_exist = has_users(conn)
        return self._users_exist

    def sign_in_with_password(self, name: str, password: str,
                              meanwhile: Callable[[], object] | None = None,
                              early: EarlyCheck | None = None) -> None:
        """Sign in with a name and password given at once (a script, a command). argon2 checks the
        password on a worker thread while ``meanwhile`` runs (``early``: a check begun before the
        database was opened); a wrong one is counted and refused (SignInRefused) like any other.
        Core statements only (``SignInDesk``): a window started so shows before the ORM loads."""
        from hubdesk.services.users import early_check

        early = early or early_check(self.engine, name, password)
        if meanwhile is not None:
            meanwhile()
        self.sign_in(self.desk.sign_in(name, password, early))

    def sign_in(self, actor: Actor | None) -> None:
        """Act for ``actor`` from now on (None: signed out); services are rebuilt for them."""
        self.signed_in = actor
        self._users_exist = None
        for name in list(vars(self)):
            if name in _SERVICES:
                del self.__dict__[name]

    def needs_sign_in(self) -> bool:
        """True once the database has users and no one is signed in."""
        return self.signed_in is None and self.actor.role == ""

    def load_models(self, only: Callable[[], object] | None = None) -> None:
        """Load the ORM's models and configure their mappers ahead of their first use (about a fifth
        of a second for all of them: the sign-in dialog does it while the person types, a command
        while the password is checked). ``only``: imports what a command reads with (a printout's
        report and services), whose models are all it loads; else every model."""
        from sqlalchemy.orm import configure_mappers

        from hubdesk.core.models import load_all

        (only or load_all)()
        configure_mappers()

    @cached_property
    def desk(self) -> SignInDesk:
        """Signing in and the idle time, on Core connections (no ORM)."""
        from hubdesk.services.users import SignInDesk

        return SignInDesk(self.engine, self.clock)

    @cached_property
    def users(self) -> UserService:
        from hubdesk.services.users import UserService

        return UserService(self.factory, self.actor, self.clock)

    @cached_property
    def factory(self) -> sessionmaker[Session]:
        """The one session factory, made with the first service: the ORM is not needed to open the
        database and show the window."""
        return make_sessionmaker(self.engine, self.clock)

    @cached_property
    def children(self) -> ChildService:
        from hubdesk.services.people import ChildService

        return ChildService(self.factory, self.actor, self.clock)

    @cached_property
    def carers(self) -> CarerService:
        from hubdesk.services.people import CarerService

        return CarerService(self.factory, self.actor, self.clock)

    @cached_property
    def sites(self) -> SiteService:
        from hubdesk.services.sites import SiteService

        return SiteService(self.factory, self.actor, self.clock)

    @cached_property
    def calendars(self) -> CalendarService:
        from hubdesk.services.sites import CalendarService

        return CalendarService(self.factory, self.actor, self.clock)

    @cached_property
    def staff(self) -> StaffService:
        from hubdesk.services.people import StaffService

        return StaffService(self.factory, self.actor, self.clock)

    @cached_property
    def audit(self) -> AuditService:
        from hubdesk.services.admin import AuditService

        return AuditService(self.factory, self.actor, self.clock)

    @cached_property
    def imports(self) -> ImportService:
        from hubdesk.services.people import ImportService

        return ImportService(self.factory, self.actor, self.clock)

    @cached_property
    def learning(self) -> Learning:
        from hubdesk.services.learning import Learning

        return Learning(self.factory, self.actor, self.clock)

    @cached_property
    def rota(self) -> RotaService:
        from hubdesk.services.rota import RotaService

        return RotaService(self.factory, self.actor, self.clock)

    @cached_property
    def registers(self) -> Registers:
        from hubdesk.services.registers import Registers

        return Registers(self.factory, self.actor, self.clock)

    @cached_property
    def clubs(self) -> ClubService:
        from hubdesk.services.clubs import ClubService

        return ClubService(self.factory, self.actor, self.clock)

    @cached_property
    def club_sessions(self) -> ClubSessionService:
        from hubdesk.services.clubs import ClubSessionService

        return ClubSessionService(self.factory, self.actor, self.clock)

    @cached_property
    def bookings(self) -> BookingService:
        from hubdesk.services.clubs import BookingService

        return BookingService(self.factory, self.actor, self.clock)

    @cached_property
    def waiting_lists(self) -> WaitingListService:
        from hubdesk.services.clubs import WaitingListService

        return WaitingListService(self.factory, self.actor, self.clock)

    @cached_property
    def weeks(self) -> WeekService:
        from hubdesk.services.clubs import WeekService

        return WeekService(self.factory, self.actor, self.clock)

    @cached_property
    def booking_imports(self) -> BookingImportService:
        from hubdesk.services.clubs import BookingImportService

        return BookingImportService(self.factory, self.actor, self.clock)

    @cached_property
    def minibus(self) -> Minibus:
        from hubdesk.services.minibus import Minibus

        return Minibus(self.factory, self.actor, self.clock)

    @cached_property
    def money(self) -> Money:
        from hubdesk.services.money import Money

        return Money(self.factory, self.actor, self.clock)

    # --- referrals, subject access and retention ---
    @cached_property
    def referrals(self) -> ReferralService:
        from hubdesk.services.referrals import ReferralService

        return ReferralService(self.factory, self.actor, self.clock)

    @cached_property
    def subject_access(self) -> SubjectAccessService:
        from hubdesk.services.admin import SubjectAccessService

        return SubjectAccessService(self.factory, self.actor, self.clock)

    @cached_property
    def retention(self) -> RetentionService:
        from hubdesk.services.admin import RetentionService

        return RetentionService(self.factory, self.actor, self.clock, self.backups)

    # The Overview (issue 19): figures for heads and governors, and the core offer.
    @cached_property
    def overview(self) -> Overviews:
        from hubdesk.services.overview import Overviews

        return Overviews(self.factory, self.actor, self.clock)


_SERVICES = frozenset(name for name, value in vars(HubApp).items()
                      if isinstance(value, cached_property))


def open_app(settings: Settings | None = None, *, migrate: bool = True,
             clock: Clock | None = None, create: bool = False, full_check: bool = True) -> HubApp:
    """Open (and if needed upgrade) the database and build the services.

    A missing or empty database file is refused unless ``create`` (``init``, ``demo``, first start).
    ``clock`` is the one clock every service and page reads; tests and benchmarks pass a frozen one.
    ``full_check=False``: the window checks every page of the file after it shows (see core/dbfile).
    """
    settings = settings or load_settings()
    clock = clock or Clock()
    engine = make_engine(settings.database, create=create, full_check=full_check)
    try:
        check_readable(engine)
        if migrate:
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return HubApp(settings=settings, engine=engine, backups=open_backups(settings, clock), clock=clock)


def open_backups(settings: Settings, clock: Clock | None = None) -> BackupService:
    """The backup service alone: start-up recovery and ``hubdesk backup`` need it without the app."""
    file = sqlite_file(to_url(settings.database))
    return BackupService(file, settings.backup_dir, clock or Clock())


def database_file(settings: Settings) -> str | None:
    """The SQLite file the settings name, or None for a server database (which has no file here)."""
    file = sqlite_file(to_url(settings.database))
    return str(file) if file else None


def database_label(settings: Settings) -> str:
    """The database as a person may see it (a server URL's password hidden), for titles and messages."""
    return describe(settings.database)
