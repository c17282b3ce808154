"""Listed names ("Kohler, Foy D.") into the forms text prints them in."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.link.names import NameFormError, NameForms, name_forms


def test_surname_and_given_names() -> None:
    f = name_forms("Kohler, Foy D.")
    assert f.surname == "Kohler"
    assert {"Foy D. Kohler", "Foy Kohler", "F. Kohler", "F.D. Kohler"} <= set(f.full)


def test_middle_name_alone_and_nickname() -> None:
    assert "Averell Harriman" in name_forms("Harriman, W. Averell").full
    f = name_forms("Thompson, Llewellyn E. (“Tommy”), Jr.")
    assert f.surname == "Thompson"
    assert "Tommy Thompson" in f.full
    assert "Llewellyn E. Thompson, Jr." in f.full


def test_name_in_order_is_cited_whole_or_by_either_end() -> None:
    assert name_forms("U Thant") == NameForms(surname="U Thant", full=[], ends=["Thant"])
    assert name_forms("Thanat Khoman") == NameForms("Thanat Khoman", [], ["Thanat", "Khoman"])
    assert "U Thant" in name_forms("Thant, U").full


def test_titles_are_not_given_names() -> None:
    assert name_forms("Sudomo, Vice Admiral") == NameForms(surname="Sudomo")
    f = name_forms("Dawee Chullasaspyra, Marshal")
    assert f.surname == "Dawee Chullasaspyra" and f.ends == ["Dawee", "Chullasaspyra"]
    assert name_forms("President Abboud").surname == "Abboud"


def test_particle_kept() -> None:
    f = name_forms("de Gaulle, Charles")
    assert f.surname == "de Gaulle"
    assert "Charles de Gaulle" in f.full


@pytest.mark.parametrize("bad", ["", " , ", "(nickname)", "123, 456"])
def test_no_name_is_an_error(bad: str) -> None:
    with pytest.raises(NameFormError):
        name_forms(bad)


@given(st.text())
def test_any_text_gives_forms_or_the_module_error(text: str) -> None:
    try:
        f = name_forms(text)
    except NameFormError:
        return
    assert f.surname.strip()
    assert f.surname not in f.full
    assert all(f.surname in form for form in f.full)
    assert all(end in f.surname for end in f.ends)


@given(st.from_regex(r"[A-Z][a-z]{2,12}, [A-Z][a-z]{2,10}( [A-Z]\.)?", fullmatch=True))
def test_listed_names_give_surname_and_given_first(name: str) -> None:
    surname, given_names = name.split(", ")
    f = name_forms(name)
    assert f.surname == surname
    assert f"{given_names} {surname}" in f.full
    assert f"{given_names.split()[0]} {surname}" in f.full
