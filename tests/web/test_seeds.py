"""The seed pages through the site: the catalog item CDNW12467 with where it is cited, and
the seed edition's documents in the reader (tests/fixtures/text, from /work/shared/seeds)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from cablegram.archive import Archive
from cablegram.web import create_app

FIX = Path(__file__).parents[1] / "fixtures" / "text"
SEEDS = [FIX / "000_bf63f812ba403214.txt", FIX / "001_dae7b9ded274fa96.txt",
         FIX / "003_1bdb9de2a8d2d4fa.txt"]


@pytest.fixture(scope="module")
def seeds(session_location: Callable[[str], str]) -> Iterator[TestClient]:
    db = session_location("seeds")
    with Archive.open(db) as archive:
        report = archive.ingest(SEEDS, read_ahead="off")
        assert report.failed == 0
    with TestClient(create_app(db)) as client:
        yield client


def test_catalog_item_with_where_it_is_cited(seeds: TestClient) -> None:
    data = seeds.get("/items/CDNW12467.json").json()
    assert data["record"]["telegram_number"] == "2711"
    assert data["record"]["flags"] == ["possible-duplicate: CDNW12658"]
    assert [c["paragraph"] for c in data["cited_in"]] == [2, 7]
    assert [c["page"] for c in data["listed_in"]] == ["November 20 - November 21, 1962"]
    html = seeds.get("/items/CDNW12467").text
    assert "Cited in" in html and "paragraph 7" in html


def test_an_item_cited_but_listed_in_no_table(seeds: TestClient) -> None:
    data = seeds.get("/items/CDNW12686.json").json()
    assert data["listed_in"] == [] and data["cited_in"]


def test_seed_edition_in_the_reader(seeds: TestClient) -> None:
    data = seeds.get("/documents/frus1961-63v11/d134.json").json()
    assert data["neighbours"]["prev"]["id"] == "frus1961-63v11/d133"
    assert data["neighbours"]["next"]["id"] == "frus1961-63v11/d135"
    assert data["record"]["footnotes"]
    contents = seeds.get("/collections/frus1961-63v11.json").json()
    numbers = [d["number"] for ch in contents["chapters"] for d in ch["documents"]]
    assert numbers == [str(n) for n in range(126, 151)]
    digest = seeds.get("/digest.json?from=1962-11-20&to=1962-11-21").json()
    assert [p["title"] for p in digest["pages"]] == ["November 20 - November 21, 1962"]
    assert "CDNW12467" in {i["id"] for i in digest["items"]}
