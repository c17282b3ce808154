"""Internal references over the FRUS corpus: ≥ 99.5% of `ref@target` links resolve to the
right document (scripts/ref_accuracy.py measures; this runs it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cablegram.archive import Archive

SCRIPT = Path(__file__).parents[2] / "scripts" / "ref_accuracy.py"


@pytest.mark.corpus
@pytest.mark.slow
def test_ref_targets_resolve(corpus: Archive) -> None:
    corpus.sync_history()
    out = subprocess.run(
        [sys.executable, str(SCRIPT), corpus.store.path, os.environ["CABLEGRAM_CORPUS"]],
        capture_output=True, text=True, check=False)
    m = re.search(r"resolved to the right document: \d+ \((?P<pct>[\d.]+)%", out.stdout)
    assert m, out.stdout + out.stderr
    assert float(m["pct"]) >= 99.5
    assert out.returncode == 0


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_totals_are_consistent(corpus: Archive) -> None:
    refs = corpus.refs(kind="telegram")
    resolved = [r for r in refs if r.status == "resolved"]
    assert len(resolved) > 1000
    # A resolved reference names one target, and it is a numbered telegram of the archive.
    for r in resolved[:200]:
        assert r.candidates == [r.target_id]
        target = corpus.get(r.target_id or "")
        assert target.telegram_number == r.number
    missing = corpus.cited_not_printed()
    assert all(i.cited_by for i in missing)
    assert corpus.number_sequences()
