"""Bad scans: each gets one clear error line naming the file, and the batch goes on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from make_scans import corrupt_png, encrypted_pdf, pdf_bomb, png_bomb, text_pdf

from cablegram.archive import Archive


def test_a_batch_of_bad_scans_goes_on(tmp_path: Path) -> None:
    files = {
        "empty.pdf": b"",
        "corrupt.png": corrupt_png(),
        "bomb.pdf": pdf_bomb(),
        "bomb.png": png_bomb(),
        "good.pdf": text_pdf(["FM LDN NOV8/62\nTO EXTERNAL\nNR 12\nThe Council met today."]),
        "truncated.pdf": text_pdf(["FM LDN\nTO EXTERNAL\nThe Council met."])[:60],
    }
    paths = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths.append(tmp_path / name)
    paths.append(encrypted_pdf(tmp_path / "locked.pdf"))
    with Archive.open(tmp_path / "a.db") as a:
        report = a.ingest(paths)
        errors = dict(report.errors)
        assert report.ingested == 1 and a.get("scans/good").telegram_number == "12"
    want = {
        "empty.pdf": "the file is empty",
        "corrupt.png": "not a readable image",
        "bomb.pdf": "100000 × 100000 px, over the limit",
        "bomb.png": "refused before decoding",
        "truncated.pdf": "not a readable PDF",
        "locked.pdf": "the PDF is encrypted",
    }
    for name, reason in want.items():
        got = errors[str(tmp_path / name)]
        assert reason in got and "\n" not in got and "Traceback" not in got


_MEASURE = """
import resource, sys
from pathlib import Path
from cablegram.readers.scan import ScanReader
(batch,) = ScanReader().read(Path(sys.argv[1]))
print(len(batch.records[0].extra["pages"]), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _peak_kb(path: Path, env: dict[str, str]) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(path)], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1])


@pytest.mark.slow
def test_a_500_page_pdf_is_read_in_bounded_memory(tmp_path: Path) -> None:
    page = "\n".join(["FM LDN NOV8/62", "TO EXTERNAL", *["The Council met today. " * 3] * 40])
    small, big = tmp_path / "five.pdf", tmp_path / "five-hundred.pdf"
    small.write_bytes(text_pdf([page] * 5))
    big.write_bytes(text_pdf([page] * 500))
    env = {**os.environ, "CABLEGRAM_OCR_WORKERS": "1"}
    n_small, kb_small = _peak_kb(small, env)
    n_big, kb_big = _peak_kb(big, env)
    assert (n_small, n_big) == (5, 500)
    # The parent holds the pages' text and word boxes (about 3 MB here), never all pages'
    # renderings or parse trees: peak memory grows by far less than 100x.
    assert kb_big - kb_small < 60_000, (kb_small, kb_big)
