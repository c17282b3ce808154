"""The pages of a scan file (PDF, PNG, TIFF incl. multi-page, JPEG), one at a time.

Opening a file only reads its page count and page sizes: a page is rendered or decoded
when it is asked for, so a 500-page PDF never holds more than the page at hand. Every page
is measured before it is decoded, and one too large (a "PDF bomb" of 100,000 × 100,000 px)
is refused by its size. Problems are `ReadError(path, reason)`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
from PIL import Image, UnidentifiedImageError

from cablegram.errors import ReadError

RENDER_DPI = 300
# A page larger than this is refused before decoding: A3 at 400 dpi is 31 Mpx.
MAX_PAGE_PIXELS = 40_000_000
# A text layer is used when it has at least this many letters or digits.
MIN_TEXT_LAYER_CHARS = 20

PDF_MAGIC = b"%PDF-"
IMAGE_MAGICS: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*", b"\xff\xd8\xff",
)
SCAN_SUFFIXES: tuple[str, ...] = (".pdf", ".png", ".tif", ".tiff", ".jpg", ".jpeg")


def is_scan(head: bytes) -> bool:
    """Whether a file's first bytes are a PDF or an image cablegram reads."""
    return head.startswith(PDF_MAGIC) or head.startswith(IMAGE_MAGICS)


@dataclass(slots=True)
class WordBox:
    """A word on its page: pixel box at the page's dpi; `conf` 0-100 (100: text layer)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


@dataclass(slots=True)
class TextLayer:
    """A PDF page's own text, with its words' boxes at RENDER_DPI."""

    text: str
    words: list[WordBox]


def _check_size(path: Path, page: int, width: float, height: float) -> None:
    if width <= 0 or height <= 0:
        raise ReadError(path, f"page {page} has no area ({width:.0f} × {height:.0f} px)")
    if width * height > MAX_PAGE_PIXELS:
        raise ReadError(path, f"page {page} is {width:.0f} × {height:.0f} px, over the limit "
                              f"of {MAX_PAGE_PIXELS:,} px: refused before decoding")


class ScanFile:
    """A scan opened for reading page by page; use as a context manager."""

    def __init__(self, path: Path, dpi: int = RENDER_DPI) -> None:
        self.path = path
        self.dpi = dpi
        self._pdf: pdfium.PdfDocument | None = None
        self._image: Image.Image | None = None
        with path.open("rb") as f:
            head = f.read(16)
        if not head:
            raise ReadError(path, "the file is empty")
        if head.startswith(PDF_MAGIC):
            self._open_pdf()
        elif head.startswith(IMAGE_MAGICS):
            self._open_image()
        else:
            raise ReadError(path, "not a PDF, PNG, TIFF or JPEG file")

    def _open_pdf(self) -> None:
        try:
            self._pdf = pdfium.PdfDocument(str(self.path))
        except pdfium.PdfiumError as e:
            reason = str(e)
            if "password" in reason.lower():
                raise ReadError(self.path, "the PDF is encrypted (a password is needed)") \
                    from None
            raise ReadError(self.path, f"not a readable PDF: {reason}") from None
        self.page_count = len(self._pdf)
        if self.page_count == 0:
            raise ReadError(self.path, "the PDF has no pages")

    def _open_image(self) -> None:
        try:
            with warnings.catch_warnings():
                # Pillow warns of large images; the size is checked below, page by page.
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                self._image = Image.open(self.path)
            self.page_count = getattr(self._image, "n_frames", 1)
        except Image.DecompressionBombError as e:
            raise ReadError(self.path, f"refused before decoding: {e}") from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
            raise ReadError(self.path, f"not a readable image: {e}") from None

    def __enter__(self) -> ScanFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()
            self._pdf = None
        if self._image is not None:
            self._image.close()
            self._image = None

    @property
    def kind(self) -> str:
        return "pdf" if self._pdf is not None else "image"

    def text_layer(self, index: int) -> TextLayer | None:
        """Page `index`'s own text when it has a usable one (PDFs only), else None."""
        if self._pdf is None:
            return None
        page = self._pdf[index]
        try:
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                if sum(c.isalnum() for c in text) < MIN_TEXT_LAYER_CHARS:
                    return None
                words = _layer_words(textpage, text, page.get_height(), self.dpi / 72)
            finally:
                textpage.close()
        finally:
            page.close()
        return TextLayer(text.replace("\r\n", "\n").replace("\r", "\n"), words)

    def image(self, index: int) -> tuple[Image.Image, int]:
        """Page `index` as an image and its dpi; the size is checked before decoding."""
        n = index + 1
        if self._pdf is not None:
            page = self._pdf[index]
            try:
                w, h = page.get_size()
                dpi = _scan_dpi(page, w) or self.dpi
                scale = dpi / 72
                _check_size(self.path, n, w * scale, h * scale)
                bitmap = page.render(scale=scale, grayscale=True)
                img = bitmap.to_pil()
                bitmap.close()
            finally:
                page.close()
            return img, dpi
        assert self._image is not None
        try:
            self._image.seek(index)
            _check_size(self.path, n, *self._image.size)
            dpi = self._image.info.get("dpi", (RENDER_DPI, RENDER_DPI))[0]
            frame = self._image.convert("L")
        except ReadError:
            raise
        except (OSError, SyntaxError, ValueError, EOFError) as e:
            raise ReadError(self.path, f"page {n} cannot be decoded: {e}") from None
        return frame, round(float(dpi)) or RENDER_DPI

    def pages(self) -> Iterator[int]:
        return iter(range(self.page_count))


def _scan_dpi(page: pdfium.PdfPage, width_pt: float) -> int | None:
    """The resolution of a scanned page's image: rendering at it, not above, keeps the
    scan's speckles as small as they are (a 150-dpi scan rendered at 300 dpi doubles them)."""
    widest = max((obj.get_px_size()[0] for obj in
                  page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=1)),
                 default=0)
    if not widest or width_pt <= 0:
        return None
    return max(100, min(600, round(widest / (width_pt / 72))))


def _layer_words(textpage: pdfium.PdfTextPage, text: str, page_height: float,
                 scale: float) -> list[WordBox]:
    """Words of a text layer with pixel boxes (top-left origin)."""
    words: list[WordBox] = []
    start = None
    n = min(len(text), textpage.count_chars())
    for i in range(n + 1):
        if i < n and not text[i].isspace():
            if start is None:
                start = i
            continue
        if start is not None:
            boxes = [textpage.get_charbox(j) for j in range(start, i)]
            left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
            bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
            words.append(WordBox(text[start:i], round(left * scale),
                                 round((page_height - top) * scale),
                                 round((right - left) * scale), round((top - bottom) * scale),
                                 100.0))
            start = None
    return words
