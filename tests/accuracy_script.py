"""scripts/text_accuracy.py as a module, for the corpus tests that measure through it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def text_accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("text_accuracy",
                                                  ROOT / "scripts" / "text_accuracy.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while being made
    spec.loader.exec_module(mod)
    return mod
