"""Cross-references: documents in this and other volumes, and telegrams."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cablegram.fields import find_references
from cablegram.fields.refs import roman_to_int
from cablegram.record import Reference


def test_documents_in_this_volume() -> None:
    refs = find_references("See Document 59 and Documents 12 and 13.", collection="frus1961-63v06")
    assert [r.target for r in refs] == [
        "frus1961-63v06/d59", "frus1961-63v06/d12", "frus1961-63v06/d13",
    ]
    assert refs[1].text == "Documents 12 and 13"


def test_documents_in_another_volume_of_the_series() -> None:
    for text in ("vol. XI, Document 59", "volume XI, Document 59", "Volume XI, Document 59"):
        assert find_references(text, collection="frus1961-63v06") == [
            Reference(text, "frus1961-63v11/d59")
        ]
    # Without a collection, nothing can be targeted.
    assert find_references("Document 5") == [Reference("Document 5", None)]
    assert find_references("vol. XI, Document 59")[0].target is None


def test_telegram_references_wait_for_a_linker() -> None:
    refs = find_references("In Embtel 974 and Deptel 1171, and telegram 1688 from Moscow.")
    assert [(r.text, r.target) for r in refs] == [
        ("Embtel 974", None), ("Deptel 1171", None), ("telegram 1688 from Moscow", None),
    ]


def test_roman() -> None:
    assert [roman_to_int(r) for r in ("XI", "IV", "XXV", "Q")] == [11, 4, 25, None]


@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=20)))
def test_any_text(text: str, collection: str | None) -> None:
    for r in find_references(text, collection=collection):
        assert r.text
        assert r.target is None or "/d" in r.target
