"""The archive's read views for the pages: neighbours, days, years, spans, backlinks."""

from __future__ import annotations

from cablegram.archive import Archive
from cablegram.record import Batch, Collection, Record, Reference


def _archive(path: str) -> Archive:
    a = Archive.open(path)
    docs = [Record(id="v1/d1", collection="v1", number="1", date="1962-10-27"),
            Record(id="v1/d2", collection="v1", number="2", date="1962-10-26"),
            Record(id="v1/d3", collection="v1", number="3"),
            Record(id="v1/d4", collection="v1", number="4", date="1962-10-27",
                   references=[Reference("Document 1", "v1/d1"),
                               Reference("Document 4", "v1/d4")]),
            Record(id="v1/d5", collection="v1", number="5", date_not_before="1961-01-01",
                   date_not_after="1961-12-31")]
    a.store.put_batch(Batch(Collection("v1", "One"), docs), path="v1", sha256="v1")
    return a


def test_neighbours_in_the_volume_and_by_date(archive_location: str) -> None:
    with _archive(archive_location) as a:
        assert a.neighbours("v1/d1") == {"prev": None, "next": "v1/d2",
                                         "prev_date": "v1/d2", "next_date": "v1/d4"}
        # Same day: by id; then the nearest other day.
        assert a.neighbours("v1/d4") == {"prev": "v1/d3", "next": "v1/d5",
                                         "prev_date": "v1/d1", "next_date": None}
        assert a.neighbours("v1/d2")["prev_date"] is None
        # Undated: no neighbours by date.
        assert a.neighbours("v1/d3") == {"prev": "v1/d2", "next": "v1/d4",
                                         "prev_date": None, "next_date": None}
        assert a.neighbours("nothing") == dict.fromkeys(
            ("prev", "next", "prev_date", "next_date"))


def test_days_years_spans_and_backlinks(archive_location: str) -> None:
    with _archive(archive_location) as a:
        assert [r.id for r in a.by_day("1962-10-26", "1962-10-27")] == [
            "v1/d2", "v1/d1", "v1/d4"]
        assert [r.id for r in a.by_day("1962-10-26", "1962-10-27", limit=1)] == ["v1/d2"]
        assert a.year_counts() == [(1961, 1), (1962, 3)]
        (span,) = a.collection_spans()
        assert (span.documents, span.date_from, span.date_to) == (5, "1961-01-01", "1962-10-27")
        assert a.cited_by("v1/d1") == [("v1/d4", "Document 1")]
        assert a.cited_by("v1/d4") == []  # a record citing itself is no backlink
        assert [r.number for r in a.toc("v1")] == ["1", "2", "3", "4", "5"]


def test_search_without_sync_never_writes_the_index(archive_location: str) -> None:
    with _archive(archive_location) as a:
        a.sync_index()
        a.store.put_batch(Batch(Collection("v2", "Two"), [
            Record(id="v2/d1", collection="v2", number="1", text="zanzibar")]),
            path="v2", sha256="v2")
        assert a.search("zanzibar", sync=False)["total"] == 0  # the index as it was
        assert a.search("zanzibar")["total"] == 1
