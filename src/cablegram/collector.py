"""Many objects made at once and all kept: a TEI volume read, the authorities loaded, the
linker's indexes built.

Python's cyclic collector runs every few hundred allocations and, once the heap is large,
walks all of it: there its passes find nothing to free (none of these objects are in cycles)
and cost ~6% of reading a volume and a third of building the linker. They are held off
until the work is done.
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
