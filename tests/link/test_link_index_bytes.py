"""The automata scan a text as bytes, one per character: offsets stay the text's own, and a
form with a character beyond ASCII (a "?" in those bytes) matches only itself."""

from __future__ import annotations

from cablegram.link import Authorities, RegisterPerson
from cablegram.link.index import haystack, register_index


def _register(*names: str) -> Authorities:
    auth = Authorities()
    for i, name in enumerate(names):
        pid = str(100000 + i)
        auth.persons[pid] = RegisterPerson(pid, name, [name], {}, None, None, None)
    return auth


def test_haystack_is_one_byte_per_character() -> None:
    text = "“Khrushchëv” — Gomułka’s"
    assert len(haystack(text)) == len(text)
    assert haystack(text) == b"?Khrushch?v? ? Gomu?ka?s"


def test_a_form_beyond_ascii_matches_itself_only_at_the_texts_offsets() -> None:
    idx = register_index(_register("Khrushchëv, Nikita", "Gomułka, Władysław"))
    forms = idx.automaton
    text = "“Nikita Khrushchëv” met Władysław Gomułka; not Nikita Khrushch?v nor Nikita Khrushchév."
    found = sorted((start, end) for _, start, end in forms.matches(text))
    assert [text[s:e] for s, e in found] == ["Nikita Khrushchëv", "Władysław Gomułka"]
    assert found[0][0] == 1


def test_an_ascii_form_is_found_after_characters_beyond_ascii() -> None:
    idx = register_index(_register("Rusk, Dean"))
    text = "Gomułka’s “talk” with Dean Rusk"
    [(_, start, end)] = idx.automaton.matches(text)
    assert text[start:end] == "Dean Rusk"
