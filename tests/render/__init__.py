"""Renderers that write corpus records in the text layouts found in the wild (issue 14).

Each module `tests/render/<name>.py` exposes `LAYOUT: str` (the reader's name that should
detect its output) and `render(collection, records) -> [(file name, content)]`. The
measurement harness (scripts/text_accuracy.py) and the corpus tests discover them here, so
that a new layout is measured as soon as its module exists.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from cablegram.record import Collection, Record

Render = Callable[[Collection, list[Record]], list[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Layout:
    """One discovered layout: its name and its renderer."""

    name: str
    render: Render
    module: str


def layouts() -> dict[str, Layout]:
    """Every layout module of this package, by its LAYOUT name (sorted)."""
    found: dict[str, Layout] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        name, render = getattr(mod, "LAYOUT", None), getattr(mod, "render", None)
        if isinstance(name, str) and callable(render):
            if name in found:
                raise ValueError(f"layout {name!r} is rendered by two modules: "
                                 f"{found[name].module} and {mod.__name__}")
            found[name] = Layout(name, render, mod.__name__)
    return found
