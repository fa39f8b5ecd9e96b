"""Keep whole-state stages linear: pause Python's cyclic garbage collector while they build objects.

Loading a state, judging it and building evidence allocate hundreds of thousands of dicts that stay alive
until the stage ends. Each full collection walks all of them, and collections come more often as the heap
grows, so with the collector on these stages grow faster than their input (``bench/run.py`` prints what the
pause is worth: evidence with the collector on and paused, at its largest size up to 10,000 resources).
Reference counting still frees everything acyclic at once; the collector runs again, at its usual thresholds,
when the stage is over. What the stage leaves alive goes straight to the oldest generation as the pause ends:
otherwise the first allocation after it would set off a young collection over everything the stage allocated
(0.08 s after a 10,000-resource evidence bundle), each object of which a collection would only have promoted.
Cyclic garbage the stage made waits for the next full collection, as the pause already made it wait.
The preview, whose registered resources are cyclic garbage, collects its young generation as it goes
(``preview_runtime``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (nesting-safe: only the outermost block re-enables it)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if not gc.get_freeze_count():  # another's freeze (the checkov scanner's) is left as it is
                gc.freeze()  # every tracked object to the permanent generation, and the young count to zero
                gc.unfreeze()  # ... and from there to the oldest generation: no collection ran
            gc.enable()
