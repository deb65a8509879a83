"""Composition root: settings, engine, session factory and services are built here and only here."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from hubdesk.core.clock import Clock
from hubdesk.core.db import check_readable, describe, make_engine, make_sessionmaker, sqlite_file, to_url
from hubdesk.core.schema import upgrade
from hubdesk.services.admin.audit import AuditService
from hubdesk.services.admin.backup import BackupService
from hubdesk.services.clubs.bookings import BookingService
from hubdesk.services.clubs.clubs import ClubService
from hubdesk.services.clubs.family_weeks import WeekService
from hubdesk.services.clubs.import_bookings import BookingImportService
from hubdesk.services.clubs.sessions import ClubSessionService
from hubdesk.services.clubs.waiting_lists import WaitingListService
from hubdesk.services.learning import Learning
from hubdesk.services.minibus import Minibus
from hubdesk.services.money import Money
from hubdesk.services.people.carers import CarerService
from hubdesk.services.people.children import ChildService
from hubdesk.services.people.import_children import ImportService
from hubdesk.services.people.staff import StaffService
from hubdesk.services.registers import Registers
from hubdesk.services.rota.service import RotaService
from hubdesk.services.sites.calendars import CalendarService
from hubdesk.services.sites.sites import SiteService
from hubdesk.settings import Settings, load_settings


@dataclass
class HubApp:
    """Everything a front end (GUI or command line) needs, built once."""

    settings: Settings
    engine: Engine
    factory: sessionmaker[Session]
    children: ChildService
    carers: CarerService
    sites: SiteService
    calendars: CalendarService
    staff: StaffService
    audit: AuditService
    imports: ImportService
    learning: Learning
    rota: RotaService
    registers: Registers
    clubs: ClubService
    club_sessions: ClubSessionService
    bookings: BookingService
    waiting_lists: WaitingListService
    weeks: WeekService
    booking_imports: BookingImportService
    minibus: Minibus
    money: Money
    backups: BackupService
    clock: Clock

    def close(self) -> None:
        self.engine.dispose()


def open_app(settings: Settings | None = None, *, migrate: bool = True,
             clock: Clock | None = None, create: bool = False) -> HubApp:
    """Open (and if needed upgrade) the database and build the services.

    A missing or empty database file is refused unless ``create`` (``init``, ``demo``, first start).
    ``clock`` is the one clock every service and page reads; tests and benchmarks pass a frozen one.
    """
    settings = settings or load_settings()
    clock = clock or Clock()
    engine = make_engine(settings.database, create=create)
    try:
        check_readable(engine)
        if migrate:
            upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    factory = make_sessionmaker(engine, clock)
    user = settings.user
    return HubApp(
        settings=settings,
        engine=engine,
        factory=factory,
        children=ChildService(factory, user, clock),
        carers=CarerService(factory, user, clock),
        sites=SiteService(factory, user, clock),
        calendars=CalendarService(factory, user, clock),
        staff=StaffService(factory, user, clock),
        audit=AuditService(factory, user, clock),
        imports=ImportService(factory, user, clock),
        learning=Learning(factory, user, clock),
        rota=RotaService(factory, user, clock),
        registers=Registers(factory, user, clock),
        clubs=ClubService(factory, user, clock),
        club_sessions=ClubSessionService(factory, user, clock),
        bookings=BookingService(factory, user, clock),
        waiting_lists=WaitingListService(factory, user, clock),
        weeks=WeekService(factory, user, clock),
        booking_imports=BookingImportService(factory, user, clock),
        minibus=Minibus(factory, user, clock),
        money=Money(factory, user, clock),
        backups=open_backups(settings, clock),
        clock=clock,
    )


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
