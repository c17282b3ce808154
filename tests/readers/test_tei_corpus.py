"""The TEI reader over the real corpus: one record per document, and the accuracy targets of
the shared parsers reading printed text, judged by the TEI markup (scripts/tei_accuracy.py)."""

from __future__ import annotations

import csv
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", REPO.parent / "shared" / "corpus"))
REPEATED = {"frus1948v01p1": "d173fn4", "frus1952-54v12p2": "t_HMB1", "frus1952-54v14p2": "in22"}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.slow,
    pytest.mark.skipif(not (CORPUS / "frus").is_dir(), reason=f"no corpus at {CORPUS}"),
]


def _script() -> ModuleType:
    script = REPO / "scripts" / "tei_accuracy.py"
    spec = importlib.util.spec_from_file_location("tei_accuracy", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["tei_accuracy"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def accuracy() -> ModuleType:
    return _script()


@pytest.fixture(scope="module")
def printed(accuracy: ModuleType) -> dict[str, Any]:
    result: dict[str, Any] = accuracy.measure(CORPUS, markup=False)
    return result


def _manifest_total() -> int:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as f:
        return sum(int(row["documents"]) for row in csv.DictReader(f, delimiter="\t"))


def test_one_record_per_document_with_distinct_ids(printed: dict[str, Any]) -> None:
    total = _manifest_total()
    assert printed["documents"] == total
    assert printed["distinct_ids"] == total
    assert printed["missing"] == 0


def test_the_only_warnings_are_the_repeated_ids(printed: dict[str, Any]) -> None:
    assert len(printed["warnings"]) == len(REPEATED)
    for volume, xml_id in REPEATED.items():
        assert any(w.startswith(f"{volume}:") and f"'{xml_id}'" in w for w in printed["warnings"])


@pytest.mark.parametrize("figure", ["date", "time", "place", "from", "to", "classification"])
def test_printed_text_meets_the_target(
    printed: dict[str, Any], accuracy: ModuleType, figure: str
) -> None:
    agree, total = printed["figures"][figure]
    assert total > 1000  # the figure is measured over the corpus, not over a handful
    assert 100.0 * agree / total >= accuracy.TARGETS[figure], (figure, agree, total)
