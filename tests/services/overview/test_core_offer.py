"""The core offer: strands suggested from clubs and courses, saved by hand per term, with history."""

from __future__ import annotations

from datetime import time

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from hubdesk.services.overview import STRANDS, OfferForm
from tests.services.overview.test_figures import END, START, day, rows, sessions_in_term


def test_suggestions_follow_the_clubs_and_courses(demo_hub: HubApp) -> None:
    sessions = sessions_in_term(demo_hub)
    club_of = dict(rows(demo_hub, "SELECT id, club_id FROM club_sessions"))
    running = {club_of[sid] for sid in sessions}
    clubs = rows(demo_hub, "SELECT id, site_id, kind, weekdays, start_time, end_time FROM clubs")
    courses = [site for site, start, end in
               rows(demo_hub, "SELECT site_id, start_date, end_date FROM courses")
               if day(start) <= END and day(end) >= START]
    found = demo_hub.overview.core_offer.offer("2026-autumn")
    schools = {sid for sid, in rows(demo_hub, "SELECT id FROM sites WHERE kind = 'school'")}
    assert {r.site_id for r in found} == schools
    assert len(found) == len(schools) * len(STRANDS)
    for row in found:
        mine = [c for c in clubs if c[1] == row.site_id and c[0] in running]
        if row.strand == "activities":
            days = {d for c in mine if c[2] in ("activity", "after_school") for d in c[3]}
            want = "none" if not days else "full" if days >= set("01234") else "some"
            assert row.suggested == want, row
        if row.strand == "childcare":
            early = {d for c in mine if c[2] in ("breakfast", "free_breakfast")
                     and time.fromisoformat(str(c[4])) <= time(8) for d in c[3]}
            late = {d for c in mine if c[2] == "after_school"
                    and time.fromisoformat(str(c[5])) >= time(18) for d in c[3]}
            want = "full" if early & late >= set("01234") else "some" if early | late else "none"
            assert row.suggested == want, row
        if row.strand == "parenting":
            assert (row.suggested == "none") == (row.site_id not in courses)
        if row.strand in ("swift_access", "community"):
            assert row.suggested == "not_known" and "by hand" in row.suggested_evidence
        assert not row.saved and row.status == row.suggested


def test_saved_status_wins_and_builds_a_history(demo_hub: HubApp) -> None:
    offer = demo_hub.overview.core_offer
    site = offer.offer("2026-autumn")[0].site_id
    offer.save(OfferForm(site, "2026-autumn", "swift_access", "some",
                         "Termly multi-agency meeting; school nurse drop-in on Tuesdays."))
    offer.save(OfferForm(site, "2027-spring", "swift_access", "full", "Weekly drop-in & referrals."))
    offer.save(OfferForm(site, "2026-autumn", "swift_access", "some", "Changed <evidence>."))
    row = next(r for r in offer.offer("2026-autumn", site) if r.strand == "swift_access")
    assert (row.status, row.evidence, row.saved) == ("some", "Changed <evidence>.", True)
    assert row.updated.endswith("by tester")
    history = offer.history(site)
    assert [(h.term, h.status) for h in history] == [("2027-spring", "full"), ("2026-autumn", "some")]


@pytest.mark.parametrize(("form", "words"), [
    (OfferForm(1, "2026-autumn", "bake_sale", "some"), "five strands"),
    (OfferForm(1, "2026-autumn", "community", "great"), "None, Some, Full"),
    (OfferForm(1, "autumn", "community", "some"), "2026-autumn"),
    (OfferForm(1, "2026-autumn", "community", "full", "  "), "evidence"),
    (OfferForm(999, "2026-autumn", "community", "some"), "no longer there"),
])
def test_bad_offer_forms_say_why(demo_hub: HubApp, form: OfferForm, words: str) -> None:
    with pytest.raises(ValidationError if "no longer" not in words else Exception, match=words):
        demo_hub.overview.core_offer.save(form)
