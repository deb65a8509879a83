"""Signing in reads and writes through light Core clauses: they must name the models' own columns and
types, audit exactly what the ORM would, and load none of the models."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import TableClause, select

from hubdesk.app import HubApp, open_app
from hubdesk.core.audit import AUDIT_LOG
from hubdesk.core.models import AuditEntry, Base
from hubdesk.services.users import SignInRefused
from hubdesk.services.users.sign_in import META, ROLE_PERMISSIONS, ROLES, USERS
from hubdesk.settings import load_settings


@pytest.mark.parametrize("light", [USERS, ROLES, ROLE_PERMISSIONS, META, AUDIT_LOG],
                         ids=lambda t: t.name)
def test_each_light_clause_names_its_models_columns_and_types(light: TableClause) -> None:
    model = Base.metadata.tables[light.name]
    for col in light.columns:
        assert col.name in model.columns, f"{light.name}.{col.name} is not a column of the model"
        assert isinstance(model.columns[col.name].type, type(col.type)), (light.name, col.name)


def _user_entries(hub: HubApp) -> list[AuditEntry]:
    with hub.factory() as s:
        return list(s.scalars(select(AuditEntry).where(AuditEntry.table_name == "users")
                              .order_by(AuditEntry.id)))


def test_a_sign_in_and_a_wrong_password_are_audited_field_by_field(admin_hub: HubApp) -> None:
    uid = admin_hub.users.add("Dan Driver", "driver", "drive safely")
    admin_hub.sign_in(None)  # the sign-in dialog's services act for no one
    before = len(_user_entries(admin_hub))
    with pytest.raises(SignInRefused):
        admin_hub.users.sign_in("Dan Driver", "wrong one!")
    admin_hub.clock.frozen_at = admin_hub.clock.now() + timedelta(minutes=1)
    admin_hub.users.sign_in("dan driver", "drive safely")
    wrong, right = _user_entries(admin_hub)[before:]
    assert (wrong.action, wrong.record_id, wrong.user) == ("update", str(uid), "not signed in")
    assert wrong.changes == {"failed_attempts": [0, 1]}
    assert (right.action, right.user) == ("update", "Dan Driver")
    assert right.changes == {"failed_attempts": [1, 0],
                             "last_sign_in": [None, admin_hub.clock.now().isoformat()]}
    assert right.at == admin_hub.clock.now()


def test_an_old_hash_is_replaced_at_sign_in_and_the_audit_masks_it(admin_hub: HubApp) -> None:
    from argon2 import PasswordHasher

    from hubdesk.core.models import User

    uid = admin_hub.users.add("Olive Office", "office", "office pass")
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("office pass")
    with admin_hub.factory.begin() as s:
        user = s.get(User, uid)
        assert user is not None
        user.password_hash = weak
    admin_hub.users.sign_in("Olive Office", "office pass")
    with admin_hub.factory() as s:
        stored = s.scalar(select(User.password_hash).where(User.id == uid))
    assert stored != weak and stored is not None and stored.startswith("$argon2id$")
    last = _user_entries(admin_hub)[-1]
    assert last.changes["password_hash"] == ["••••", "••••"]


def test_signing_in_loads_none_of_the_models(tmp_path: Path) -> None:
    database = str(tmp_path / "hub.db")
    made = open_app(load_settings(database), create=True)
    made.users.create_first_administrator("Ada Admin", "correct horse")
    made.close()
    script = f"""
import sys
from hubdesk.app import open_app
from hubdesk.settings import load_settings
app = open_app(load_settings({database!r}))
assert app.has_users()
app.sign_in(app.users.sign_in("ada admin", "correct horse"))
assert app.users.idle_minutes() == 15
print(sorted(m for m in sys.modules if m.startswith("hubdesk.core.models")))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={**os.environ, "XDG_DATA_HOME": str(tmp_path), "HOME": str(tmp_path)})
    assert out.stdout.strip() == "[]", out.stderr


def test_the_users_face_loads_no_orm_until_the_service_is_asked_for() -> None:
    script = ("import sys\nimport hubdesk.services.users as users\n"
              "before = any(m.startswith('sqlalchemy.orm') for m in sys.modules)\n"
              "users.UserService\n"
              "print(before, any(m.startswith('sqlalchemy.orm') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"], out.stderr
