"""The search page's facet counts kept per query in the worker: the same answer as counting
again, and never an answer from before the archive changed."""

from __future__ import annotations

from typing import Any

from web_fixtures import V06, build_archive

from cablegram.archive import Archive
from cablegram.record import Batch, Collection, Record
from cablegram.search.facets import ALL_FACETS
from cablegram.web import search_cache
from cablegram.web.views import FACET_SIZES


def _counted(q: str, facets: dict[str, Any]) -> dict[str, Any]:
    return facets


def _search(archive: Archive, q: str, offset: int = 0,
            sort: str = "relevance") -> tuple[dict[str, Any], dict[str, Any]]:
    return search_cache.search_with_facets(archive, q, sort, 20, offset, FACET_SIZES, _counted)


def test_a_kept_count_is_the_count_made_again(archive_location: str) -> None:
    with Archive.open(build_archive(archive_location)) as archive:
        fresh = archive.search("NOT zzz", facets=ALL_FACETS, facet_size=FACET_SIZES)
        first, counted = _search(archive, "NOT zzz")
        again, kept = _search(archive, "NOT zzz", offset=1, sort="date")
        assert kept is counted  # taken from the worker's cache ...
        assert kept == fresh["facets"]  # ... and the same as counting again
        assert again["facets"] == {}  # the second search counted nothing
        assert again["total"] == first["total"] == fresh["total"]
        assert again["results"] == archive.search("NOT zzz", sort="date", offset=1)["results"]


def test_a_change_to_the_archive_makes_kept_counts_stale(archive_location: str) -> None:
    with Archive.open(build_archive(archive_location)) as archive:
        _, before = _search(archive, "berlin")
        new = Record(id=f"{V06}/d99", collection="extra", title="Berlin wall",
                     text="Berlin.", doc_type="memorandum")
        archive.store.put_batch(Batch(Collection("extra"), [new]), path="extra", sha256="x")
        _, after = _search(archive, "berlin")
        assert ["memorandum", 1] not in before["doc_type"]
        assert ["memorandum", 1] in after["doc_type"]


def test_the_cache_keeps_at_most_its_size(archive_location: str) -> None:
    with Archive.open(build_archive(archive_location)) as archive:
        for word in ("berlin", "cuba", "laos", "moscow"):
            _search(archive, word)
        kept = search_cache._KEPT[archive]
        assert len(kept) == 4
        size = search_cache.SIZE
        try:
            search_cache.SIZE = 2
            _search(archive, "paris")
            assert [k[0] for k in kept] == ["moscow", "paris"]  # the oldest gone first
        finally:
            search_cache.SIZE = size


def test_a_page_from_kept_parts_is_the_page_made_afresh(web_db: str) -> None:
    from starlette.testclient import TestClient

    from cablegram.web import create_app

    paths = ["/search?q=NOT+zzz&offset=1", "/search?q=NOT+zzz&sort=date",
             "/search.json?q=NOT+zzz&offset=2"]
    with TestClient(create_app(web_db)) as warm:
        warm.get("/search?q=NOT+zzz")  # counts and sidebar kept in this worker
        kept = [warm.get(p).text for p in paths]
    for path, text in zip(paths, kept, strict=True):
        with TestClient(create_app(web_db)) as cold:  # a worker that kept nothing
            assert cold.get(path).text == text
    assert 'class="facet"' in kept[0] and 'class="histogram"' in kept[0]
