"""Migration 0010_mis_levels turns the old yes/no SEND flag into a SEN level, and back."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, create_engine, text

from hubdesk.core.schema import upgrade

CHILD = ("INSERT INTO children (id, forename, surname, preferred_forename, preferred_surname, "
         "date_of_birth, school_site_id, year_group, class_name, lives_with, medical_notes, allergies, "
         "dietary_needs, gp_details, consent_photos, consent_walk_home_alone, consent_sun_cream, "
         "consent_plasters, consent_local_trips, consent_emergency_treatment, fsm, pupil_premium, "
         "looked_after, send, tfc_reference, notes, search_key, row_version) VALUES (:id, 'A', 'B', '', "
         "'', '2018-05-04', 1, 3, '', '', '', '', '', '', 0, 0, 0, 0, 0, 0, 0, 0, 0, :send, '', '', '', 1)")


def _site(conn: Connection) -> str:
    """An INSERT of site 1, a school, with every required column filled."""
    values = {"id": "1", "kind": "'school'", "name": "'Oakfield Primary'",
              "ofsted_status": "'exempt'"}
    for _cid, name, kind, notnull, default, _pk in conn.execute(text("PRAGMA table_info(sites)")):
        if notnull and default is None and name not in values:
            values[name] = "0" if kind.upper() in ("INTEGER", "BOOLEAN", "FLOAT") else "''"
    return f"INSERT INTO sites ({', '.join(values)}) VALUES ({', '.join(values.values())})"


def test_the_send_flag_becomes_sen_support_and_the_new_facts_start_empty(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0007")
    with engine.begin() as conn:
        conn.execute(text(_site(conn)))
        conn.execute(text(CHILD), [{"id": 1, "send": True}, {"id": 2, "send": False}])
    upgrade(engine)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, sen_level, eal, fsm_ever6, previously_looked_after, "
                                 "service_child, first_language FROM children ORDER BY id")).all()
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info(children)"))}
    assert [tuple(r) for r in rows] == [(1, "support", "not_recorded", 0, 0, 0, ""),
                                        (2, "none", "not_recorded", 0, 0, 0, "")]
    assert "send" not in columns
    engine.dispose()
