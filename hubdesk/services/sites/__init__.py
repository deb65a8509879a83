"""The sites domain's public face: what other layers and domains may import."""

from hubdesk.services.sites.calendars import (
    KIND_LABELS,
    CalendarService,
    DateGuide,
    EntryForm,
    load_calendar,
    load_calendars,
)
from hubdesk.services.sites.sites import SiteForm, SiteService, default_minutes
from hubdesk.services.sites.travel import load_travel, save_travel_default, travel_default

__all__ = [
    "KIND_LABELS",
    "CalendarService",
    "DateGuide",
    "EntryForm",
    "SiteForm",
    "SiteService",
    "default_minutes",
    "load_calendar",
    "load_calendars",
    "load_travel",
    "save_travel_default",
    "travel_default",
]
