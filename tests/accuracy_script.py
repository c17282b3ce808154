"""The accuracy scripts in scripts/ as modules, for the tests that measure through them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def script(name: str) -> ModuleType:
    """scripts/NAME.py, loaded under its own name."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while being made
    spec.loader.exec_module(mod)
    return mod


def text_accuracy() -> ModuleType:
    return script("text_accuracy")


def link_accuracy() -> ModuleType:
    return script("link_accuracy")
