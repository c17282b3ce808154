"""Signers from a closing block."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields import parse_signers
from cablegram.record import Signer


@pytest.mark.parametrize(
    ("lines", "signers"),
    [
        (["Rusk"], [Signer("Rusk")]),
        (["Dean Rusk"], [Signer("Dean Rusk")]),
        (["John A. McCone", "Director"], [Signer("John A. McCone", "Director")]),
        (["Thompson"], [Signer("Thompson")]),
        (["McGeorge Bundy"], [Signer("McGeorge Bundy")]),
        (["JFK"], [Signer("JFK")]),
        (["Khrushchev"], [Signer("Khrushchev")]),
        (["Sincerely,", "John F. Kennedy"], [Signer("John F. Kennedy")]),
        (["Dean Rusk", "Secretary of State", "Robert S. McNamara", "Secretary of Defense"],
         [Signer("Dean Rusk", "Secretary of State"),
          Signer("Robert S. McNamara", "Secretary of Defense")]),
        (["  ", ""], []),
        # Closers from the FRUS volumes.
        (["Rob Roy Ratliff", "", "Executive Secretary", "", "The 40 Committee"],
         [Signer("Rob Roy Ratliff", "Executive Secretary, The 40 Committee")]),
        (["", "[signed Richard Nixon]"], [Signer("Richard Nixon")]),
        (["[signed Bill] William P. Rogers"], [Signer("William P. Rogers")]),
        (["James E. Webb", "The source text is unsigned, but a typed copy indicates that the "
          "signature was Webb’s (S/ISA Files: Lot 52–51)."], [Signer("James E. Webb")]),
        (["Warren G. Magnuson, U.S.S.", "Henry M. Jackson, U.S.S."],
         [Signer("Warren G. Magnuson, U.S.S."), Signer("Henry M. Jackson, U.S.S.")]),
        (["Dean Rusk Secretary of State"], [Signer("Dean Rusk", "Secretary of State")]),
        (["John S.D. Eisenhower", "", "Major, Infantry, US Army"],
         [Signer("John S.D. Eisenhower", "Major, Infantry, US Army")]),
        (["General Taylor"], [Signer("General Taylor")]),
        (["Rusk."], [Signer("Rusk")]),
    ],
)
def test_signers(lines: list[str], signers: list[Signer]) -> None:
    assert parse_signers(lines) == signers


@given(st.lists(st.text(max_size=40), max_size=6))
def test_any_lines(lines: list[str]) -> None:
    out = parse_signers(lines)
    assert len(out) <= len(lines)
    assert all(s.name for s in out)
