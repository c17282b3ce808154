"""Roles by date against the real pocom: who held a post on a given day."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.link import Authorities, Linker, holders
from cablegram.link.roles import post_id
from cablegram.record import Record

corpus = pytest.mark.corpus


@corpus
def test_chief_of_mission_in_moscow_1962_10_16(corpus_auth: Authorities) -> None:
    [a] = holders(corpus_auth, "chief-of-mission", "1962-10-16", "Moscow")
    assert (a.name, a.person_id, a.role) == ("Foy David Kohler", "107327", "ambassador-e-p")
    assert holders(corpus_auth, "chief-of-mission", "1962-10-16", "Embassy in the Soviet Union") \
        == [a]


@corpus
def test_secretary_of_state_1969_02_01(corpus_auth: Authorities) -> None:
    [a] = holders(corpus_auth, "secretary-of-state", "1969-02-01")
    assert (a.pocom_id, a.person_id) == ("rogers-william-pierce", "111530")
    [before] = holders(corpus_auth, "secretary-of-state", "1969-01-10")
    assert before.pocom_id == "rusk-david-dean"


@corpus
def test_president_by_date(corpus_auth: Authorities) -> None:
    assert [a.person_id for a in holders(corpus_auth, "president", "1962-10-16")] == ["107025"]
    assert [a.person_id for a in holders(corpus_auth, "president", "1963-12-01")] == ["106664"]


def _from_london(date: str) -> Record:
    return Record(id=f"x/{date}", collection="x", sender="Embassy in the United Kingdom",
                  recipient="Department of State", place="London", date=date,
                  text="The Ambassador saw the Foreign Secretary this morning.")


@corpus
def test_the_ambassador_in_london_across_a_change(corpus_linker: Linker) -> None:
    # David Bruce left London on 1969-03-20; Walter Annenberg presented credentials 1969-04-29.
    names = {}
    for date in ("1969-03-01", "1969-06-01"):
        persons, _ = corpus_linker.link(_from_london(date))
        [p] = persons
        assert p.how == "role-by-date" and p.mentions[0].text == "The Ambassador"
        names[date] = (p.id, p.name)
    assert names["1969-03-01"][0] == "101842"  # Bruce, David K. E.
    assert "Annenberg" in names["1969-06-01"][1]


@corpus
def test_no_ambassador_between_two(corpus_linker: Linker) -> None:
    persons, _ = corpus_linker.link(_from_london("1969-04-10"))
    assert persons == []


def test_places_name_posts() -> None:
    assert post_id("Moscow") == "russia"
    assert post_id("Embassy in the United Kingdom") == "united-kingdom"
    assert post_id("Mission to the United Nations") == "representative-to-un"
    assert post_id("united-kingdom") == "united-kingdom"
    assert post_id("Atlantis") is None


@given(st.text(max_size=60))
def test_any_place_text_gives_a_post_or_none(text: str) -> None:
    post = post_id(text)
    assert post is None or (post and post == post.strip())
