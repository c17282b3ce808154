"""Seed 003 (FRUS 1961-63 vol. XI, d126-d150, plain text, no markup) linked to register ids.

The volume is not in the corpus: its persons list comes from the register's source URLs
(…/frus1961-63v11/persons#p_ID).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cablegram.link import Linker
from cablegram.readers.text import TextReader
from cablegram.record import PersonLink

SEED = Path(__file__).parent.parent / "fixtures" / "text" / "003_1bdb9de2a8d2d4fa.txt"
pytestmark = pytest.mark.corpus

MCCLOY, KUZNETSOV, MIKOYAN, STEVENSON = "108784", "107516", "109136", "113000"
MCCONE, BUNDY, RUSK, KENNEDY = "108793", "101930", "111738", "107025"


@pytest.fixture(scope="module")
def linked(corpus_linker: Linker) -> dict[str, list[PersonLink]]:
    if not SEED.is_file():
        pytest.skip(f"no seed at {SEED}")
    batch = next(iter(TextReader().read(SEED)))
    return {r.id.rsplit("/", 1)[1]: corpus_linker.link(r)[0] for r in batch.records}


@pytest.mark.parametrize(("doc", "expected"), [
    ("d128", {MCCLOY, KUZNETSOV}),
    ("d133", {MIKOYAN, STEVENSON, MCCLOY}),
    ("d131", {MCCONE}),
    ("d126", {BUNDY}),
    ("d127", {RUSK, MCCONE}),
    ("d140", {KENNEDY}),
])
def test_named_people(linked: dict[str, list[PersonLink]], doc: str, expected: set[str]) -> None:
    ids = {p.id for p in linked[doc] if p.how in ("name", "fuzzy")}
    assert expected <= ids


def test_mccloy_in_d133_after_a_word_that_is_no_given_name(
        linked: dict[str, list[PersonLink]]) -> None:
    [p] = [p for p in linked["d133"] if p.id == MCCLOY]
    assert [m.text for m in p.mentions] == ["McCloy"]


def test_the_president_in_d127_is_kennedy(linked: dict[str, list[PersonLink]]) -> None:
    [p] = [p for p in linked["d127"] if p.how == "role-by-date" and p.id == KENNEDY]
    assert {m.text for m in p.mentions} == {"The President", "the President"}


def test_mentions_are_offsets_into_the_text(corpus_linker: Linker) -> None:
    batch = next(iter(TextReader().read(SEED)))
    for r in batch.records:
        for p in corpus_linker.link(r)[0]:
            assert all(r.text[m.start : m.end] == m.text for m in p.mentions)


def test_bundy_in_d126_is_named_in_the_heading_only(linked: dict[str, list[PersonLink]]) -> None:
    [p] = [p for p in linked["d126"] if p.id == BUNDY]
    assert p.mentions == [] and p.volume_id == "p_BMG2"
