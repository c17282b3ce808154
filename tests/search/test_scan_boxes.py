"""A search hit on a scan carries the boxes of its matched words, on both backends; a hit
that is no scan carries none, even when its text speaks of "words" (PostgreSQL reads a
record's JSON only when its text holds that key)."""

from __future__ import annotations

from cablegram.archive import Archive
from cablegram.record import Batch, Collection, Record

TEXT = "Berlin talks resumed."


def test_scan_boxes_on_both_backends(archive_location: str) -> None:
    scan = Record(id="s/p1", collection="s", number="1", title="Scan", text=TEXT,
                  format="scan",
                  extra={"words": [[1, 0, 6, 10, 20, 60, 12, 96.0],
                                   [1, 7, 12, 75, 20, 40, 12, 91.0]]})
    page = Record(id="s/p2", collection="s", number="2", title='"words": Berlin',
                  text='Berlin: the key "words" in a text, and no boxes.')
    with Archive.open(archive_location) as a:
        a.store.put_batch(Batch(Collection("s"), [scan, page]), path="s", sha256="s")
        hits = {r["id"]: r for r in a.search("berlin")["results"]}
    assert set(hits) == {"s/p1", "s/p2"}
    assert hits["s/p1"]["scan"] == [{"page": 1, "box": [10, 20, 60, 12], "word": "Berlin"}]
    assert "scan" not in hits["s/p2"]
