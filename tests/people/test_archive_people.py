"""People in the archive: authorities stored first, records linked as they are read (in a
thread or in reader processes), linked again when the authorities change, looked up."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from people_fixtures import MINI, NAMELESS, write_authorities

from cablegram.archive import Archive
from cablegram.archive_people import NO_AUTHORITIES
from cablegram.errors import CablegramError, NotFound


@pytest.fixture
def archive(tmp_path: Path) -> Iterator[Archive]:
    a = Archive.open(tmp_path / "a.db")
    yield a
    a.close()


def corpus(tmp_path: Path, mini: str | None = None) -> Path:
    """A corpus folder: frus/frus-mini.xml, people/ and pocom/."""
    root = tmp_path / "corpus"
    write_authorities(root)
    (root / "frus").mkdir()
    (root / "frus" / "frus-mini.xml").write_text(mini or MINI.read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    return root


def links(archive: Archive) -> dict[str, list[tuple[str | None, str]]]:
    return {r.id: [(p.id, p.how) for p in r.persons] for r in archive.records()}


LINKED = {"frus-mini/d1": [("100002", "markup"), ("100001", "markup")],
          "frus-mini/d2": [("100002", "name")], "frus-mini/d3": [], "frus-mini/d4": []}


def test_a_corpus_folder_stores_authorities_then_linked_volumes(archive: Archive,
                                                                tmp_path: Path) -> None:
    root = corpus(tmp_path)
    # The volumes are named first: the authorities are still stored before them.
    report = archive.ingest([root / "frus", root / "pocom", root / "people"])
    assert [(a.path.name, a.status) for a in report.authorities] == [
        ("people", "ingested"), ("pocom", "ingested")]
    assert (report.ingested, report.failed, report.documents) == (1, 0, 4)
    assert links(archive) == LINKED
    assert report.linked is None  # nothing stored before needed linking again
    # The authorities' data warnings, each naming its file and entry.
    people_file = next(root.rglob(f"{NAMELESS}.xml"))
    assert f"{people_file}: register entry {NAMELESS} has no name; skipped" in report.warnings
    assert any(w.startswith(str(root / "pocom/positions-principals/secretary.xml"))
               and "secr-bad ends (1969-01-01) before it starts (1970-01-01)" in w
               for w in report.warnings)
    again = archive.ingest([root])
    assert [a.status for a in again.authorities] == ["unchanged", "unchanged"]
    assert again.unchanged == 1 and again.linked is None and again.warnings == []


def test_reader_processes_link_as_the_thread_does(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    got = {}
    for mode in ("process", "off"):
        with Archive.open(tmp_path / f"{mode}.db") as a:
            a.ingest([root], read_ahead=mode)
            got[mode] = list(a.records_json())
    assert got["process"] == got["off"]
    assert '"how": "markup"' in "".join(got["off"])


def test_volumes_stored_before_the_authorities_are_linked_after(archive: Archive,
                                                                tmp_path: Path) -> None:
    root = corpus(tmp_path)
    archive.ingest([root / "frus"])
    assert archive.stats()["people"]["collections_unlinked"] == 1
    with pytest.raises(CablegramError, match="no authorities in the archive"):
        archive.link()
    # The markup links come with the reading; name links need the authorities.
    assert links(archive)["frus-mini/d2"] == []
    seen: list[tuple[int, int, str]] = []
    report = archive.ingest([root / "people", root / "pocom"],
                            on_link=lambda *a: seen.append(a))
    assert report.linked is not None and report.linked.collections == ["frus-mini"]
    assert seen == [(1, 1, "frus-mini")]
    assert links(archive) == LINKED
    assert archive.link().collections == []  # incremental: nothing changed
    assert archive.link(everything=True).documents == 4
    assert links(archive) == LINKED
    assert archive.search("person:Khrushchev")["total"] == 2


def test_a_changed_register_links_everything_again(archive: Archive, tmp_path: Path) -> None:
    root = corpus(tmp_path)
    archive.ingest([root])
    kohler = next(root.rglob("107327.xml"))
    kohler.write_text(kohler.read_text().replace("Kohler, Foy D.", "Kohler, Foy David"))
    report = archive.ingest([root])
    assert [a.status for a in report.authorities] == ["replaced", "unchanged"]
    assert report.linked is not None and report.linked.collections == ["frus-mini"]
    assert archive.person("107327").name == "Kohler, Foy David"


def test_a_person_file_that_is_not_xml_is_one_warning(archive: Archive,
                                                      tmp_path: Path) -> None:
    root = corpus(tmp_path)
    bad = next(root.rglob("100001.xml"))
    bad.write_text("<person><id>100001</id><names>")
    report = archive.ingest([root])
    assert report.failed == 0
    [line] = [w for w in report.warnings if w.startswith(str(bad))]
    assert "not well-formed XML" in line and "\n" not in line
    assert archive.find_persons("Khrushchev") == ["100002"]  # the rest is stored
    assert archive.find_persons("Rusk") == []


def test_a_pocom_folder_of_the_wrong_layout_fails_and_keeps_what_was_stored(
        archive: Archive, tmp_path: Path) -> None:
    root = corpus(tmp_path)
    archive.ingest([root])
    broken = tmp_path / "pocom2"
    shutil.copytree(root / "pocom", broken)
    shutil.rmtree(broken / "people")
    report = archive.ingest([broken])
    assert report.failed == 1
    assert report.errors == [(str(broken), "not a pocom folder: no people/ (pocom has "
                                           "people/, positions-principals/, missions-countries/)")]
    stored = archive.store.authority_source("pocom")
    assert stored is not None and stored[0] == str((root / "pocom").resolve())
    assert archive.person("107327").appointments[0]["post"] == "russia"


def test_a_persons_list_repeating_an_id_is_a_warning(archive: Archive,
                                                     tmp_path: Path) -> None:
    text = MINI.read_text(encoding="utf-8")
    item = '<item><hi rend="strong"><persName xml:id="p_RD3">Rusk, Dean</persName>,</hi>'
    twice = text.replace(item, item.replace("Rusk, Dean", "Rusk, D.") + " Sec.</item>" + item)
    root = corpus(tmp_path, twice)
    report = archive.ingest([root])
    assert any("persons list repeats id p_RD3" in w and w.startswith(
        str(root / "frus" / "frus-mini.xml")) for w in report.warnings)
    assert links(archive) == LINKED  # linking went on


def test_person_report(archive: Archive, tmp_path: Path) -> None:
    archive.ingest([corpus(tmp_path)])
    rusk = archive.person("Rusk")
    assert (rusk.id, rusk.name) == ("100001", "Rusk, Dean")
    assert [d.id for d in rusk.sent] == ["frus-mini/d1"]  # he signed it
    assert rusk.co_mentioned == [("100002", "Khrushchev, Nikita Sergeyevich", 1)]
    assert rusk.appointments[0] == {"role": "secretary", "post": "secretary",
                                    "start": "1961-01-21", "end": "1969-01-20"}
    khrushchev = archive.person("100002")
    assert [d.id for d in khrushchev.sent] == ["frus-mini/d2"]  # signed N. Khrushchev
    assert [d.id for d in khrushchev.mentioned] == ["frus-mini/d1"]
    with pytest.raises(CablegramError, match=r"'Kuznetsov' names 2 persons: 100004 "
                                             r"Kuznetsov, Vasily Vasilyevich; 100005"):
        archive.person("Kuznetsov")
    with pytest.raises(NotFound):
        archive.person("999999")
    with pytest.raises(CablegramError, match="no person named 'Nobody'"):
        archive.person("Nobody")


def test_person_needs_authorities(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(CablegramError) as info:
        archive.person("Rusk")
    assert str(info.value) == NO_AUTHORITIES


def test_persons_facet_counts_the_records_persons(archive: Archive, tmp_path: Path) -> None:
    archive.ingest([corpus(tmp_path)])
    expected = Counter(p.id for r in archive.records() for p in {q.id: q for q in r.persons
                                                                 if q.id}.values())
    facet = archive.search("NOT zzzz", facets=["persons"])["facets"]["persons"]
    assert {v: n for v, n, _ in facet if v is not None} == dict(expected)


@pytest.mark.parametrize("read_ahead", ["process", "thread", "off"])
def test_volumes_after_the_authorities_are_linked_with_the_stored_ones(
        archive: Archive, tmp_path: Path, read_ahead: str) -> None:
    root = corpus(tmp_path)
    archive.ingest([root / "people", root / "pocom"], read_ahead=read_ahead)
    report = archive.ingest([root / "frus"], read_ahead=read_ahead)
    assert report.authorities == [] and report.linked is None
    assert links(archive) == LINKED
    assert archive.stats()["people"]["collections_unlinked"] == 0


def test_without_authorities_reader_processes_store_unlinked_records(
        archive: Archive, tmp_path: Path) -> None:
    root = corpus(tmp_path)
    report = archive.ingest([root / "frus"], read_ahead="process")
    assert report.failed == 0 and report.documents == 4
    # Only the editors' markup; the register ids come with the authorities.
    assert {r.id: [p.how for p in r.persons] for r in archive.records()}["frus-mini/d1"] == [
        "markup", "markup"]
    assert archive.stats()["people"]["collections_unlinked"] == 1


@pytest.mark.parametrize("read_ahead", ["process", "thread"])
def test_authorities_that_cannot_be_loaded_leave_the_records_unlinked_and_said_so(
        archive: Archive, tmp_path: Path, read_ahead: str) -> None:
    root = corpus(tmp_path)
    archive.ingest([root / "people", root / "pocom"])
    archive.store.conn.execute("UPDATE authorities SET data = '{\"persons\": ['")  # damaged
    report = archive.ingest([root / "frus"], read_ahead=read_ahead)
    assert report.failed == 0 and report.documents == 4
    [read, again] = [w for w in report.warnings if "not linked" in w]
    assert read.startswith(f"{root / 'frus' / 'frus-mini.xml'}: not linked: ")
    assert "authorities could not be loaded" in read and "JSONDecodeError" in read
    assert again.startswith("not linked again: ") and "ingest the people register" in again
    assert archive.stats()["people"]["collections_unlinked"] == 1  # `cablegram link` will
