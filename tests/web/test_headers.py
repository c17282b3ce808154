"""Collection headers kept per worker: the collection as `Archive.collection` reads it less
its lists, NotFound for an unknown id, and read again after an ingest."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_fixtures import V06, build_archive

from cablegram.archive import Archive
from cablegram.errors import NotFound
from cablegram.record import Batch, Collection, Record
from cablegram.web.headers import collection_header


def test_a_header_is_the_collection_without_its_lists(tmp_path: Path) -> None:
    with Archive.open(build_archive(tmp_path / "a.db")) as archive:
        full = archive.collection(V06)
        header = collection_header(archive, V06)
        assert full.persons and not header.persons and not header.terms
        assert (header.id, header.title, header.format, header.meta) == (
            full.id, full.title, full.format, full.meta)
        assert collection_header(archive, V06) is header  # kept, not read again
        with pytest.raises(NotFound):
            collection_header(archive, "frus1900v99")


def test_an_ingest_makes_the_headers_read_again(tmp_path: Path) -> None:
    with Archive.open(build_archive(tmp_path / "a.db")) as archive:
        with pytest.raises(NotFound):
            collection_header(archive, "extra")
        new = Record(id="extra/d1", collection="extra", title="Berlin", text="Berlin.")
        archive.store.put_batch(Batch(Collection("extra", title="Extra volume"), [new]),
                                path="extra", sha256="x")
        assert collection_header(archive, "extra").title == "Extra volume"
