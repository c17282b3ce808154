"""The issue's targets on generated scans: CER ≤ 2% at 300 dpi, ≤ 5% at 150 dpi; header
fields (from, to, date, number, classification) exact on ≥ 95% of scans.

A small sample here (the full figures: `python scripts/scan_accuracy.py 40`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from scan_accuracy import measure


@pytest.mark.slow
def test_targets_on_generated_scans() -> None:
    figures = measure(5)
    assert figures[300]["cer"] <= 0.02
    assert figures[150]["cer"] <= 0.05
    for dpi in (300, 150):
        assert figures[dpi]["header_exact"] >= 0.95, figures[dpi]["misread"]
