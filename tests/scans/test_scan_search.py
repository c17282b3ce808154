"""OCR-aware search: the fuzzy operator `word~N` and the page and box of each hit on a scan."""

from __future__ import annotations

from pathlib import Path

import pytest
from make_scans import text_pdf, the_seed_telegram

from cablegram.archive import Archive
from cablegram.errors import QueryError
from cablegram.search.query import Fuzzy, parse, to_text

# What OCR makes of the seed telegram: "Khrushchcv", "Moscovv".
OCRED = the_seed_telegram().text.replace("Khrushchev", "Khrushchcv") + "\nMoscovv agreed."


@pytest.mark.parametrize(("query", "node"), [
    ("Khrushchev~1", Fuzzy("Khrushchev", 1)),
    ("Moscow~2", Fuzzy("Moscow", 2)),
    ("Moscow~", Fuzzy("Moscow", 1)),
])
def test_parse_fuzzy(query: str, node: Fuzzy) -> None:
    assert parse(query) == node
    assert parse(to_text(node)) == node


@pytest.mark.parametrize("query", ["Moscow~3", "Moscow~0", "~1", "khrush*~1", "NEAR(a~1 b)"])
def test_bad_fuzzy_is_a_query_error(query: str) -> None:
    with pytest.raises(QueryError):
        parse(query)


def test_fuzzy_finds_ocr_errors_and_hits_give_page_and_box(tmp_path: Path) -> None:
    scan = tmp_path / "CDNW12467.pdf"
    scan.write_bytes(text_pdf([OCRED]))
    with Archive.open(tmp_path / "a.db") as a:
        a.ingest([scan])
        assert a.search("Khrushchev")["total"] == 0
        (hit,) = a.search("Khrushchev~1")["results"]
        assert hit["id"] == "CDNW12467"
        (box,) = hit["scan"]
        assert box["page"] == 1 and box["word"] == "Khrushchcv"
        left, top, width, height = box["box"]
        assert left > 0 and top > 0 and width > 5 * height > 0
        # "Moscovv" is two edits from "Moscow" (w→v, one v more).
        assert a.search("Moscow~1")["total"] == 0
        assert a.search("Moscow~2")["total"] == 1
        words = {b["word"] for b in a.search("council Finlett*")["results"][0]["scan"]}
        assert words == {"Council", "COUNCIL", "Finletter."}
