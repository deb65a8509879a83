"""A child's SEN level, FSM now and Ever 6, (previously) looked-after, service child and EAL are
kept as the form says, shown as codes in the list, and a level hubdesk has not is refused."""

from __future__ import annotations

import pytest

from hubdesk.app import HubApp
from hubdesk.core.errors import ValidationError
from tests.conftest import child_form


def test_levels_and_flags_round_trip_and_show_as_codes(hub: HubApp,
                                                       two_schools: dict[str, int]) -> None:
    child_id = hub.children.save(child_form(
        two_schools["oak"], sen_level="ehcp", fsm_ever6=True, previously_looked_after=True,
        service_child=True, eal="believed_other", first_language="Polish"))
    form = hub.children.get(child_id)
    assert (form.sen_level, form.fsm, form.fsm_ever6, form.previously_looked_after,
            form.service_child, form.eal, form.first_language) == (
        "ehcp", False, True, True, True, "believed_other", "Polish")
    (row,) = hub.children.search()
    assert row.codes == "E6 EHCP EAL PLAC SC"
    assert row.flags == ("Ever 6 FSM, EHC plan, English as an additional language, previously "
                         "looked-after child, service child")


@pytest.mark.parametrize(("change", "field"), [({"sen_level": "yes"}, "sen_level"),
                                               ({"eal": "Polish"}, "eal")])
def test_a_level_hubdesk_has_not_is_refused_with_the_choices(
        hub: HubApp, two_schools: dict[str, int], change: dict[str, str], field: str) -> None:
    with pytest.raises(ValidationError) as err:
        hub.children.save(child_form(two_schools["oak"], **change))
    assert err.value.field == field and "Choose" in err.value.message
