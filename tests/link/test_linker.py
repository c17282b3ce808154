"""The linker on small hand-written authorities and records."""

from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from cablegram.link import Appointment, Authorities, Linker, RegisterPerson
from cablegram.readers.tei import TeiReader
from cablegram.record import Collection, Mention, Person, PersonLink, Record, Term

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "tei"
VOL = "frus-test"


def _person(pid: str, name: str, xml_id: str, *names: str, birth: int = 1910,
            death: int | None = None) -> RegisterPerson:
    return RegisterPerson(id=pid, name=name, names=[name, *names],
                          volume_ids={VOL: [xml_id]}, pocom_id=None, birth=birth, death=death)


@pytest.fixture
def auth() -> Authorities:
    a = Authorities()
    for p in [
        _person("107327", "Kohler, Foy David", "p_KFD1", "Kohler, Foy D."),
        _person("107516", "Kuznetsov, Vasily V.", "p_KVV2", "Kuznetsov, V. V."),
        _person("107025", "Kennedy, John F.", "p_KJF2", birth=1917, death=1963),
        _person("107032", "Kennedy, Robert F.", "p_KRF1", birth=1925, death=1968),
        _person("106664", "Johnson, Lyndon Baines", "p_JLB1", birth=1908),
        _person("106681", "Johnson, Ural Alexis", "p_JUA1", birth=1908),
        _person("111738", "Rusk, David Dean", "p_RD3", "Rusk, Dean"),
    ]:
        a.persons[p.id] = p
    a.appointments = [
        Appointment("107025", "", "Kennedy, John F.", "president", "president", "1961-01-20",
                    "1963-11-22"),
        Appointment("111738", "rusk-david-dean", "Dean Rusk", "secretary", "secretary",
                    "1961-01-21", "1969-01-20"),
        Appointment("107327", "kohler-foy-david", "Foy David Kohler", "ambassador-e-p", "russia",
                    "1962-09-27", "1966-11-14"),
    ]
    a.add_volume(Collection(id=VOL, persons=[
        Person("p_KFD1", "Kohler, Foy D.", "Ambassador to the Soviet Union"),
        Person("p_KVV2", "Kuznetsov, Vasily V.", "Soviet First Deputy Foreign Minister"),
        Person("p_KJF2", "Kennedy, John F.", "President of the United States"),
        Person("p_KRF1", "Kennedy, Robert F.", "Attorney General"),
        Person("p_JLB1", "Johnson, Lyndon B.", "Vice President"),
        Person("p_JUA1", "Johnson, U. Alexis", "Deputy Under Secretary of State"),
        Person("p_RD3", "Rusk, Dean", "Secretary of State"),
    ], terms=[Term("t_EMBTEL1", "Embtel", "Embassy telegram from the volume's list")]))
    return a


def _link(auth: Authorities, text: str, **kw: str) -> tuple[list[PersonLink], Record]:
    rec = Record(id=f"{VOL}/d1", collection=VOL, text=text, date=kw.pop("date", "1962-10-16"),
                 **kw)
    return Linker(auth).link(rec)[0], rec


def _ids(links: list[PersonLink]) -> dict[str | None, list[str]]:
    return {p.id: [m.text for m in p.mentions] for p in links}


def test_surnames_full_names_and_offsets(auth: Authorities) -> None:
    links, rec = _link(auth, "Foy D. Kohler met Kuznetsov. Later Kohler and KUZNETSOV spoke.")
    assert _ids(links) == {"107327": ["Foy D. Kohler", "Kohler"],
                           "107516": ["Kuznetsov", "KUZNETSOV"]}
    for p in links:
        assert p.how == "name" and p.volume_id in ("p_KFD1", "p_KVV2")
        assert all(rec.text[m.start : m.end] == m.text for m in p.mentions)


def test_titles_tell_namesakes_apart(auth: Authorities) -> None:
    links, _ = _link(auth, "President Kennedy and Attorney General Kennedy met.")
    assert _ids(links) == {"107025": ["Kennedy"], "107032": ["Kennedy"]}


def test_a_fuller_form_earlier_decides(auth: Authorities) -> None:
    links, _ = _link(auth, "Robert Kennedy called. Kennedy said no.")
    assert _ids(links) == {"107032": ["Robert Kennedy", "Kennedy"]}


def test_a_tie_stays_unresolved_with_candidates(auth: Authorities) -> None:
    links, _ = _link(auth, "Mr. Johnson will call.", date="1962-10-16")
    [p] = links
    assert p.id is None and p.volume_id is None
    assert p.candidates == ["106664", "106681"]


def test_the_office_on_the_day_decides_a_bare_surname(auth: Authorities) -> None:
    links, _ = _link(auth, "Kennedy will decide.", date="1962-10-16")
    assert _ids(links) == {"107025": ["Kennedy"]}


def test_someone_else_with_the_surname_is_not_linked(auth: Authorities) -> None:
    auth.persons["900001"] = RegisterPerson("900001", "Kennedy, Edward M.", ["Kennedy, Edward M."],
                                            {}, None, 1932, None)
    links, _ = _link(auth, "Edward Kennedy will not attend; nor will the Kennedy Library.")
    assert all(p.volume_id is None for p in links)  # the register's full name, no list entry
    assert [p.id for p in links] == ["900001"]


def test_bare_roles_by_date_and_post(auth: Authorities) -> None:
    links, _ = _link(auth, "The President and the Secretary agreed. The Ambassador saw Gromyko.",
                     sender="Embassy in the Soviet Union", place="Moscow")
    roles = {p.id: [m.text for m in p.mentions] for p in links if p.how == "role-by-date"}
    assert roles == {"107025": ["The President"], "111738": ["the Secretary"],
                     "107327": ["The Ambassador"]}


def test_no_ambassador_in_washington(auth: Authorities) -> None:
    links, _ = _link(auth, "The Ambassador called.", sender="Department of State",
                     place="Washington")
    assert links == []


def test_terms_from_the_volume_and_the_glossary(auth: Authorities) -> None:
    rec = Record(id=f"{VOL}/d2", collection=VOL, text="Ref Embtel 5 and Deptel 7. Niact.")
    _, terms = Linker(auth).link(rec)
    got = {t.term: (t.expansion, [m.start for m in t.mentions]) for t in terms}
    assert got == {"Embtel": ("Embassy telegram from the volume's list", [4]),
                   "Deptel": ("Department of State telegram", [17]),
                   "Niact": (got["Niact"][0], [27])}


def test_misspellings_are_fuzzy_links(auth: Authorities) -> None:
    links, _ = _link(auth, "Kuznetzov answered.")
    [p] = links
    assert (p.id, p.how, p.mentions[0].text) == ("107516", "fuzzy", "Kuznetzov")


def test_names_only_in_the_heading_or_notes_have_no_mentions(auth: Authorities) -> None:
    links, _ = _link(auth, "Nothing here.", title="Letter From President Kennedy to Rusk")
    assert {(p.id, len(p.mentions)) for p in links} == {("107025", 0), ("111738", 0)}


def test_markup_links_are_kept_with_register_ids(auth: Authorities) -> None:
    rec = Record(id=f"{VOL}/d3", collection=VOL, text="Kohler met Kuznetsov.", date="1962-10-16",
                 persons=[PersonLink(None, "Kohler", [Mention("Kohler", 0, 6)], "markup",
                                     "p_KFD1")])
    links, _ = Linker(auth).link(rec)
    assert [(p.id, p.how, p.volume_id) for p in links] == [
        ("107327", "markup", "p_KFD1"), ("107516", "name", "p_KVV2")]
    assert rec.persons[0].id is None  # the record itself is not changed


def test_a_tei_record_links_the_same_with_and_without_its_markup(auth: Authorities) -> None:
    batch = next(iter(TeiReader().read(FIXTURES / "frus-persons.xml")))
    rec = replace(batch.records[0], collection=VOL)
    linker = Linker(auth)
    marked, _ = linker.link(rec)
    plain, _ = linker.link(replace(rec, persons=[]))
    key = lambda links: sorted({p.volume_id for p in links if p.volume_id})  # noqa: E731
    assert key(marked) == key(plain) == ["p_KFD1", "p_KJF2", "p_KRF1", "p_KVV2"]


def test_deterministic_and_picklable(auth: Authorities) -> None:
    linker = Linker(auth)
    rec = Record(id=f"{VOL}/d4", collection=VOL, text="Rusk and Kohler; the President.",
                 date="1962-10-16")
    again = pickle.loads(pickle.dumps(linker))
    assert linker.link(rec) == again.link(rec) == linker.link(rec)


def test_a_collection_without_any_list_uses_register_full_names(auth: Authorities) -> None:
    rec = Record(id="other/d1", collection="other",
                 text="Kohler first. Foy D. Kohler and Kohler; Rusk alone is not enough.")
    links, _ = Linker(auth).link(rec)
    [p] = links
    assert (p.id, p.volume_id) == ("107327", None)
    assert [(m.start, m.text) for m in p.mentions] == [
        (0, "Kohler"), (14, "Foy D. Kohler"), (32, "Kohler")]


def test_empty_authorities_link_nothing() -> None:
    rec = Record(id="x/d1", collection="x", text="Kohler met the President.")
    assert Linker(Authorities()).link(rec) == ([], [])


def test_a_volume_added_after_linking_began_is_used() -> None:
    auth = Authorities()
    linker = Linker(auth)
    rec = Record(id="late/d1", collection="late", text="Kohler called.")
    assert linker.link(rec) == ([], [])
    auth.add_volume(Collection(id="late", persons=[Person("p_K1", "Kohler, Foy D.", None)]))
    [p] = linker.link(rec)[0]
    assert (p.volume_id, p.mentions[0].text) == ("p_K1", "Kohler")


def test_mr_before_namesakes_without_a_register() -> None:
    """Without a register the presidents table's holders have no person id; "Mr. Johnson"
    then stays a tie of the two Johnsons (it raised ValueError: max() of nothing)."""
    a = Authorities()
    a.appointments = [Appointment(None, "", "Johnson, Lyndon B.", "president", "president",
                                  "1963-11-22", "1969-01-20")]
    a.add_volume(Collection(id=VOL, persons=[
        Person("p_JLB1", "Johnson, Lyndon B.", "President of the United States"),
        Person("p_JUA1", "Johnson, U. Alexis", "Deputy Under Secretary of State"),
    ]))
    rec = Record(id=f"{VOL}/d1", collection=VOL, text="Mr. Johnson will call.",
                 date="1964-10-16")
    persons, _ = Linker(a).link(rec)
    assert [(p.id, p.volume_id, p.candidates) for p in persons] == [
        (None, None, ["v:p_JLB1", "v:p_JUA1"])]
