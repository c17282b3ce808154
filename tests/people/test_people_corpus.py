"""Two real volumes with the real people register and pocom: linked during the ingest in
reader processes, searchable by person, facet counts equal to the records' own persons."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.archive import Archive

CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", Path(__file__).parents[3] / "shared" / "corpus"))
VOLUMES = ("frus1961-63v05", "frus1961-63v06")
# Seed 003: plain text of frus1961-63v11 (not in the corpus), no markup, no persons list.
SEED = Path(__file__).parents[1] / "fixtures" / "text" / "003_1bdb9de2a8d2d4fa.txt"
KOHLER, MCCLOY, KUZNETSOV = "107327", "108784", "107516"

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    if not (CORPUS / "people" / "data").is_dir():
        pytest.skip("corpus not found (CABLEGRAM_CORPUS)")
    db = tmp_path_factory.mktemp("people") / "a.db"
    with Archive.open(db) as a:
        report = a.ingest([*(CORPUS / "frus" / f"{v}.xml.gz" for v in VOLUMES), SEED,
                           CORPUS / "pocom", CORPUS / "people"], read_ahead="process")
        assert report.errors == [] and report.ingested == len(VOLUMES) + 1
        assert [x.status for x in report.authorities] == ["ingested", "ingested"]
        yield a


def test_the_authorities_are_stored(archive: Archive) -> None:
    people = archive.stats()["people"]
    assert people["register_persons"] > 16_000
    assert people["appointments"] > 6_000
    assert people["collections_unlinked"] == 0


def test_kohler_is_found_by_id_and_name(archive: Archive) -> None:
    by_id = archive.search(f"person:{KOHLER}", limit=1000)
    assert by_id["total"] > 10
    by_name = archive.search('person:"Foy Kohler"', limit=1000)
    assert by_name["total"] == by_id["total"]
    for hit in by_id["results"][:20]:
        assert KOHLER in {p.id for p in archive.get(hit["id"]).persons}
    kohler = archive.person(KOHLER)
    assert kohler.name.startswith("Kohler, Foy")
    assert any(a["post"] == "russia" and (a["start"] or "").startswith("1962")
               for a in kohler.appointments)
    assert len(kohler.sent) + len(kohler.received) + len(kohler.mentioned) == by_id["total"]


def test_persons_facet_equals_a_counter_over_the_records(archive: Archive) -> None:
    expected = Counter(pid for r in archive.records()
                       for pid in {p.id for p in r.persons if p.id is not None})
    out = archive.search("NOT zzzzqqq", facets=["persons"], limit=0)
    facet = {v: n for v, n, _ in out["facets"]["persons"] if v is not None}
    top = dict(expected.most_common(len(facet)))
    assert facet == {k: expected[k] for k in facet}
    assert min(facet.values()) >= min(top.values())


def test_a_text_page_is_linked_with_its_volume_persons_from_the_register(
        archive: Archive) -> None:
    ids = {p.id for p in archive.get("frus1961-63v11/d128").persons}
    assert {MCCLOY, KUZNETSOV} <= ids
    assert archive.search(f"person:{MCCLOY} collection:frus1961-63v11")["total"] >= 2


def test_linking_again_changes_nothing(archive: Archive) -> None:
    before = list(archive.records_json(VOLUMES[1]))
    report = archive.link(everything=True)
    assert sorted(report.collections) == sorted([*VOLUMES, "frus1961-63v11"])
    assert list(archive.records_json(VOLUMES[1])) == before
