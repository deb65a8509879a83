"""Sites of the cluster, their rooms, and the travel time between every pair."""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hubdesk.core.errors import NotFound, ValidationError
from hubdesk.core.models import Room, Site, TravelTime
from hubdesk.core.rules.travel import DEFAULT_TRAVEL_MINUTES
from hubdesk.core.vocabulary import OFSTED_STATUSES, SITE_KINDS
from hubdesk.services.base import Service
from hubdesk.services.sites.travel import travel_default

# Local roads average about 20 mph once junctions are counted; add loading minutes.
DEFAULT_SPEED_KMH = 32.0
LOADING_MINUTES = 5


@dataclass(frozen=True)
class SiteForm:
    name: str
    id: int | None = None
    short_name: str = ""
    kind: str = "school"
    dfe_number: str = ""
    address: str = ""
    postcode: str = ""
    phone: str = ""
    latitude: float | None = None
    longitude: float | None = None
    ofsted_status: str = "unknown"
    ofsted_urn: str = ""
    is_hub: bool = False
    active: bool = True
    rooms: tuple[str, ...] = ()


_FIELDS = ("name", "short_name", "kind", "dfe_number", "address", "postcode", "phone", "latitude",
           "longitude", "ofsted_status", "ofsted_urn", "is_hub", "active")
# Column widths: PostgreSQL refuses longer text, so say so before the database does.
_MAX_LENGTHS = {"name": 120, "short_name": 20, "address": 300, "postcode": 10, "phone": 30,
                "ofsted_urn": 10}
_LABELS = {"name": "name", "short_name": "short name", "address": "address", "postcode": "postcode",
           "phone": "phone number", "ofsted_urn": "Ofsted URN"}


def default_minutes(a: SiteForm, b: SiteForm, unknown: int = DEFAULT_TRAVEL_MINUTES) -> int:
    """Travel minutes from straight-line distance (x1.3 for roads), 20 mph, plus loading;
    ``unknown`` (the office's default) when either site has no position."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return unknown
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    km = 2 * 6371 * math.asin(math.sqrt(h)) * 1.3
    return max(1, round(km / DEFAULT_SPEED_KMH * 60) + LOADING_MINUTES)


def validate_site(form: SiteForm) -> None:
    if not form.name.strip():
        raise ValidationError("Enter the site's name.", "name")
    if form.kind not in SITE_KINDS:
        raise ValidationError("A site is a school or a centre.", "kind")
    if form.ofsted_status not in OFSTED_STATUSES:
        raise ValidationError("Choose an Ofsted registration status.", "ofsted_status")
    dfe = form.dfe_number.strip()
    if dfe and not (len(dfe) == 7 and dfe.isdigit()) and not (
            len(dfe) == 8 and dfe[3] == "/" and (dfe[:3] + dfe[4:]).isdigit()):
        raise ValidationError("A DfE number is 7 digits, e.g. 8882001 or 888/2001.", "dfe_number")
    for field, limit in _MAX_LENGTHS.items():
        if len(str(getattr(form, field)).strip()) > limit:
            raise ValidationError(f"The {_LABELS[field]} can be at most {limit} characters.", field)
    if (form.latitude is None) != (form.longitude is None):
        raise ValidationError("Enter both latitude and longitude, or neither.", "latitude")
    if form.latitude is not None and not -90 <= form.latitude <= 90:
        raise ValidationError("Latitude is between -90 and 90 (Brighton is about 50.8).", "latitude")
    if form.longitude is not None and not -180 <= form.longitude <= 180:
        raise ValidationError("Longitude is between -180 and 180 (Brighton is about -0.14).",
                              "longitude")
    seen: set[str] = set()
    for room in form.rooms:
        name = room.strip()
        if len(name) > 80:
            raise ValidationError("A room name can be at most 80 characters.", "rooms")
        if name and name.casefold() in seen:
            raise ValidationError(f"The room {name!r} is listed twice.", "rooms")
        seen.add(name.casefold())


def normalise_dfe(value: str) -> str:
    return value.strip().replace("/", "")


def _check_unique(s: Session, form: SiteForm) -> None:
    """Name and DfE number belong to one site; say which field clashes before the database does."""
    others = select(Site).where(Site.id != form.id) if form.id is not None else select(Site)
    name = form.name.strip()
    if s.scalars(others.where(func.lower(Site.name) == name.lower())).first() is not None:
        raise ValidationError(f"Another site is already called {name}.", "name")
    dfe = normalise_dfe(form.dfe_number)
    if dfe:
        clash = s.scalars(others.where(Site.dfe_number == dfe)).first()
        if clash is not None:
            raise ValidationError(f"{clash.name} already has the DfE number {dfe}.", "dfe_number")


class SiteService(Service):
    def list(self, include_inactive: bool = False) -> list[SiteForm]:
        stmt = select(Site).options(selectinload(Site.rooms)).order_by(Site.name)
        if not include_inactive:
            stmt = stmt.where(Site.active.is_(True))
        with self._read() as s:
            return [_form(site) for site in s.scalars(stmt)]

    def get(self, site_id: int) -> SiteForm:
        with self._read() as s:
            site = s.get(Site, site_id)
            if site is None:
                raise NotFound(f"Site {site_id} no longer exists.")
            return _form(site)

    def save(self, form: SiteForm) -> int:
        """Create or update a site with its rooms; a new site gets default travel times."""
        validate_site(form)
        with self._write() as s:
            _check_unique(s, form)
            if form.id is None:
                site = Site()
                s.add(site)
            else:
                found = s.get(Site, form.id)
                if found is None:
                    raise NotFound(f"Site {form.id} no longer exists.")
                site = found
            for name in _FIELDS:
                value = getattr(form, name)
                setattr(site, name, value.strip() if isinstance(value, str) else value)
            site.dfe_number = normalise_dfe(form.dfe_number) or None
            wanted = [r.strip() for r in form.rooms if r.strip()]
            existing = {room.name: room for room in site.rooms}
            for name in wanted:
                if name not in existing:
                    s.add(Room(site=site, name=name))
            for name, room in existing.items():
                if name not in wanted:
                    s.delete(room)
            s.flush()
            if form.id is None:
                others = s.scalars(select(Site).where(Site.id != site.id)).all()
                me, unknown = _form(site), travel_default(s)
                for other in others:
                    minutes = default_minutes(me, _form(other), unknown)
                    s.add(TravelTime(from_site_id=site.id, to_site_id=other.id, minutes=minutes))
                    s.add(TravelTime(from_site_id=other.id, to_site_id=site.id, minutes=minutes))
            return site.id

    def travel_times(self) -> dict[tuple[int, int], int]:
        """Minutes for every ordered pair of sites that has a row."""
        with self._read() as s:
            return {(t.from_site_id, t.to_site_id): t.minutes for t in s.scalars(select(TravelTime))}

    def set_travel_time(self, from_site_id: int, to_site_id: int, minutes: int,
                        both_ways: bool = True) -> None:
        if from_site_id == to_site_id:
            raise ValidationError("Choose two different sites.")
        if not 1 <= minutes <= 600:
            raise ValidationError("Travel time must be between 1 and 600 minutes.", "minutes")
        pairs = [(from_site_id, to_site_id)] + ([(to_site_id, from_site_id)] if both_ways else [])
        with self._write() as s:
            for site_id in (from_site_id, to_site_id):
                if s.get(Site, site_id) is None:
                    raise NotFound(f"Site {site_id} no longer exists; reload the travel times.")
            for a, b in pairs:
                row = s.get(TravelTime, (a, b))
                if row is None:
                    s.add(TravelTime(from_site_id=a, to_site_id=b, minutes=minutes))
                else:
                    row.minutes = minutes


def _form(site: Site) -> SiteForm:
    values = {name: getattr(site, name) for name in _FIELDS}
    values["dfe_number"] = site.dfe_number or ""
    return SiteForm(id=site.id, rooms=tuple(r.name for r in site.rooms), **values)
