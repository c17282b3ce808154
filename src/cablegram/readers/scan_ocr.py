"""Read the pages of a scan: its text layer when usable, else Tesseract, page by page.

Pages go to a pool of processes (one per core, each Tesseract limited to one thread), each
worker opening the file itself, so that a page's image never crosses a pipe and the parent
holds only finished pages' text and boxes. Each finished page is written to the page cache
(`CABLEGRAM_OCR_CACHE`, default ~/.cache/cablegram/ocr) keyed by the file's SHA-256: a
crash or interrupt mid-document loses no page already read, and the next run takes them
from there.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytesseract
from deskew import determine_skew
from PIL import Image

from cablegram.errors import ReadError
from cablegram.readers.scan_pages import ScanFile, WordBox

CACHE_ENV = "CABLEGRAM_OCR_CACHE"
# Bumped when what a page's reading gives changes (settings, preprocessing).
OCR_VERSION = "1"
TESSERACT_CONFIG = "--oem 1 --psm 6"
LANG = "eng"
# Skew is measured (to the degree) on a copy this wide: as good as the full page for a
# few degrees, and 0.1 s a page instead of 0.3 s at 1000 px.
_SKEW_WIDTH = 700


@dataclass(slots=True)
class PageText:
    """One page as read: its text, words with boxes, and how sure the reading is."""

    page: int  # 1-based
    source: str  # "text-layer" | "ocr"
    text: str
    confidence: float  # mean word confidence, 0-100
    width: int
    height: int
    dpi: int
    skew: float = 0.0
    words: list[WordBox] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PageText:
        return cls(**{**d, "words": [WordBox(**w) for w in d["words"]]})


def cache_dir() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "cablegram" / "ocr"


def file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def clean(image: Image.Image) -> tuple[Image.Image, float]:
    """Despeckle (median filter) and deskew a grey page; the skew found, in degrees."""
    grey = np.asarray(image.convert("L"))
    grey = cv2.medianBlur(grey, 3)
    small = grey
    if grey.shape[1] > _SKEW_WIDTH:
        f = _SKEW_WIDTH / grey.shape[1]
        small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA)
    angle = determine_skew(small, max_angle=10)
    skew = float(angle) if angle is not None and abs(float(angle)) < 10 else 0.0
    out = Image.fromarray(grey)
    if abs(skew) > 0.05:
        out = out.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return out, skew


def ocr_image(image: Image.Image, dpi: int, page: int) -> PageText:
    """Tesseract on one page image: the lines as text, each word's box and confidence."""
    cleaned, skew = clean(image)
    # Tesseract's own threads slow it down on a busy machine (bench/ocr.py: 0.25 pages/s
    # with them, 0.94 without); parallelism comes from the pool instead.
    old = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        data = pytesseract.image_to_data(cleaned, lang=LANG,
                                         config=f"{TESSERACT_CONFIG} --dpi {dpi}",
                                         output_type=pytesseract.Output.DICT)
    finally:
        if old is None:
            os.environ.pop("OMP_THREAD_LIMIT", None)
        else:
            os.environ["OMP_THREAD_LIMIT"] = old
    lines: dict[tuple[int, int, int], list[WordBox]] = {}
    for i, word in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if conf < 0 or not word.strip():
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(WordBox(
            word, data["left"][i], data["top"][i], data["width"][i], data["height"][i], conf))
    words = [w for line in lines.values() for w in line]
    text = "\n".join(" ".join(w.text for w in line) for line in lines.values())
    confidence = sum(w.conf for w in words) / len(words) if words else 0.0
    return PageText(page, "ocr", text, round(confidence, 2), cleaned.width, cleaned.height,
                    dpi, round(skew, 2), words)


def read_page(path: Path, index: int) -> PageText:
    """Page `index` of a scan: its text layer when usable, else OCR."""
    with ScanFile(path) as scan:
        layer = scan.text_layer(index)
        if layer is not None:
            assert scan.kind == "pdf"
            img_w, img_h = _page_pixels(scan, index)
            return PageText(index + 1, "text-layer", layer.text, 100.0, img_w, img_h, scan.dpi,
                            0.0, layer.words)
        image, dpi = scan.image(index)
    return ocr_image(image, dpi, index + 1)


def _page_pixels(scan: ScanFile, index: int) -> tuple[int, int]:
    assert scan._pdf is not None
    w, h = scan._pdf.get_page_size(index)
    return round(w * scan.dpi / 72), round(h * scan.dpi / 72)


def _read_page_job(path: str, index: int) -> dict[str, Any] | str:
    try:
        return read_page(Path(path), index).to_dict()
    except ReadError as e:
        return e.reason
    except pytesseract.TesseractError as e:
        return f"page {index + 1}: Tesseract failed: {e.message}"


class PageCache:
    """Finished pages of one file, one JSON file each."""

    def __init__(self, sha: str, root: Path | None = None) -> None:
        self.dir = (root or cache_dir()) / f"{sha}-v{OCR_VERSION}"

    def get(self, index: int) -> PageText | None:
        try:
            return PageText.from_dict(json.loads((self.dir / f"{index + 1}.json").read_text()))
        except (OSError, ValueError, TypeError, KeyError):
            return None

    def put(self, page: PageText) -> None:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            tmp = self.dir / f".{page.page}.json.tmp"
            tmp.write_text(json.dumps(page.to_dict()))
            tmp.replace(self.dir / f"{page.page}.json")
        except OSError:
            pass  # a cache that cannot be written only costs a re-read after a crash


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, int(os.environ.get("CABLEGRAM_OCR_WORKERS", "0")) or
                      (os.cpu_count() or 1)))


def read_pages(path: Path, page_count: int, on_page: Callable[[int, int], None] | None = None,
               processes: int | None = None) -> Iterator[PageText]:
    """Every page of a scan, in order, read in a pool of processes (cached pages first).

    At most two pages per process are in flight, so memory stays bounded whatever the
    page count. Raises ReadError for the first page that cannot be read.
    """
    cache = PageCache(file_sha(path))
    n = processes or workers()
    done = 0
    ready: dict[int, PageText] = {}
    todo = []
    for i in range(page_count):
        cached = cache.get(i)
        if cached is not None:
            ready[i] = cached
        else:
            todo.append(i)
    nxt = 0
    if len(todo) <= 1 or n == 1:
        # One page to read, or one process allowed: a pool would only cost its start.
        for i in range(page_count):
            page = ready.pop(i, None)
            if page is None:
                result = _read_page_job(str(path), i)
                if isinstance(result, str):
                    raise ReadError(path, result)
                page = PageText.from_dict(result)
                cache.put(page)
            done += 1
            if on_page:
                on_page(done, page_count)
            yield page
        return
    ctx = multiprocessing.get_context("forkserver")
    # The fork server imports OpenCV, scikit-image and this module once; workers fork from it.
    ctx.set_forkserver_preload([__name__])
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
        pending: dict[Future[dict[str, Any] | str], int] = {}
        queue = iter(todo)
        try:
            while nxt < page_count:
                while len(pending) < 2 * n:
                    j = next(queue, None)
                    if j is None:
                        break
                    pending[pool.submit(_read_page_job, str(path), j)] = j
                while nxt in ready:
                    done += 1
                    if on_page:
                        on_page(done, page_count)
                    yield ready.pop(nxt)
                    nxt += 1
                if nxt >= page_count:
                    break
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    i = pending.pop(fut)
                    try:
                        result = fut.result()
                    except BrokenProcessPool:
                        # Pages finished so far are in the cache: the next run resumes.
                        raise ReadError(path, f"the OCR process of page {i + 1} died (out of "
                                              "memory?); pages already read are kept") from None
                    if isinstance(result, str):
                        raise ReadError(path, result)
                    page = PageText.from_dict(result)
                    cache.put(page)
                    ready[i] = page
        finally:
            for fut in pending:
                fut.cancel()
