"""The ui's modules import each other one way only: a cycle makes import order matter and hides a
page's real dependencies. (import-linter checks the same, and the layer order, in pyproject.toml.)"""

from __future__ import annotations

import grimp


def ui_cycles() -> list[tuple[str, ...]]:
    graph = grimp.build_graph("hubdesk")
    ui = sorted(m for m in graph.modules if m.startswith("hubdesk.ui."))
    found: set[tuple[str, ...]] = set()
    for module in ui:
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith("hubdesk.ui.") and graph.chain_exists(imported, module):
                chain = graph.find_shortest_chain(imported, module) or ()
                found.add(tuple(sorted({module, *chain})))
    return sorted(found)


def test_no_import_cycle_between_ui_modules() -> None:
    assert ui_cycles() == []
