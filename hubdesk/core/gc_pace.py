"""How often Python's cyclic garbage collector runs while hubdesk loads, and after.

The collector runs after every 700 allocations not yet freed and, as the heap grows, walks the whole
of it again and again. Loading SQLAlchemy, the models, reportlab or Qt makes about 120,000 objects
that live as long as the process: walking them took a tenth of a printout and of opening the window.
While hubdesk loads (a command's whole run; the window until its idle work is done) the collector
runs after 10,000 instead. It still runs, so nothing is left uncollected: it only runs less often.
"""

from __future__ import annotations

import gc

USUAL = gc.get_threshold()
LOADING = (10_000, 50, 100)


def loading() -> None:
    """Collect less often: the process is loading what it will keep."""
    gc.set_threshold(*LOADING)


def loaded() -> None:
    """Back to the usual pace, after one collection now (when nobody waits for it) rather than in
    the middle of a click."""
    gc.collect()
    gc.set_threshold(*USUAL)
