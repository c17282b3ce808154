"""Rules that tell namesakes apart, or a person from someone else, by the words around a
surname: each on a small hand-written text and list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.link import Authorities, Linker, RegisterPerson
from cablegram.link.authorities import Appointment
from cablegram.link.evidence import (
    given_before,
    office_before_name,
    office_before_paren,
    quoted_nickname,
    speaks_of_the_past,
)
from cablegram.link.index import called_by_given_name
from cablegram.link.linker import dates_nearby
from cablegram.record import Collection, Person, PersonLink, Record

VOL = "frus-test"


@pytest.mark.parametrize(("text", "office"), [
    ("Memorandum From the Director of Central Intelligence (Dulles)", "central intelligence"),
    ("the Special Assistant for National Security Affairs (Bundy)", "national security affairs"),
    ("From the Secretary of State (Dulles)", "secretary of state"),
    ("he said (Dulles)", ""), ("the Minister (Minh)", ""), ("Dulles", ""),
])
def test_office_before_paren(text: str, office: str) -> None:
    assert office_before_paren(text, text.rfind("(") + 1) == office


@pytest.mark.parametrize(("text", "nick"), [
    ("Also, “Big” Minh", "Big"), ('Also, "Little" Minh', "Little"), ("General Minh", ""),
])
def test_quoted_nickname(text: str, nick: str) -> None:
    assert quoted_nickname(text, text.rindex("Minh")) == nick


@pytest.mark.parametrize(("text", "past"), [
    ("the early Kennedy years", True), ("the Kennedy Administration’s policy", True),
    ("Kennedy said", False), ("Kennedy", False),
])
def test_speaks_of_the_past(text: str, past: bool) -> None:
    assert speaks_of_the_past(text, text.index("Kennedy") + len("Kennedy")) is past


@given(st.text(max_size=60), st.integers(min_value=0, max_value=70))
def test_evidence_takes_any_text(text: str, at: int) -> None:
    at = min(at, len(text))
    assert isinstance(office_before_paren(text, at), str)
    assert isinstance(office_before_name(text, at, frozenset({"Intelligence"})), str)
    assert isinstance(quoted_nickname(text, at), str)
    assert isinstance(speaks_of_the_past(text, at), bool)


def _auth(*people: tuple[str, str, str, str, int, int | None]) -> Authorities:
    a = Authorities()
    for pid, name, xml_id, _, birth, death in people:
        a.persons[pid] = RegisterPerson(id=pid, name=name, names=[name],
                                        volume_ids={VOL: [xml_id]}, pocom_id=None,
                                        birth=birth, death=death)
    a.add_volume(Collection(id=VOL, persons=[Person(x, n, d) for _, n, x, d, _, _ in people]))
    return a


def _links(auth: Authorities, text: str, date: str) -> list[PersonLink]:
    rec = Record(id=f"{VOL}/d1", collection=VOL, text=text, date=date)
    return [p for p in Linker(auth).link(rec)[0] if p.mentions]


DULLES = _auth(("1", "Dulles, John Foster", "p_DJF1", "Secretary of State", 1888, 1959),
               ("2", "Dulles, Allen W.", "p_DAW1", "Director of Central Intelligence", 1893, 1969))


def test_the_office_before_parentheses_picks_the_namesake() -> None:
    links = _links(DULLES, "The Director of Central Intelligence (Dulles) reported.", "1956-03-01")
    assert [(p.volume_id, p.candidates) for p in links] == [("p_DAW1", [])]
    links = _links(DULLES, "Memorandum From the Secretary of State (Dulles).", "1956-03-01")
    assert [p.volume_id for p in links] == ["p_DJF1"]
    # and just before the name: not the Secretary of State of the day
    links = _links(DULLES, "made by Director of Central Intelligence Dulles during his talk",
                   "1956-03-01")
    assert [p.volume_id for p in links] == ["p_DAW1"]


MINH = _auth(("3", "Ho Chi Minh", "p_HCM1", "President of the Democratic Republic of Vietnam",
              1890, 1969),
             ("4", "Duong Van Minh (“Big Minh”), General", "p_DVM1", "General, ARVN", 1916, 2001))
HO = _auth(("3", "Ho Chi Minh", "p_HCM1", "President of the Democratic Republic of Vietnam",
            1890, 1969),
           ("5", "Kim Il-sung", "p_KIS1", "Premier of the Democratic People's Republic of Korea",
            1912, 1994))


def test_a_quoted_nickname_picks_who_is_known_by_it() -> None:
    links = _links(MINH, "Also, “Big” Minh whom you met.", "1960-11-12")
    assert [p.volume_id for p in links] == ["p_DVM1"]


def test_a_quoted_nickname_nobody_listed_has_stays_unresolved() -> None:
    links = _links(HO, "Also, “Big” Minh whom you met.", "1960-11-12")
    assert [(p.id, p.candidates) for p in links] == [(None, ["3"])]


def test_a_ministers_title_is_not_a_head_of_state() -> None:
    links = _links(HO, "MND Kim said so, and Defense Minister Minh agreed.", "1961-05-20")
    assert [(p.id, p.candidates) for p in links] == [(None, ["5"]), (None, ["3"])]
    # a head of government called Prime Minister or Premier is himself
    links = _links(HO, "Prime Minister Kim said so.", "1961-05-20")
    assert [p.volume_id for p in links] == ["p_KIS1"]


KENNEDY = _auth(("6", "Kennedy, John F.", "p_KJF1", "President of the United States, 1961-1963",
                 1917, 1963),
                ("7", "Kennedy, Edward M.", "p_KEM1", "Senator from Massachusetts", 1932, 2009))


def test_the_past_keeps_the_dead_as_candidates() -> None:
    # In 1977 "Kennedy" alone is the living Senator; "the Kennedy years" may be his brother's.
    assert [p.volume_id for p in _links(KENNEDY, "Kennedy called.", "1977-05-01")] == ["p_KEM1"]
    links = _links(KENNEDY, "In the early Kennedy years we tried.", "1977-05-01")
    assert [(p.id, p.candidates) for p in links] == [(None, ["6", "7"])]


def test_archives_named_after_people_are_not_mentions() -> None:
    assert _links(DULLES, "Source: Eisenhower Library, Dulles Papers, Telephone Calls.",
                  "1956-03-01") == []


def test_a_name_none_of_the_candidates_has_before_the_surname() -> None:
    # "Hyun Chul Kim" is someone else; the same word opening a sentence or a line, an
    # office before the name, or a word of the candidate's own name say nothing.
    assert _links(HO, "The Ambassador, Hyun Chul Kim, called.", "1965-05-20") == []
    for text in ("Yesterday Kim said so.", "Present:\nChul\nKim", "Bavarian Kim agreed.",
                 "the Premier Kim agreed", "the talks with Il-sung Kim ended"):
        assert [p.volume_id for p in _links(HO, text, "1965-05-20")] == ["p_KIS1"], text


def test_a_familiar_form_picks_the_given_name_it_stands_for() -> None:
    both = _auth(("6", "Kennedy, John F.", "p_KJF1", "President of the United States", 1917,
                  1963),
                 ("8", "Kennedy, Robert F.", "p_KRF1", "Attorney General", 1925, 1968))
    assert [p.volume_id for p in _links(both, "Ask Bobby Kennedy.", "1962-05-01")] == ["p_KRF1"]
    assert [p.volume_id for p in _links(both, "Ask Jack Kennedy.", "1962-05-01")] == ["p_KJF1"]
    # the one Kennedy of a list is not "Bobby": unresolved, with him as candidate
    one = _auth(("6", "Kennedy, John F.", "p_KJF1", "President", 1917, 1963))
    links = _links(one, "Ask Bobby Kennedy.", "1962-05-01")
    assert [(p.id, p.candidates) for p in links] == [(None, ["6"])]
    # nor any of two: a tie
    links = _links(KENNEDY, "Ask Bobby Kennedy.", "1962-05-01")
    assert [(p.id, p.candidates) for p in links] == [(None, ["6", "7"])]


def test_a_name_joined_to_an_adjective_is_a_compound() -> None:
    one = _auth(("6", "Kennedy, John F.", "p_KJF1", "President", 1917, 1963))
    assert _links(one, "Kennedy-American relations", "1962-05-01") == []
    assert [p.volume_id for p in _links(one, "At Kennedy-Khrushchev talks", "1962-05-01")
            ] == ["p_KJF1"]


def test_a_misspelling_is_held_to_the_words_around_it_too() -> None:
    one = _auth(("9", "Clements, William P.", "p_CWP1", "Deputy Secretary of Defense", 1917,
                 2011))
    links = _links(one, "He met them at San Clemente, and Clemente said so.", "1973-05-01")
    assert [(p.volume_id, p.how, [m.start for m in p.mentions]) for p in links] == [
        ("p_CWP1", "fuzzy", [33])]


ALLEN = _auth(("2", "Dulles, Allen W.", "p_DAW1", "Director of Central Intelligence", 1893, 1969),
              ("8", "Allen, George V.", "p_AGV1", "Director, U.S. Information Agency", 1903, 1970))


def test_a_first_name_of_someone_named_in_full_stays_unresolved() -> None:
    # In minutes where "Mr. Allen Dulles" speaks, "Allen, do you want to comment" may be him.
    text = "Mr. Allen Dulles: I have figures.\n\nAllen, do you want to comment?"
    links = _links(ALLEN, text, "1958-10-01")
    assert [(p.volume_id, p.candidates, [m.text for m in p.mentions]) for p in links] == [
        ("p_DAW1", [], ["Allen Dulles"]), (None, ["2", "8"], ["Allen"])]
    # with a title it is a surname; and without Allen Dulles in the document, the Director
    assert [p.volume_id for p in _links(ALLEN, text.replace("\n\nAllen", "\n\nMr. Allen"),
                                        "1958-10-01")] == ["p_DAW1", "p_AGV1"]
    assert [p.volume_id for p in _links(ALLEN, "Allen, do you want to comment?",
                                        "1958-10-01")] == ["p_AGV1"]


@pytest.mark.parametrize(("description", "national"), [
    ("Foreign Minister of Thailand", True), ("Thai Ambassador to the United States", True),
    ("Prince, leader of the neutralist political forces in Laos", True),
    ("Deputy in Lao National Assembly", True), ("King of Saudi Arabia", True),
    ("Ambassador to Iceland", False), ("Counselor of the Embassy in Iraq", False),
    ("Officer in Charge of Arabian Peninsula and Iraqi Affairs, Department of State", False),
    ("aide to Saudi Minister of Oil", False), ("Officer in Charge of Iraq-Jordan Affairs", False),
    ("Country Director, Thailand/Burma, Bureau of East Asian and Pacific Affairs", False),
    ("attache in Laos", False), ("British Ambassador to Saudi Arabia", False),
    ("Secretary of State", False), ("", False),
])
def test_who_is_called_by_the_given_name(description: str, national: bool) -> None:
    assert called_by_given_name(description) is national


@given(st.text(max_size=80))
def test_called_by_given_name_takes_any_text(description: str) -> None:
    assert isinstance(called_by_given_name(description), bool)


def test_an_american_posted_there_is_not_called_by_the_given_name() -> None:
    # "Fritzlan, A. David ... Iraqi Affairs": "A." opening a list item is not him; nor is
    # "Tyler" Ambassador Thompson; "Thanat" is the Thai Foreign Minister.
    a = _auth(("9", "Fritzlan, A. David", "p_FAD1",
               "Officer in Charge of Arabian Peninsula and Iraqi Affairs", 1914, 2000),
              ("10", "Thompson, Tyler", "p_TT1", "Ambassador to Iceland", 1907, 1983),
              ("11", "Khoman, Thanat", "p_KT1", "Foreign Minister of Thailand", 1914, 2016))
    text = "I. Arms\n\nA. The United States will ask Tyler County. Thanat agreed."
    assert [p.volume_id for p in _links(a, text, "1960-01-05")] == ["p_KT1"]


VIETNAM = _auth(("3", "Ho Chi Minh", "p_HCM1", "President of the Democratic Republic of Vietnam",
                 1890, 1969),
                ("12", "Ho Thong Minh", "p_HTM1", "Minister of Defense of the State of Vietnam",
                 1907, 2000),
                ("13", "Ngo Dinh Nhu", "p_NDN1", "Counselor to President Diem", 1910, 1963),
                ("14", "Ngo Dinh Can", "p_NDC1", "brother of President Diem", 1911, 1964))


def test_a_name_printed_in_order_is_a_fuller_form_nearby() -> None:
    # "Ho Thong Minh ... Minh" is the Minister, not Ho Chi Minh
    text = "The President mentioned Ho Thong Minh. I told him that Minh was feeling badly."
    links = _links(VIETNAM, text, "1955-03-01")
    assert [(p.volume_id, [m.text for m in p.mentions]) for p in links] == [
        ("p_HTM1", ["Ho Thong Minh", "Minh"])]


def test_a_family_name_printed_first_stays_the_familys() -> None:
    # "Ngo" after "Ngo Dinh Can" may be any of the brothers: left unresolved
    text = "Ngo Dinh Can was there. Criticism focuses on Ngo family rule."
    links = _links(VIETNAM, text, "1961-03-01")
    assert [(p.volume_id, p.candidates, [m.text for m in p.mentions]) for p in links] == [
        ("p_NDC1", [], ["Ngo Dinh Can"]), (None, ["13", "14"], ["Ngo"])]


THOMPSON = _auth(("15", "Thompson, Llewellyn E., Jr.", "p_TLE1", "Ambassador at Large", 1904,
                  1972))


def test_an_office_ending_in_a_capital_is_no_given_name() -> None:
    # "Ambassador at Large Thompson": "Large" is not a first name none of his has
    links = _links(THOMPSON, "Ambassador at Large Thompson denied it.", "1965-04-01")
    assert [p.volume_id for p in links] == ["p_TLE1"]


MARTIN = _auth(("16", "Martin, David A.", "p_MDA1", "Human rights officer", 1948, None),
               ("17", "Cook, Willis Clifford", "p_CWC1", "Ambassador to Venezuela", 1880, 1942),
               ("18", "Dillon, Clarence Douglas", "p_DCD1", "Under Secretary of State", 1909,
                2003))


def test_an_initial_after_another_given_name_is_someone_else() -> None:
    text = ("Clarence D. Martin, Jr., Under Secretary of Commerce, and Mr. C. W. Cook of General"
            " Foods called.")
    assert _links(MARTIN, text, "1964-05-01") == []
    # the candidate's own given name or initial, or a line or sentence opening, says nothing
    for text in ("David D. Martin called.", "He said so. D. Martin agreed.", "D. Martin said.",
                 "Present:\nW. Cook"):
        assert len(_links(MARTIN, text, "1964-05-01")) == 1, text


@given(st.text(max_size=60), st.integers(min_value=0, max_value=70))
def test_given_before_takes_any_text(text: str, at: int) -> None:
    word = given_before(text, min(at, len(text)), frozenset({"Clarence"}))
    assert word == "" or word in text


JOHNSONS = _auth(("19", "Johnson, Lyndon Baines", "p_JLB1", "President of the United States", 1908,
                  1973),
                 ("20", "Johnson, W. Thomas", "p_JWT1",
                  "Assistant Press Secretary to the President", 1941, None),
                 ("21", "Johnson, U. Alexis", "p_JUA1",
                  "Deputy Under Secretary of State for Political Affairs", 1908, 1997))


def test_the_office_itself_before_one_beside_it() -> None:
    # an undated editorial note: no office holder by date; "President Johnson" is the one whose
    # office is the President, and a later "Johnson" in the same note is him too
    text = "McNamara telephoned President Johnson to brief him. McNamara told Johnson so."
    links = _links(JOHNSONS, text, "")
    assert [(p.volume_id, [m.text for m in p.mentions]) for p in links] == [
        ("p_JLB1", ["Johnson", "Johnson"])]
    # without anything to tell them apart, "Johnson" stays a tie
    links = _links(JOHNSONS, "McNamara told Johnson so.", "")
    assert [(p.id, p.candidates) for p in links] == [(None, ["19", "20", "21"])]


def test_an_undated_note_is_read_by_the_dates_around_it() -> None:
    recs = [Record(id=f"{VOL}/d{i}", collection=VOL, text="", date=d)
            for i, d in enumerate([None, "1961-02-01", None, None, "1961-03-05", None])]
    assert dates_nearby(recs) == ["1961-02-01", None, "1961-02-01", "1961-02-01", None,
                                  "1961-03-05"]
    assert dates_nearby([Record(id="x/d1", collection="x", text="")]) == [None]
    # the Secretary of State of the day, in an editorial note between two documents of 1956;
    # with no date near, a tie
    rec = Record(id=f"{VOL}/d1", collection=VOL, text="Dulles said so.")
    holder = Appointment(person_id="1", pocom_id="dulles-john-foster",
                         name="Dulles, John Foster", role="secretary", post="secretary",
                         start="1953-01-21", end="1959-04-22")
    auth = replace(DULLES, appointments=[holder])
    assert [p.volume_id for p in Linker(auth).link(rec, "1956-03-01")[0]] == ["p_DJF1"]
    assert [p.candidates for p in Linker(auth).link(rec)[0]] == [["1", "2"]]
