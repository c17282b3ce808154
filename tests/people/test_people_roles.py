"""people.py: folding, surnames and the roles of linked persons, on any input."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablegram.people import ROLES, fold_words, person_roles, surname
from cablegram.record import PersonLink, Record, Signer


def test_fold_words() -> None:
    assert fold_words("Khrushchëv, Nikita S.") == ["khrushchev", "nikita", "s"]
    assert fold_words("GROMYKO") == ["gromyko"]
    assert fold_words("— ,") == []


def test_surname() -> None:
    assert surname("Kohler, Foy D.") == "Kohler"
    assert surname("N. Khrushchev") == "Khrushchev"
    assert surname("Lleras Camargo, Alberto") == "Lleras Camargo"
    assert surname("") == ""


def test_a_person_both_sender_and_recipient_has_both_rows() -> None:
    r = Record("v/d1", "v", sender="Rusk", recipient="Rusk",
               persons=[PersonLink("1", "Rusk, Dean")])
    assert person_roles(r) == [("1", "name", "sender"), ("1", "name", "recipient")]


def test_a_person_linked_twice_counts_once() -> None:
    r = Record("v/d1", "v", signers=[Signer("Rusk")],
               persons=[PersonLink("1", "Rusk, Dean", how="markup"),
                        PersonLink("1", "Rusk", how="name")])
    assert person_roles(r) == [("1", "markup", "sender")]


_names = st.text(max_size=30)
_links = st.lists(st.builds(PersonLink, st.one_of(st.none(), st.sampled_from("123")), _names,
                            how=st.sampled_from(["markup", "name", "fuzzy"])), max_size=6)


@given(_links, st.one_of(st.none(), _names), st.one_of(st.none(), _names),
       st.lists(_names.map(Signer), max_size=2))
def test_any_record_gives_one_or_two_roles_per_resolved_person(
        persons: list[PersonLink], sender: str | None, recipient: str | None,
        signers: list[Signer]) -> None:
    r = Record("v/d1", "v", sender=sender, recipient=recipient, signers=signers,
               persons=persons)
    rows = person_roles(r)
    ids = {p.id for p in persons if p.id is not None}
    assert {pid for pid, _, _ in rows} == ids
    assert all(role in ROLES for _, _, role in rows)
    assert len(set(rows)) == len(rows)
    for pid in ids:
        roles = {role for p, _, role in rows if p == pid}
        assert roles == {"mentioned"} or "mentioned" not in roles
