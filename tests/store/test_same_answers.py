"""The same answers on both backends: the whole corpus ingested into SQLite and, apart, into
PostgreSQL; for each fixed query the ids and order of the first 50 results, the total and
every facet's counts are identical. Equal scores are ordered by document id (docs/search.md,
"Ties"), which is what makes the order identical: each backend numbers its rows its own way.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.archive import Archive
from cablegram.search.facets import ALL_FACETS

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS",
                             Path(__file__).parents[3] / "shared" / "corpus"))
VOLUMES = sorted((CORPUS / "frus").glob("*.xml.gz")) if CORPUS.exists() else []

QUERIES: tuple[str, ...] = (
    "berlin", "khrushchev", "cuba missiles", "laos OR vietnam", '"missile crisis"',
    '"national security council"', "khrush*", "commun*", "NEAR(khrushchev kennedy, 5)",
    "berlin NOT cuba", "(berlin OR cuba) AND khrushchev", "from:Rusk", "to:Kennedy",
    'from:"Embassy in the Soviet Union"', "place:Moscow", "type:telegram berlin",
    'type:"memorandum of conversation" de gaulle', 'class:"top secret" nuclear',
    "has:redaction intelligence", "has:footnote oil", "date:1962-10 cuba", "date:1948..1950 china",
    "number:66", "collection:frus1961-63v06", "collection:frus1964-68* israel",
    "NOT has:footnote", "president", "the", "economic assistance", "khrushchev~1",
    "date:1973 kissinger", "nasser OR sadat", "type:letter",
)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory,
             request: pytest.FixtureRequest) -> Iterator[tuple[Archive, Archive]]:
    if not VOLUMES:
        pytest.skip(f"no corpus at {CORPUS}")
    pg_url = request.getfixturevalue("pg_admin_url")
    from pg_server import drop_database, new_database

    url = new_database(pg_url)
    lite = Archive.open(tmp_path_factory.mktemp("same") / "a.db")
    pg = Archive.open(url)
    try:
        for archive in (lite, pg):
            report = archive.ingest(VOLUMES, read_ahead="process")
            assert report.failed == 0, report.errors
        yield lite, pg
    finally:
        lite.close()
        pg.close()
        drop_database(pg_url, url)


def test_at_least_thirty_queries() -> None:
    assert len(set(QUERIES)) >= 30


@pytest.mark.parametrize("query", QUERIES)
def test_same_answers(archives: tuple[Archive, Archive], query: str) -> None:
    lite, pg = archives
    a = lite.search(query, facets=ALL_FACETS, limit=50, facet_size=None)
    b = pg.search(query, facets=ALL_FACETS, limit=50, facet_size=None)
    assert [r["id"] for r in a["results"]] == [r["id"] for r in b["results"]]
    assert a["total"] == b["total"]
    assert a["facets"] == b["facets"]
    assert [r["score"] for r in a["results"]] == [r["score"] for r in b["results"]]


@pytest.mark.parametrize("query", ["the", "type:telegram", "president"])
def test_same_order_by_date(archives: tuple[Archive, Archive], query: str) -> None:
    lite, pg = archives
    a = lite.search(query, sort="date", limit=50, offset=100)
    b = pg.search(query, sort="date", limit=50, offset=100)
    assert [r["id"] for r in a["results"]] == [r["id"] for r in b["results"]]


def test_same_records(archives: tuple[Archive, Archive]) -> None:
    from cablegram.copying import content_hash

    lite, pg = archives
    assert content_hash(lite.store) == content_hash(pg.store)
