"""OCR benchmark: pages/s of cablegram's scan reading against the bare `tesseract` CLI.

    python bench/ocr.py [--pages 8] [--dpi 300]

Both read the same generated pages (tests/scans/make_scans.py), one PNG each:
- baseline: `tesseract PAGE stdout --psm 6`, one page after another, Tesseract's own
  threads left as they are (its default on this machine), and again with one thread;
- cablegram: `read_pages` over a multi-page TIFF of the same pages (deskew, despeckle,
  word boxes, a process pool with one single-threaded Tesseract per core, page cache off).
Prints pages/s of each and the ratio. The machine may be shared: the ratio, measured in the
same run, is the figure to compare.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "scans"))

from make_scans import random_telegram, render, save_png, save_tiff

from cablegram.readers.scan_ocr import read_pages, workers


def _cli(pngs: list[Path], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    for p in pngs:
        subprocess.run(["tesseract", str(p), "stdout", "--psm", "6"], check=True,
                       capture_output=True, env=env)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--dpi", type=int, default=300)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        os.environ["CABLEGRAM_OCR_CACHE"] = str(out / "cache")
        rng = random.Random(7)
        images = [render(random_telegram(rng).text, args.dpi, seed=i) for i in range(args.pages)]
        # The TIFF first: Pillow keeps a PNG save's settings on the image.
        tiff = save_tiff(images, out / "all.tiff", args.dpi)
        pngs = [save_png(img, out / f"p{i}.png", args.dpi) for i, img in enumerate(images)]
        base = _cli(pngs, dict(os.environ))
        single = _cli(pngs, {**os.environ, "OMP_THREAD_LIMIT": "1"})
        t0 = time.perf_counter()
        n = sum(1 for _ in read_pages(tiff, args.pages))
        ours = time.perf_counter() - t0
    print(f"{args.pages} pages at {args.dpi} dpi, {os.cpu_count()} cores, {workers()} workers, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"tesseract CLI: {args.pages / base:.2f} pages/s ({base:.1f} s)")
    print(f"tesseract CLI, one thread: {args.pages / single:.2f} pages/s ({single:.1f} s)")
    print(f"cablegram:     {n / ours:.2f} pages/s ({ours:.1f} s)")
    print(f"ratio cablegram / tesseract CLI: {base / ours:.2f}x")


if __name__ == "__main__":
    main()
