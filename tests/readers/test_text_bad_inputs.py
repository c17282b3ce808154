"""Bad inputs to the text, HTML and catalog readers: a clear ReadError or a warning, per file."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.errors import ReadError
from cablegram.readers.catalog import CatalogReader
from cablegram.readers.html import HtmlReader
from cablegram.readers.registry import detect_reader
from cablegram.readers.text import TextReader, iter_records
from cablegram.readers.text_io import DecodeReport, iter_lines, iter_paragraphs
from cablegram.readers.text_split import SplitState
from cablegram.record import Batch

FIX = Path(__file__).parent.parent / "fixtures" / "text"
SEED = FIX / "003_1bdb9de2a8d2d4fa.txt"

TITLE = (
    "Department Seal\n\nFOREIGN RELATIONS OF THE UNITED STATES\n1961-1963\nVolume XI\n"
    "Cuban Missile Crisis and Aftermath\n\nDEPARTMENT OF STATE\nWashington\n\n"
)


def _read(path: Path) -> Batch:
    return next(TextReader().read(path))


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    for reader in (TextReader(), CatalogReader()):
        with pytest.raises(ReadError, match=r"empty|no catalog items") as err:
            next(reader.read(path))
        assert str(path) in str(err.value)
    with pytest.raises(ReadError, match="empty"):
        detect_reader(path)
    html_path = tmp_path / "empty.html"
    html_path.write_bytes(content)
    with pytest.raises(ReadError, match="empty"):
        next(HtmlReader().read(html_path))


def test_page_with_no_documents(tmp_path: Path) -> None:
    path = tmp_path / "nodocs.txt"
    path.write_text(TITLE + "flag\nbar\n\nThis volume has no documents on this page.\n",
                    encoding="utf-8")
    with pytest.raises(ReadError, match="no documents found") as err:
        _read(path)
    assert err.value.path == str(path)
    page = tmp_path / "nodocs_catalog.txt"
    page.write_text("November 1 - November 2, 1962\nNothing was listed.\n", encoding="utf-8")
    with pytest.raises(ReadError, match="no catalog items"):
        next(CatalogReader().read(page))


def test_html_page_with_no_documents(tmp_path: Path) -> None:
    path = tmp_path / "nodocs.html"
    path.write_text("<html><body><p>Foreign Relations of the United States</p>"
                    "<p>Nothing here.</p></body></html>", encoding="utf-8")
    with pytest.raises(ReadError, match="no documents found"):
        next(HtmlReader().read(path))


def test_truncated_document(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("We both must make our best efforts")  # in document 140
    path = tmp_path / "truncated.txt"
    path.write_text(text[: cut + 20], encoding="utf-8")
    batch = _read(path)
    assert [r.number for r in batch.records][-1] == "140"
    assert len(batch.records) == 15
    assert "truncated" in batch.records[-1].flags
    assert not any("truncated" in r.flags for r in batch.records[:-1])
    assert any("140" in w and "truncated" in w for w in batch.warnings)


def test_truncated_after_a_heading(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    cut = text.index("141. Telegram From the Department of State")
    path = tmp_path / "heading_only.txt"
    path.write_text(text[:cut] + "141. Telegram From the Department of State to the Mission",
                    encoding="utf-8")
    batch = _read(path)
    assert batch.records[-1].number == "141"
    assert "truncated" in batch.records[-1].flags


def test_complete_page_is_not_truncated() -> None:
    assert not any("truncated" in r.flags for r in _read(SEED).records)


def test_mixed_encodings(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    # UTF-8 text ("–" below is UTF-8) with cp1252 curly quotes pasted into one paragraph.
    head, tail = text.split("Secretary Rusk said the time had come", 1)
    head = head.replace("Report Number Six of", "Report Number Six – draft of")
    data = (head.encode("utf-8") + b"Secretary Rusk said \x93the time\x94 had come"
            + tail.encode("utf-8"))
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    batch = _read(path)
    doc127 = next(r for r in batch.records if r.number == "127")
    assert "Secretary Rusk said “the time” had come" in doc127.text
    assert "Report Number Six – draft of" in batch.records[0].text
    assert len(batch.records) == 25
    assert any("cp1252" in w and "line" in w for w in batch.warnings)


def test_whole_file_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(TITLE.encode() + "1. Editorial Note\n\nKhrushchev’s “letter” arrived.\n"
                     .encode("cp1252"))
    batch = _read(path)
    assert batch.records[0].text == "Khrushchev’s “letter” arrived."
    assert any("cp1252" in w for w in batch.warnings)


def test_clean_utf8_gives_no_encoding_warning() -> None:
    assert not any("cp1252" in w for w in _read(SEED).warnings)


def test_binary_and_overlong_lines(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(TITLE.encode() + b"1. Editorial Note\n\n\x00\x01\x02\n")
    with pytest.raises(ReadError, match="NUL"):
        _read(path)
    path = tmp_path / "oneline.txt"
    path.write_bytes(TITLE.encode() + b"x" * (2 << 20))
    with pytest.raises(ReadError, match="longer than 1 MiB"):
        _read(path)


def test_no_title_block_falls_back_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bare.txt"
    path.write_text("12. Telegram From the Embassy in France to the Department of State\n\n"
                    "Paris, May 1, 1961, 5 p.m.\n\n901. Text.\n", encoding="utf-8")
    with pytest.raises(ReadError, match="format not recognised"):
        detect_reader(path)
    batch = next(TextReader().read(path))
    assert batch.records[0].id == "bare/d12"
    assert any("no FRUS title block" in w for w in batch.warnings)
    forced = next(TextReader(collection="frus1961-63v14").read(path))
    assert forced.records[0].id == "frus1961-63v14/d12" and not forced.warnings


def test_each_bad_file_named_and_nothing_stored_lost(tmp_path: Path) -> None:
    """Through the archive: one line per bad file, naming it; the good records stay."""
    from cablegram.archive import Archive

    good = tmp_path / "good" / SEED.name
    good.parent.mkdir()
    good.write_bytes(SEED.read_bytes())
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "nodocs.txt").write_text(TITLE + "flag\n", encoding="utf-8")
    text = SEED.read_text(encoding="utf-8")
    (bad / "truncated.txt").write_text(text[: text.index("We both must make")], encoding="utf-8")
    head, tail = text.split("Secretary Rusk said the time had come", 1)
    (bad / "mixed.txt").write_bytes(head.encode() + b"Secretary Rusk said \x93the time\x94"
                                    + b" had come" + tail.encode())
    with Archive.open(tmp_path / "a.db") as archive:
        archive.ingest([good])
        before = archive.get("frus1961-63v11/d150").to_dict()
        report = archive.ingest([bad])
        errors = dict(report.errors)
        assert set(errors) == {str(bad / "empty.txt"), str(bad / "nodocs.txt")}
        assert "empty" in errors[str(bad / "empty.txt")]
        assert "no documents found" in errors[str(bad / "nodocs.txt")]
        named = {w.split(": ", 1)[0] for w in report.warnings}
        assert {str(bad / "truncated.txt"), str(bad / "mixed.txt")} <= named
        # The truncated copy of volume XI (documents 126-140) must not take 141-150 away.
        assert archive.get("frus1961-63v11/d150").to_dict() == before


DOC = (
    "{n}. Telegram From the Embassy in the Soviet Union to the Department of State\n\n"
    "Moscow, November {d}, 1962, 7 p.m.\n\n"
    "//Source: Department of State, Central Files, 611.3722/11-162. Secret; Priority.\n\n"
    "{n}0. Eyes only for the Secretary./1/ " + "The conversation went on at length. " * 90
    + "\n\n/1/See Document 5.\n\nKohler\n\n"
)
BIG = 100 * 1024 * 1024


def _big_file(path: Path) -> int:
    """A 100 MB page of documents in the seed layout; returns how many were written."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        f.write(TITLE)
        size = len(TITLE)
        while size < BIG:
            n += 1
            chunk = DOC.format(n=n, d=1 + n % 28)
            f.write(chunk)
            size += len(chunk)
        f.write("[end of document]\n")
    return n


@pytest.mark.slow
def test_100_mb_file_streams_by_document(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    written = _big_file(path)
    assert path.stat().st_size >= BIG
    doc_size = len(DOC.format(n=99999, d=10))
    # The reader never reads more than the next paragraph ahead of the document it yields.
    state = SplitState()
    with path.open("rb") as f:
        records = iter_records(iter_paragraphs(iter_lines(f, path, DecodeReport())), path, state)
        for i, _rec in enumerate(records):
            assert f.tell() <= len(TITLE) + (i + 2) * (doc_size + 64)
            if i == 200:
                break
    batch = _read(path)
    assert len(batch.records) == written
    assert batch.records[-1].id == f"frus1961-63v11/d{written}"
    assert all(len(r.footnotes) == 1 and r.signers for r in batch.records[:: written // 50])
    assert not [w for w in batch.warnings if "truncated" in w or "cp1252" in w]
