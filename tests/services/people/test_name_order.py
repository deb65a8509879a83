"""Names sort as people read them: 'Łucja' with L, not after Z, in the children's list, the staff
list and an upgraded database (migration 0011 fills the key for children already on the roll)."""

from __future__ import annotations

from sqlalchemy import text

from hubdesk.app import HubApp
from hubdesk.core.vocabulary import name_sort_key
from tests.services.clubs.club_setup import child
from tests.services.rota.rota_setup import checked


def test_children_sort_with_accents_folded(hub: HubApp, two_schools: dict[str, int]) -> None:
    oak = two_schools["oak"]
    for forename in ("Zofia", "Łucja", "Lena"):
        child(hub, oak, forename=forename, surname="Nowak")
    child(hub, oak, forename="Ola", surname="Łukasik")
    child(hub, oak, forename="Tom", surname="Zee")
    names = [r.name for r in hub.children.search()]
    assert names[-5:] == ["Łukasik, Ola", "Nowak, Lena", "Nowak, Łucja", "Nowak, Zofia", "Zee, Tom"]
    assert [r.name for r in hub.children.search("Nowak, Łu")] == ["Nowak, Łucja"]


def test_staff_sort_with_accents_folded(hub: HubApp) -> None:
    for forename, surname in (("Zofia", "Ąbel"), ("Łucja", "Abel"), ("Lena", "Abel")):
        hub.staff.save(checked(forename, surname))
    names = [r.name for r in hub.staff.list()][:3]
    assert names == ["Abel, Lena", "Abel, Łucja", "Ąbel, Zofia"]


def test_the_key_follows_the_names_a_list_shows(hub: HubApp, two_schools: dict[str, int]) -> None:
    kid = child(hub, two_schools["oak"], forename="Łucja", surname="Wiśniewska", preferred_forename="Lucy")
    with hub.engine.connect() as conn:
        key = conn.execute(text("SELECT sort_key FROM children WHERE id = :i"), {"i": kid}).scalar()
    assert key == name_sort_key("Wiśniewska", "Lucy") == "wisniewska lucy"
