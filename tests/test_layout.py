"""Where code lives: a package per domain with one public face; nothing loose atop services/ or ui/."""

from __future__ import annotations

import ast
from pathlib import Path

HUBDESK = Path(__file__).resolve().parents[1] / "hubdesk"
SERVICES = HUBDESK / "services"
DOMAINS = {d.name for d in SERVICES.iterdir() if (d / "__init__.py").exists()}


def private_imports(where: Path, source: str) -> list[str]:
    """Imports of another domain's private module (``hubdesk.services.<domain>.<module>``) in the
    module at ``where`` (relative to hubdesk/)."""
    parts = where.parts
    home = parts[1] if parts[0] == "services" and len(parts) > 2 else None
    found = []
    for node in ast.walk(ast.parse(source)):
        names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                 else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        for name in names:
            bits = name.split(".")
            if len(bits) > 3 and bits[:2] == ["hubdesk", "services"] and bits[2] in DOMAINS \
                    and bits[2] != home:
                found.append(f"{where}:{node.lineno}: {name}")
    return found


def test_other_layers_and_domains_import_a_domain_through_its_face() -> None:
    found = [line for path in sorted(HUBDESK.rglob("*.py"))
             for line in private_imports(path.relative_to(HUBDESK), path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_check_sees_a_private_import() -> None:
    source = "from hubdesk.services.clubs.queries import family_ids\n"
    assert private_imports(Path("ui/probe.py"), source) == ["ui/probe.py:1: hubdesk.services.clubs.queries"]
    assert private_imports(Path("services/clubs/probe.py"), source) == []  # a domain's own modules


def test_nothing_loose_at_the_top_of_services_or_ui() -> None:
    loose = sorted(p.name for p in SERVICES.glob("*.py"))
    loose += sorted(p.name for p in (HUBDESK / "ui").glob("*.py"))
    assert loose == ["__init__.py", "base.py", "progress.py", "__init__.py"]
