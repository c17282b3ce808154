"""A reader process imports what reading and linking need, not the OCR or graph stacks.

Each reader process of `read_ahead="process"` imports `cablegram.archive` and every reader
(to detect formats): OpenCV, scikit-image, networkx and numpy there would cost each process
~70 MB and ~0.5 s (BENCHMARKS.md, "Ingest with ... linking").
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
HEAVY = ("cv2", "skimage", "scipy", "deskew", "pytesseract", "networkx", "numpy")

_PROBE = """
import json, sys
from pathlib import Path
import cablegram.archive, cablegram.read_worker, cablegram.linking, cablegram.store.sqlite
from cablegram.readers.registry import detect_reader
detect_reader(Path(sys.argv[1]))
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_reading_a_tei_volume_imports_no_ocr_or_graph_library(tmp_path: Path) -> None:
    tei = tmp_path / "v.xml"
    tei.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>')
    out = subprocess.run([sys.executable, "-c", _PROBE, str(tei)], capture_output=True,
                         text=True, check=True, env={"PYTHONPATH": str(SRC)}).stdout
    loaded = set(json.loads(out))
    assert "cablegram" in loaded
    assert [m for m in HEAVY if m in loaded] == []

