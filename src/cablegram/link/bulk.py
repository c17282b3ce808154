"""Building the authorities and the linker's indexes: many objects made at once, all kept.

Python's cyclic collector runs every few hundred allocations and, once the heap is large,
walks all of it: while the register is loaded and its automaton built, those passes find
nothing to free and cost a third of the building. They are held off until it is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (as it was after it)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
