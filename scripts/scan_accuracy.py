"""OCR accuracy on generated scans: character error rate at 300 and 150 dpi, and how often
the header fields (from, to, date, number, classification) come out exact.

    python scripts/scan_accuracy.py [N]        # N telegrams (default 40), each at both dpi

The telegrams are written and rendered by tests/scans/make_scans.py (FreeMono, speckles,
blur, slight skew). Prints one line per dpi; `measure(n)` returns the figures.
"""

from __future__ import annotations

import random
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "scans"))

from make_scans import random_telegram, render
from rapidfuzz.distance import Levenshtein

from cablegram.fields.cable_header import HeaderError, parse_cable_header
from cablegram.readers.scan_ocr import ocr_image, workers

DPIS = (300, 150)


def cer(got: str, want: str) -> tuple[int, int]:
    """Edit distance and length, spacing normalised (line breaks are layout)."""
    g, w = " ".join(got.split()), " ".join(want.split())
    return Levenshtein.distance(g, w), len(w)


def _one(args: tuple[int, int]) -> dict[str, Any]:
    i, dpi = args
    t = random_telegram(random.Random(1962 * 1000 + i))
    page = ocr_image(render(t.text, dpi, seed=i, skew=random.Random(i).uniform(-1.5, 1.5)),
                     dpi, 1)
    errors, length = cer(page.text, t.text)
    try:
        h = parse_cable_header(page.text)
        got = (h.sender, h.recipient, h.date, h.telegram_number, h.classification)
    except HeaderError:
        got = (None,) * 5
    want = (t.sender, t.recipient, t.date, t.number, t.classification)
    return {"dpi": dpi, "errors": errors, "length": length, "header_exact": got == want,
            "got": got, "want": want}


def measure(n: int = 40, processes: int | None = None) -> dict[int, dict[str, Any]]:
    jobs = [(i, dpi) for i in range(n) for dpi in DPIS]
    with ProcessPoolExecutor(processes or workers()) as pool:
        results = list(pool.map(_one, jobs))
    out: dict[int, dict[str, Any]] = {}
    for dpi in DPIS:
        rs = [r for r in results if r["dpi"] == dpi]
        out[dpi] = {
            "scans": len(rs),
            "cer": sum(r["errors"] for r in rs) / sum(r["length"] for r in rs),
            "header_exact": sum(r["header_exact"] for r in rs) / len(rs),
            "misread": [(r["want"], r["got"]) for r in rs if not r["header_exact"]],
        }
    return out


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    with tempfile.TemporaryDirectory():
        for dpi, r in measure(n).items():
            print(f"{dpi} dpi: {r['scans']} scans, CER {r['cer']:.2%}, "
                  f"header fields exact on {r['header_exact']:.1%}")
            for want, got in r["misread"]:
                print(f"    wanted {want}\n    got    {got}")


if __name__ == "__main__":
    main()
