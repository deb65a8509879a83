"""Demo sites of one fictional Lancashire town, the travel times between them, and school calendars.

Every school keeps the same term dates (set by the local authority) but picks its own five INSET days,
as academies and voluntary-aided schools do.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from hubdesk.core.calendar import bank_holiday
from hubdesk.core.models import CalendarEntry, Room, Site, TravelTime
from hubdesk.demo.context import DemoContext
from hubdesk.services.minibus import store_office_phone
from hubdesk.services.sites import SiteForm, default_minutes

# name, short name, DfE number, Ofsted status, hub?, latitude, longitude, street
SCHOOLS = [
    ("Ashworth Hub Primary School", "Ashworth", "8882101", "registered", True, 53.7521, -2.3620,
     "Union Road"),
    ("St Anne's CE Primary School", "St Anne's", "8883302", "exempt", False, 53.7588, -2.3741,
     "Church Walk"),
    ("Moorfield Community Primary", "Moorfield", "8882204", "exempt", False, 53.7442, -2.3488,
     "Moorfield Avenue"),
    ("Our Lady of Lourdes RC Primary", "Our Lady", "8883610", "exempt", False, 53.7615, -2.3427,
     "Whalley Road"),
    ("Brook Lane Primary Academy", "Brook Lane", "8882007", "exempt", False, 53.7398, -2.3802,
     "Brook Lane"),
    ("Hollins Park Primary", "Hollins Park", "8882315", "not_registered", False, 53.7702, -2.3590,
     "Hollins Lane"),
    ("Whitecroft Primary School", "Whitecroft", "8882419", "exempt", False, 53.7351, -2.3331,
     "Peel Terrace"),
]
CENTRE = ("Millbrook Family Centre", "Millbrook", 53.7489, -2.3555, "Mill Street")
SCHOOL_ROOMS = ["Hall", "Dining room", "Library", "Year 6 classroom", "ICT suite", "Field"]
CENTRE_ROOMS = ["Training room", "Crèche room", "Kitchen"]


def build(s: Session, ctx: DemoContext) -> None:
    forms: dict[int, SiteForm] = {}
    for name, short, dfe, ofsted, hub, lat, lon, street in SCHOOLS:
        site = Site(name=name, short_name=short, kind="school", dfe_number=dfe,
                    address=f"{ctx.rng.randint(1, 120)} {street}, Ashworth", postcode=_postcode(ctx),
                    phone=f"01706 {ctx.rng.randint(200000, 899999)}", latitude=lat, longitude=lon,
                    ofsted_status=ofsted, ofsted_urn=str(ctx.rng.randint(100000, 149999)), is_hub=hub)
        s.add(site)
        s.flush()
        ctx.school_ids.append(site.id)
        if hub:
            ctx.hub_site_id = site.id
        forms[site.id] = SiteForm(name=name, latitude=lat, longitude=lon)
        s.execute(insert(Room), [{"site_id": site.id, "name": room, "capacity": 30 + 10 * i}
                                 for i, room in enumerate(SCHOOL_ROOMS)])
    name, short, lat, lon, street = CENTRE
    centre = Site(name=name, short_name=short, kind="centre", address=f"4 {street}, Ashworth",
                  postcode=_postcode(ctx), phone="01706 230145", latitude=lat, longitude=lon,
                  ofsted_status="registered", ofsted_urn="EY501234")
    s.add(centre)
    s.flush()
    store_office_phone(s, centre.phone)  # the co-ordinator's office is at the family centre
    ctx.centre_ids.append(centre.id)
    forms[centre.id] = SiteForm(name=name, latitude=lat, longitude=lon)
    s.execute(insert(Room), [{"site_id": centre.id, "name": room, "capacity": 20}
                             for room in CENTRE_ROOMS])
    s.execute(insert(TravelTime), [
        {"from_site_id": a, "to_site_id": b, "minutes": default_minutes(forms[a], forms[b])}
        for a in forms for b in forms if a != b])
    _calendars(s, ctx)


def _postcode(ctx: DemoContext) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"OL13 {ctx.rng.randint(0, 9)}{ctx.rng.choice(letters)}{ctx.rng.choice(letters)}"


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _good_friday(year: int) -> date:
    for offset in range(60, 120):
        day = date(year, 1, 1) + timedelta(days=offset)
        if (bank_holiday(day) or "").startswith("Good Friday"):
            return day
    raise ValueError(f"no Good Friday found in {year}")


def school_terms(first_year: int) -> list[tuple[str, date, date, str]]:
    """The local authority's term and half-term dates for the school year starting in ``first_year``."""
    y1, y2 = first_year, first_year + 1
    autumn_start = _weekday_on_or_after(date(y1, 9, 2), 2)  # first Wednesday from 2 September
    oct_break = _monday(date(y1, 10, 27))
    autumn_end = _monday(date(y1, 12, 19)) + timedelta(days=4)
    spring_start = _weekday_on_or_after(date(y2, 1, 5), 0) if date(y2, 1, 5).weekday() > 2 \
        else date(y2, 1, 5)
    feb_break = _weekday_on_or_after(date(y2, 2, 15), 0)
    good_friday = _good_friday(y2)
    spring_end = good_friday - timedelta(days=1)
    summer_start = good_friday + timedelta(days=17)  # the Monday two weeks after Easter Monday
    may_break = _monday(date(y2, 5, 31))  # the week of the spring bank holiday
    summer_end = _weekday_on_or_after(date(y2, 7, 20), 2) + timedelta(days=1)
    return [
        ("term", autumn_start, autumn_end, "Autumn term"),
        ("half_term", oct_break, oct_break + timedelta(days=4), "October half-term"),
        ("term", spring_start, spring_end, "Spring term"),
        ("half_term", feb_break, feb_break + timedelta(days=4), "February half-term"),
        ("term", summer_start, summer_end, "Summer term"),
        ("half_term", may_break, may_break + timedelta(days=4), "May half-term"),
    ]


def _calendars(s: Session, ctx: DemoContext) -> None:
    terms = school_terms(ctx.year_start.year)
    rows: list[dict[str, object]] = []
    for site_id in ctx.site_ids:
        rows += [{"site_id": site_id, "kind": k, "start_date": a, "end_date": b, "label": label}
                 for k, a, b, label in terms]
        if site_id in ctx.centre_ids:
            continue
        for day in _inset_days(ctx, terms):
            rows.append({"site_id": site_id, "kind": "inset", "start_date": day, "end_date": day,
                         "label": "INSET day"})
    # One school is a polling station in May.
    polling = _weekday_on_or_after(date(ctx.year_start.year + 1, 5, 1), 3)
    rows.append({"site_id": ctx.school_ids[2], "kind": "closure", "start_date": polling,
                 "end_date": polling, "label": "Polling station"})
    s.execute(insert(CalendarEntry), rows)


def _inset_days(ctx: DemoContext, terms: list[tuple[str, date, date, str]]) -> list[date]:
    """Five INSET days: one or two at the start of the autumn term, the rest after breaks."""
    autumn, spring, summer = (t for t in terms if t[0] == "term")
    half_terms = [t for t in terms if t[0] == "half_term"]
    days = [autumn[1]]
    if ctx.rng.random() < 0.6:
        days.append(autumn[1] + timedelta(days=1))
    candidates = [spring[1], summer[1], autumn[2], spring[2], summer[2]]
    candidates += [b + timedelta(days=3) for _, _, b, _ in half_terms]  # the Monday after each break
    candidates = [d for d in candidates if d.weekday() < 5 and d not in days]
    days += ctx.rng.sample(candidates, 5 - len(days))
    return sorted(days)
