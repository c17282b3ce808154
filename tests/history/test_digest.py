"""Digests: the seed catalog pages' item tables reproduced; every sentence verbatim; every
document of the range listed, on the seeds and (marked corpus) on the FRUS corpus.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.archive import Archive
from cablegram.history.digest import Digest, range_title, split_sentences

# The three seed pages (../shared/seeds), kept as fixtures.
SEEDS = Path(__file__).parents[1] / "fixtures" / "text"
SEED_FILES = ("000_bf63f812ba403214.txt", "001_dae7b9ded274fa96.txt", "003_1bdb9de2a8d2d4fa.txt")
_ROW = re.compile(r"^(CDNW\d+\.pdf)\s*\|?\s*(.*)$")


def seed_rows(name: str) -> list[list[str]]:
    """The rows of every item table of a seed page, in order, repeats included."""
    rows = []
    for line in (SEEDS / name).read_text(encoding="utf-8").splitlines():
        m = _ROW.match(line.strip())
        if m:
            cells = [m[1]] + [c for c in re.split(r"\s*\|\s*|\s+", m[2]) if c]
            rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive.open(tmp_path_factory.mktemp("seeds") / "s.db") as a:
        report = a.ingest([SEEDS / n for n in SEED_FILES], read_ahead="off")
        assert report.failed == 0
        yield a


def check(archive: Archive, page: Digest, lo: str, hi: str,
          collection: str | None = None) -> None:
    """Every document of [lo, hi] listed once, its row from its record; every sentence
    found verbatim in the document it cites, which is one of the range."""
    docs = [e for e in archive.chronology(lo, hi, collection).entries
            if e.doc_type != "catalog-page"]
    assert sorted(i.id for i in page.items) == sorted(e.id for e in docs)
    for item in page.items:
        rec = archive.get(item.id)
        assert item.number == (rec.telegram_number or "")
        assert item.sender == str(rec.extra.get("from_code") or rec.sender or "")
        assert item.recipient == str(rec.extra.get("to_code") or rec.recipient or "")
        assert item.date == str(rec.extra.get("date_printed") or rec.date
                                or next(e.day for e in docs if e.id == rec.id))
    ids = {e.id for e in docs}
    for section in page.sections:
        assert section.sentences
        for s in section.sentences:
            assert s.doc_id in ids
            rec = archive.get(s.doc_id)
            assert s.text in rec.text or any(s.text in f.text for f in rec.footnotes)
            assert f"{s.text} ({s.doc_id})" in page.markdown()


def test_seed_page_000_table_reproduced_exactly(seeds: Archive) -> None:
    page = seeds.digest("1962-11-20", "1962-11-21")
    assert page.title == "November 20 - November 21, 1962"
    assert [i.cells() for i in page.items] == seed_rows("000_bf63f812ba403214.txt")
    lines = page.markdown().splitlines()
    table = lines[lines.index("Item | Date | From | To | Number |") + 1:]
    seed_lines = [ln for ln in (SEEDS / "000_bf63f812ba403214.txt").read_text(
        encoding="utf-8").splitlines() if ln.startswith("CDNW")]
    assert table == seed_lines
    check(seeds, page, "1962-11-20", "1962-11-21")


def test_seed_page_001_tables_reproduced(seeds: Archive) -> None:
    # The page lists items again under each theme; the digest lists each document once.
    page = seeds.digest("1962-11-08", "1962-11-13")
    rows = seed_rows("001_dae7b9ded274fa96.txt")
    got = [i.cells() for i in page.items]
    assert len(got) == len({tuple(r) for r in got})
    assert {tuple(r) for r in got} == {tuple(r) for r in rows}
    assert page.title == "November 8 - November 13, 1962"


def test_random_ranges_of_the_frus_seed(seeds: Archive) -> None:
    rng = random.Random(16)
    for _ in range(5):
        lo = date(1962, 10, 31) + timedelta(days=rng.randrange(6))
        hi = lo + timedelta(days=rng.randrange(3))
        page = seeds.digest(lo.isoformat(), hi.isoformat())
        assert page.items
        check(seeds, page, lo.isoformat(), hi.isoformat())


def test_html_escapes_and_json() -> None:
    from cablegram.history.digest import Item, Section, Sentence

    page = Digest("1962-10-27", "1962-10-27", "t", [Section(
        "A <b>", [Sentence("x < y & z.", "c/d1", "text", ("", "", 0, 0))])],
        [Item("<i>", "d", "f", "t", "1", "c/d1")])
    assert "&lt;b&gt;" in page.html() and "x &lt; y &amp; z. (c/d1)" in page.html()
    assert page.as_dict()["items"][0]["item"] == "<i>"


def test_titles_and_sentences() -> None:
    assert range_title("1962-10-27", "1962-10-27") == "October 27, 1962"
    assert range_title("1962-12-30", "1963-01-02") == "December 30, 1962 - January 2, 1963"
    text = "He came. “Why?” she asked. (Then he left.)\n\nNew paragraph here."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "He came.", "“Why?” she asked.", "(Then he left.)", "New paragraph here."]


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_digest_of_the_crisis_weekend(corpus: Archive) -> None:
    page = corpus.digest("1962-10-27", "1962-10-28")
    assert len(page.items) >= 30 and page.sections
    check(corpus, page, "1962-10-27", "1962-10-28")


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_digest_of_random_ranges(corpus: Archive) -> None:
    rng = random.Random(1962)
    lo_day, hi_day = (date.fromisoformat(d) for d in ("1945-01-01", "1976-12-31"))
    for _ in range(4):
        lo = lo_day + timedelta(days=rng.randrange((hi_day - lo_day).days))
        hi = lo + timedelta(days=rng.randrange(3))
        check(corpus, corpus.digest(lo.isoformat(), hi.isoformat()), lo.isoformat(),
              hi.isoformat())


@given(st.text(max_size=400))
def test_sentences_are_ordered_slices(text: str) -> None:
    end = 0
    for a, b in split_sentences(text):
        assert end <= a < b <= len(text)
        assert not text[b - 1].isspace()  # trailing space is cut; a sentence is never blank
        end = b
