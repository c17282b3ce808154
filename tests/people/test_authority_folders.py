"""Authority folders among the paths to ingest: recognised by layout, never walked as documents."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from people_fixtures import MINI, write_pocom, write_register

from cablegram.archive import _wanted
from cablegram.authority_folders import (
    PEOPLE,
    POCOM,
    authority_kind,
    folder_signature,
    layout_error,
    split_paths,
)


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "frus").mkdir(parents=True)
    shutil.copy(MINI, root / "frus" / "frus-mini.xml")
    write_register(root / "people")
    write_pocom(root / "pocom")
    return root


def test_the_kinds_are_recognised_by_layout(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    assert authority_kind(root / "people") == PEOPLE
    assert authority_kind(root / "pocom") == POCOM
    assert authority_kind(root / "frus") is None
    assert authority_kind(root) is None
    assert layout_error(root / "people", PEOPLE) is None
    assert layout_error(root / "pocom", POCOM) is None


def test_a_corpus_folder_gives_its_authorities_and_only_its_volumes(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    split = split_paths([root], _wanted)
    assert split.authorities == {PEOPLE: root / "people", POCOM: root / "pocom"}
    assert split.files == [root / "frus" / "frus-mini.xml"]
    assert split.bad == []


def test_authorities_named_after_the_volumes_are_still_found(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    split = split_paths([root / "frus", root / "pocom", root / "people"], _wanted)
    assert set(split.authorities) == {PEOPLE, POCOM}
    assert split.files == [root / "frus" / "frus-mini.xml"]


def test_a_pocom_folder_missing_its_people_is_not_one(tmp_path: Path) -> None:
    pocom = write_pocom(tmp_path / "pocom")
    shutil.rmtree(pocom / "people")
    split = split_paths([pocom], _wanted)
    assert split.authorities == {}
    assert split.files == []  # not walked as documents either
    [(folder, reason)] = split.bad
    assert folder == pocom
    assert reason == ("not a pocom folder: no people/ (pocom has people/, positions-principals/,"
                      " missions-countries/)")


def test_a_register_without_person_files_is_not_one(tmp_path: Path) -> None:
    people = tmp_path / "people"
    (people / "data" / "100000" / "1").mkdir(parents=True)
    (people / "data" / "100000" / "1" / "notes.xml").write_text("<x/>")
    split = split_paths([people], _wanted)
    assert split.authorities == {} and split.files == []
    assert split.bad == [(people, "not a people register: no data/…/NNNNNN.xml person files")]


def test_two_registers_in_one_ingest_are_refused(tmp_path: Path) -> None:
    a = write_register(tmp_path / "a")
    b = write_register(tmp_path / "b")
    split = split_paths([a, b], _wanted)
    assert split.authorities == {PEOPLE: a}
    assert [f for f, _ in split.bad] == [b]


def test_the_folder_signature_changes_with_any_file(tmp_path: Path) -> None:
    people = write_register(tmp_path / "people")
    before = folder_signature(people)
    assert folder_signature(people) == before
    kohler = next(people.rglob("107327.xml"))
    kohler.write_text("<person/>")
    changed = folder_signature(people)
    assert changed != before
    os.utime(kohler, ns=(0, 0))  # the same size, another time
    assert folder_signature(people) != changed
    (people / "data" / "new.xml").write_text("<person/>")
    assert folder_signature(people) not in (before, changed)
