"""Loading authorities from small register and pocom trees written here; bad entries warn.

Layouts learned from https://github.com/HistoryAtState/people (data/…/ID.xml) and
https://github.com/HistoryAtState/pocom (people/, missions-countries/, positions-principals/).
"""

from __future__ import annotations

from pathlib import Path

from cablegram.link.authorities import Authorities
from cablegram.record import Collection, Person, Term

REGISTER_ENTRY = """<person><id>{id}</id><names><preferred><name>{name}</name></preferred>
<alternates/><originals>
<original><name>{name}</name>
<source-url>https://history.state.gov/departmenthistory/people/{pocom}</source-url>
<source-url>https://history.state.gov/historicaldocuments/frus1961-63v06/persons#{xml_id}</source-url>
</original></originals></names><birth-year>{birth}</birth-year><death-year/></person>"""

CHIEF = """<chief><id>{id}</id><person-id>{person}</person-id>
<role-title-id>ambassador-e-p</role-title-id><started><date>{start}</date></started>
<ended><date>{end}</date></ended></chief>"""


def _register(root: Path, entries: list[dict[str, str]]) -> Path:
    d = root / "people" / "data" / "100000"
    d.mkdir(parents=True)
    for e in entries:
        (d / f"{e['id']}.xml").write_text(REGISTER_ENTRY.format(**e), encoding="utf-8")
    return root / "people"


def _pocom(root: Path, chiefs: list[dict[str, str]]) -> Path:
    pocom = root / "pocom"
    (pocom / "people" / "k").mkdir(parents=True)
    (pocom / "people" / "k" / "kohler-foy-david.xml").write_text(
        "<person><id>kohler-foy-david</id><persName><surname>Kohler</surname>"
        "<forename>Foy David</forename></persName></person>", encoding="utf-8")
    (pocom / "missions-countries").mkdir()
    body = "".join(CHIEF.format(**c) for c in chiefs)
    (pocom / "missions-countries" / "russia.xml").write_text(
        f"<country-mission><territory-id>russia</territory-id><chiefs>{body}</chiefs>"
        "</country-mission>", encoding="utf-8")
    return pocom


KOHLER = {"id": "107327", "name": "Kohler, Foy David", "pocom": "kohler-foy-david",
          "xml_id": "p_KFD1", "birth": "1908"}


def test_register_ties_volume_ids_and_pocom(tmp_path: Path) -> None:
    auth = Authorities.load(_register(tmp_path, [KOHLER]), None)
    p = auth.persons["107327"]
    assert p.name == "Kohler, Foy David"
    assert p.volume_ids == {"frus1961-63v06": ["p_KFD1"]}
    assert p.pocom_id == "kohler-foy-david"
    assert p.birth == 1908 and p.death is None
    assert auth.warnings == []


def test_register_entry_without_a_name_warns_and_loading_goes_on(tmp_path: Path) -> None:
    nameless = {**KOHLER, "id": "100001", "name": "", "xml_id": "p_X1"}
    auth = Authorities.load(_register(tmp_path, [nameless, KOHLER]), None)
    assert list(auth.persons) == ["107327"]
    [warning] = auth.warnings
    assert "100001.xml" in warning and "100001 has no name" in warning


def test_pocom_entry_ending_before_it_starts_warns(tmp_path: Path) -> None:
    pocom = _pocom(tmp_path, [
        {"id": "ru-1962-kohl-01", "person": "kohler-foy-david", "start": "1962-09-27",
         "end": "1966-11-14"},
        {"id": "ru-1999-bad-01", "person": "kohler-foy-david", "start": "1966-01-01",
         "end": "1965-01-01"},
    ])
    auth = Authorities.load(_register(tmp_path, [KOHLER]), pocom)
    chiefs = [a for a in auth.appointments if a.post == "russia"]
    assert [(a.start, a.end) for a in chiefs] == [("1962-09-27", "1966-11-14"),
                                                  ("1966-01-01", None)]
    assert chiefs[0].person_id == "107327" and chiefs[0].name == "Foy David Kohler"
    [warning] = auth.warnings
    assert "russia.xml" in warning and "ru-1999-bad-01" in warning and "before it starts" in warning


def test_persons_list_repeating_an_id_warns_and_keeps_the_first(tmp_path: Path) -> None:
    auth = Authorities.load(_register(tmp_path, [KOHLER]), None)
    auth.add_volume(Collection(
        id="frus1961-63v06",
        persons=[Person("p_KFD1", "Kohler, Foy D.", "Ambassador to the Soviet Union"),
                 Person("p_KFD1", "Kohler, F.", None)],
        terms=[Term("t_DEPTEL1", "Deptel", "Department of State telegram")]))
    [vp] = auth.volume_persons("frus1961-63v06")
    assert (vp.name, vp.register_id) == ("Kohler, Foy D.", "107327")
    [warning] = auth.warnings
    assert "frus1961-63v06" in warning and "repeats id p_KFD1" in warning
    assert auth.terms["frus1961-63v06"] == {"Deptel": "Department of State telegram"}


def test_malformed_file_warns(tmp_path: Path) -> None:
    people = _register(tmp_path, [KOHLER])
    (people / "data" / "100000" / "100002.xml").write_text("<person><id>", encoding="utf-8")
    auth = Authorities.load(people, None)
    assert list(auth.persons) == ["107327"]
    assert len(auth.warnings) == 1 and "100002.xml: not well-formed XML" in auth.warnings[0]


def test_json_round_trip(tmp_path: Path) -> None:
    auth = Authorities.load(_register(tmp_path, [KOHLER]), _pocom(tmp_path, [
        {"id": "ru-1962-kohl-01", "person": "kohler-foy-david", "start": "1962-09-27",
         "end": "1966-11-14"}]))
    auth.add_volume(Collection(id="v1", persons=[Person("p_A1", "Able, A.", None)]))
    back = Authorities.from_json(auth.to_json())
    assert back == auth


def test_register_entry_read_in_one_walk_takes_what_findtext_would(tmp_path: Path) -> None:
    # The first of each element counts, an empty one too; comments are no elements; every
    # original and alternate counts, in order.
    entry = """<person><!-- note --><id>100002</id><id>100003</id><names>
    <preferred/><preferred><name>Smith, John</name></preferred>
    <originals><original><name/><name>Smyth, J.</name>
    <source-url>https://history.state.gov/historicaldocuments/frus1961-63v06/persons#p_SJ1</source-url>
    </original><original><!-- c --><name>Smith, J.</name>
    <source-url>https://history.state.gov/historicaldocuments/frus1961-63v06/persons#p_SJ1</source-url>
    <source-url>https://history.state.gov/historicaldocuments/frus1964-68v01/persons#p_SJ2</source-url>
    </original></originals><alternates><name>Smith, Jack</name><name/></alternates>
    </names><birth-year></birth-year><birth-year>1900</birth-year><death-year>1970-05</death-year>
    </person>"""
    d = tmp_path / "people" / "data"
    d.mkdir(parents=True)
    (d / "100002.xml").write_text(entry, encoding="utf-8")
    auth = Authorities.load(tmp_path / "people", None)
    p = auth.persons["100002"]
    assert p.name == "Smith, John"
    assert p.names == ["Smith, John", "Smith, J.", "Smith, Jack"]
    assert p.volume_ids == {"frus1961-63v06": ["p_SJ1"], "frus1964-68v01": ["p_SJ2"]}
    assert p.birth is None and p.death == 1970
