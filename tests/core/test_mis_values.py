"""Each value form the English MIS exports write, read as what hubdesk stores; anything else is
refused with the column's accepted forms."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubdesk.core.dates import parse_day
from hubdesk.core.mis_import import parse_year, split_name
from hubdesk.core.mis_values import read_flag, read_value


@pytest.mark.parametrize(("text", "level"), [
    ("N", "none"), ("N - No SEN", "none"), ("No Special Educational Need", "none"),
    ("Monitoring", "none"), ("", "none"), ("K", "support"), ("K - SEN Support", "support"),
    ("k-sen support", "support"), ("SEN Support", "support"), ("E", "ehcp"), ("EHCP", "ehcp"),
    ("E - Education, Health and Care Plan", "ehcp"), ("EHC Plan", "ehcp"), ("E: EHC Plan", "ehcp"),
    ("S", "ehcp"), ("S - Statement", "ehcp"), ("Statement", "ehcp"), ("N (No SEN)", "none"),
])
def test_sen_status_census_codes_with_or_without_descriptions(text: str, level: str) -> None:
    assert read_value("sen_level", text) == (level, "")


@pytest.mark.parametrize("text", ["Q", "1", "Q - Something", "Yes please", "K2"])
def test_an_unknown_sen_status_names_the_accepted_codes(text: str) -> None:
    with pytest.raises(ValueError, match=r"not understood as a SEN status; accepted: N \(no SEN"):
        read_value("sen_level", text)


@pytest.mark.parametrize(("text", "status", "language"), [
    ("English", "english", ""), ("Believed to be English", "believed_english", ""),
    ("Other than English", "other", ""),
    ("Believed to be other than English", "believed_other", ""),
    ("Unclassified", "unclassified", ""), ("ENG", "english", ""), ("OTB", "believed_other", ""),
    ("REF", "unclassified", ""), ("", "not_recorded", ""), ("Y", "other", ""), ("N", "english", ""),
    ("Polish", "other", "Polish"), ("Panjabi (Gurmukhi)", "other", "Panjabi (Gurmukhi)"),
    ("English (British)", "english", "English (British)"),
])
def test_eal_forms_and_first_language_names(text: str, status: str, language: str) -> None:
    assert read_value("eal", text) == (status, language)


@pytest.mark.parametrize("field", ["fsm", "fsm_ever6", "pupil_premium", "looked_after",
                                   "previously_looked_after", "service_child"])
@pytest.mark.parametrize(("text", "value"), [
    ("Y", True), ("Yes", True), ("TRUE", True), ("1", True), ("Eligible", True), ("x", True),
    ("N", False), ("no", False), ("False", False), ("0", False), ("Not eligible", False), ("", False),
])
def test_yes_no_forms_for_every_flag(field: str, text: str, value: bool) -> None:
    assert read_value(field, text) == (value, "")


@pytest.mark.parametrize(("text", "gender"), [("M", "male"), ("Male", "male"), ("F", "female"),
                                              ("female", "female"), ("U", "other or not known"),
                                              ("Unknown", "other or not known")])
def test_gender_forms(text: str, gender: str) -> None:
    assert read_value("gender", text) == (gender, "")


@pytest.mark.parametrize(("text", "year"), [
    ("Year 3", 3), ("Y3", 3), ("3", 3), ("Yr 3", 3), ("NC Year 3", 3), ("03", 3), ("R", 0),
    ("Reception", 0), ("Yr R", 0), ("Year R", 0), ("N1", -1), ("N2", -1), ("Nursery", -1), ("Y6", 6),
])
def test_year_group_forms(text: str, year: int) -> None:
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["Y7", "Year 10", "-1", "²", "Y 3 B"])
def test_a_year_outside_primary_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match="accepted: N1, N2, Nursery, R, Reception"):
        parse_year(text)


@pytest.mark.parametrize(("text", "day"), [
    ("05/03/2019", date(2019, 3, 5)), ("2019-03-05", date(2019, 3, 5)),
    ("05-Mar-2019", date(2019, 3, 5)), ("5 Mar 2019", date(2019, 3, 5)),
    ("5 March 2019", date(2019, 3, 5)), ("05-MAR-2019", date(2019, 3, 5)),
    ("1st Sept 2020", date(2020, 9, 1)),
])
def test_dates_as_exports_write_them(text: str, day: date) -> None:
    assert parse_day(text) == day


def test_excel_serial_numbers_only_where_allowed() -> None:
    assert parse_day("43529", serials=True) == date(2019, 3, 5)
    assert parse_day("43529.0", serials=True) == date(2019, 3, 5)
    with pytest.raises(ValueError, match="not a date"):
        parse_day("43529")
    with pytest.raises(ValueError, match="four-digit year"):
        parse_day("05-Mar-19")
    with pytest.raises(ValueError, match="does not name a month"):
        parse_day("05-Mrc-2019")


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2099, 12, 31)))
def test_every_serial_and_named_date_round_trips(day: date) -> None:
    serial = (day - date(1899, 12, 30)).days
    assert parse_day(str(serial), serials=True) == day
    assert parse_day(f"{day.day}-{day:%b}-{day.year}") == day
    assert parse_day(f"{day.day} {day:%B} {day.year}") == day


codes = st.sampled_from(["N", "K", "E", "S"])
separators = st.sampled_from([" - ", "-", " – ", ": ", " ", " ("])
descriptions = st.text(alphabet=st.sampled_from(list("abcdefghij SENHC,")), min_size=1, max_size=30)


@given(code=codes, separator=separators, description=descriptions, lower=st.booleans())
def test_a_census_code_followed_by_any_description_reads_as_its_code(
        code: str, separator: str, description: str, lower: bool) -> None:
    text = f"{code}{separator}{description.strip() or 'x'}"
    expected = read_value("sen_level", code)
    assert read_value("sen_level", text.lower() if lower else text) == expected


@given(st.text(max_size=12))
def test_any_flag_text_is_read_or_refused_with_a_sentence(text: str) -> None:
    try:
        assert read_flag(text) in (True, False)
    except ValueError as exc:
        assert "is not yes or no" in str(exc)


def test_contact_names_in_one_column_are_split() -> None:
    assert split_name("Mrs Katarzyna Nowak") == {"title": "Mrs", "forename": "Katarzyna",
                                                 "surname": "Nowak"}
    assert split_name("Nowak, Katarzyna") == {"title": "", "forename": "Katarzyna", "surname": "Nowak"}
