"""Reading scans: images (PNG, JPEG, multi-page TIFF) through Tesseract, PDFs through their
text layer or Tesseract; fields from the typed header; page confidence and word boxes.

The scans are made here (make_scans.py) from telegram texts the tests write. The Canadian
header layout follows the seed catalog's items (/work/shared/seeds/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path

from make_scans import (
    render,
    save_image_pdf,
    save_png,
    save_tiff,
    text_pdf,
    the_seed_telegram,
)
from rapidfuzz.distance import Levenshtein

from cablegram.readers.scan import ScanReader
from cablegram.readers.scan_ocr import PageCache, file_sha, read_pages
from cablegram.record import Record

SEED = the_seed_telegram()


def _read(path: Path) -> Record:
    (batch,) = list(ScanReader().read(path))
    (rec,) = batch.records
    return rec


def _cer(got: str, want: str) -> float:
    norm = lambda s: " ".join(s.split())  # noqa: E731 - spacing is layout, not characters
    return Levenshtein.distance(norm(got), norm(want)) / len(norm(want))


def test_png_at_300_dpi_gives_the_fields_and_the_text(tmp_path: Path) -> None:
    rec = _read(save_png(render(SEED.text, 300, seed=1), tmp_path / "CDNW12467.png", 300))
    assert (rec.id, rec.collection, rec.format) == ("CDNW12467", "cdnw", "scan")
    assert rec.sender == "Canadian Permanent Delegation to the North Atlantic Council, Paris"
    assert rec.recipient == "Department of External Affairs, Ottawa"
    assert (rec.date, rec.telegram_number, rec.classification) == ("1962-11-20", "2711", "secret")
    assert rec.title == "NATO COUNCIL BRIEFING ON CUBA"
    assert [r.text for r in rec.references] == ["OURTEL 2690 NOV19"]
    assert _cer(rec.text, SEED.text) <= 0.02
    (page,) = rec.extra["pages"]
    assert page["source"] == "ocr" and page["dpi"] == 300 and 80 <= page["confidence"] <= 100
    # Each word's span in the text and its box on the page.
    word = next(w for w in rec.extra["words"] if rec.text[w[1]:w[2]] == "Khrushchev")
    pg, _, _, left, top, width, height, conf = word
    assert pg == 1 and 0 <= left < left + width <= page["width"]
    assert 0 <= top < top + height <= page["height"] and conf > 50


def test_multi_page_tiff_at_150_dpi(tmp_path: Path) -> None:
    second = "2. Copies of the text are being sent by bag to London.\n\nSECRET"
    pages = [render(SEED.text, 150, seed=2), render(second, 150, seed=3, skew=-0.6)]
    rec = _read(save_tiff(pages, tmp_path / "two.tiff", 150))
    assert [p["page"] for p in rec.extra["pages"]] == [1, 2]
    assert _cer(rec.text, SEED.text + "\n\n" + second) <= 0.05
    p2 = rec.extra["pages"][1]
    assert "London" in rec.text[p2["start"]:p2["end"]]
    assert {w[0] for w in rec.extra["words"]} == {1, 2}
    # No item id in the file name: the one typed on the page.
    assert rec.id == "CDNW12467"


def test_pdf_with_a_text_layer_is_not_ocred(tmp_path: Path) -> None:
    path = tmp_path / "layer.pdf"
    path.write_bytes(text_pdf([SEED.text]))
    rec = _read(path)
    assert rec.extra["pages"][0]["source"] == "text-layer"
    assert rec.text.split() == SEED.text.split()
    assert rec.telegram_number == "2711"
    assert all(w[7] == 100.0 for w in rec.extra["words"])


def test_pdf_without_a_text_layer_and_jpeg_are_ocred(tmp_path: Path) -> None:
    img = render(SEED.text, 150, seed=4)
    pdf = _read(save_image_pdf([img], tmp_path / "image.pdf", 150))
    assert pdf.extra["pages"][0]["source"] == "ocr"
    assert pdf.telegram_number == "2711" and pdf.date == "1962-11-20"
    jpeg = tmp_path / "scan.jpg"
    render(SEED.text, 300, seed=5).save(jpeg, quality=85, dpi=(300, 300))
    assert _cer(_read(jpeg).text, SEED.text) <= 0.02


def test_no_header_no_id_is_its_own_document_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "memo.pdf"
    path.write_bytes(text_pdf(["A memorandum for the file, typed without any header."]))
    (batch,) = list(ScanReader().read(path))
    (rec,) = batch.records
    assert (rec.id, rec.collection, batch.collection.format) == ("scans/memo", "scans", "scan")
    assert any("no telegram header" in w for w in batch.warnings)


def test_pages_read_are_kept_when_a_read_stops_halfway(tmp_path: Path, _ocr_cache: Path) -> None:
    path = tmp_path / "three.pdf"
    path.write_bytes(text_pdf([f"Page {n} of a long telegram about the Council." for n in "123"]))
    pages = read_pages(path, 3, processes=1)
    first = next(pages)
    pages.close()  # the reading stops (an interrupt, a crash) after page 1
    cache = PageCache(file_sha(path), _ocr_cache)
    assert cache.get(0) == first
    # The next reading takes page 1 from the cache: marked here to see that it does.
    marked = json.loads((cache.dir / "1.json").read_text())
    marked["text"] = "FROM THE CACHE"
    (cache.dir / "1.json").write_text(json.dumps(marked))
    again = [p.text for p in read_pages(path, 3, processes=1)]
    assert again[0] == "FROM THE CACHE" and again[2].startswith("Page 3")


def test_skew_is_measured_and_undone(tmp_path: Path) -> None:
    rec = _read(save_png(render(SEED.text, 300, seed=6, skew=2.0), tmp_path / "s.png", 300))
    assert 1.0 <= abs(rec.extra["pages"][0]["skew"]) <= 3.0
    assert rec.telegram_number == "2711"
