"""The query language: parsing, errors, printing, and the SQL it compiles to."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cablegram.errors import QueryError
from cablegram.search.compile import normalise_value
from cablegram.search.index import analyzer, date_number
from cablegram.search.query import (
    And,
    DateRange,
    Field,
    Has,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    date_bounds,
    parse,
    to_text,
)

PARSES = [
    ("berlin", Term("berlin")),
    ("Berlin crisis", And((Term("Berlin"), Term("crisis")))),
    ("berlin AND crisis", And((Term("berlin"), Term("crisis")))),
    ("a b OR c", Or((And((Term("a"), Term("b"))), Term("c")))),
    ("a (b OR c)", And((Term("a"), Or((Term("b"), Term("c")))))),
    ("a NOT b", And((Term("a"), Not(Term("b"))))),
    ("NOT NOT a", Not(Not(Term("a")))),
    ("berlin and cuba", And((Term("berlin"), Term("and"), Term("cuba")))),
    ('"missile  crisis"', Phrase("missile crisis")),
    ("khrush*", Prefix("khrush")),
    ("NEAR(khrushchev kennedy, 5)", Near((Term("khrushchev"), Term("kennedy")), 5)),
    ('NEAR("missile crisis" cuba*)', Near((Phrase("missile crisis"), Prefix("cuba")), 10)),
    ("Berlin, Moscow", And((Term("Berlin"), Term("Moscow")))),
    ("U.S.", Term("U.S.")),
    ('from:"Embassy in the Soviet Union"', Field("from", "Embassy in the Soviet Union")),
    ("FROM:Rusk", Field("from", "Rusk")),
    ("to:Kennedy place:Moscow", And((Field("to", "Kennedy"), Field("place", "Moscow")))),
    ("type:telegram", Field("type", "telegram")),
    ('class:"top secret"', Field("class", "top secret")),
    ("collection:frus1961-63v06", Field("collection", "frus1961-63v06")),
    ("number:974", Field("number", "974")),
    ("person:107516", Field("person", "107516")),
    ('person:"Foy  Kohler"', Field("person", "Foy Kohler")),
    ("date:1962-10-22..1962-11-20", DateRange("1962-10-22", "1962-11-20")),
    ("date:1962-10", DateRange("1962-10", "1962-10")),
    ("date:1962", DateRange("1962", "1962")),
    ("date:1958..1960", DateRange("1958", "1960")),
    ("date:..1962-10", DateRange(None, "1962-10")),
    ("date:1962-10-27..", DateRange("1962-10-27", None)),
    ("date:1962-10..1962", DateRange("1962-10", "1962")),
    ("has:redaction", Has("redaction")),
    ("has:FOOTNOTE", Has("footnote")),
    ("10:30", Term("10:30")),
]


@pytest.mark.parametrize(("text", "ast"), PARSES)
def test_parses(text: str, ast: Node) -> None:
    assert parse(text) == ast
    assert parse(to_text(ast)) == ast


ERRORS = [
    ("", 0, "empty query"),
    ("   ", 0, "empty query"),
    ("(berlin", 7, "missing ')'"),
    ("berlin)", 6, "unexpected ')'"),
    ("berlin OR", 9, "term was expected"),
    ("OR berlin", 0, "OR needs a term"),
    ('"missile crisis', 0, "unterminated quote"),
    ("*", 0, "'*' must end a word"),
    ("a**", 0, "'*' must end a word"),
    ("--", 0, "no letters or digits"),
    ('""', 0, "phrase has no letters"),
    ("foo:bar", 0, "unknown field 'foo'"),
    ("berlin subject:x", 7, "unknown field 'subject'"),
    ("from:", 5, "from: needs a value"),
    ('from:"  "', 5, "from: needs a value"),
    ("from:--", 5, "from: needs letters or digits"),
    ("person:--", 7, "person: needs a register id or a name"),
    ("has:map", 4, "has: takes redaction or footnote"),
    ("date:1962-13", 5, "bad month"),
    ("date:1962-02-30", 5, "no such day"),
    ("date:62", 5, "bad date"),
    ("date:1962..x", 11, "bad date"),
    ("date:..", 5, "needs a start or an end"),
    ("date:1963..1962-05", 5, "ends before it starts"),
    ("NEAR(a)", 0, "at least two"),
    ("NEAR(a b, x)", 10, "whole number"),
    ("NEAR(a b, 5000)", 10, "at most"),
    ("NEAR(a OR b)", 7, "NEAR takes words"),
    ("(" * 200 + "a" + ")" * 200, 100, "nested deeper"),
]


@pytest.mark.parametrize(("text", "pos", "reason"), ERRORS)
def test_errors(text: str, pos: int, reason: str) -> None:
    with pytest.raises(QueryError) as info:
        parse(text)
    assert info.value.pos == pos
    assert reason in info.value.reason


def test_date_bounds() -> None:
    assert date_bounds("1962") == ("1962-01-01", "1962-12-31")
    assert date_bounds("1960-02") == ("1960-02-01", "1960-02-29")
    assert date_bounds("1962-10-27") == ("1962-10-27", "1962-10-27")


# Text likely to hit the grammar's corners, mixed with anything at all.
_PIECES = st.sampled_from([
    "a", "berlin", "AND", "OR", "NOT", "(", ")", '"', '"x y"', "*", "k*", ",", "5", " ",
    "NEAR(", "from:", 'from:"a b"', "date:", "1962", "-10", "..", "has:", "redaction",
    "type:", "class:", "person:", ":", "é", "\x00", "\t",
])
QUERY_TEXT = st.one_of(st.text(), st.lists(_PIECES, max_size=25).map("".join))


@given(QUERY_TEXT)
@settings(max_examples=1500)
@example('a OR "b c" NOT (d* from:"x y")')
def test_any_text_parses_or_raises_query_error(text: str) -> None:
    try:
        ast = parse(text)
    except QueryError as e:
        assert 0 <= e.pos <= len(text)
        return
    # Whatever parses prints back to a query with the same meaning (round trip).
    assert parse(to_text(ast)) == ast


_DATES = st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31))


@given(_DATES, _DATES, st.sampled_from([4, 7, 10]))
def test_date_numbers_order_as_iso_dates(a: date, b: date, cut: int) -> None:
    x, y = a.isoformat(), b.isoformat()
    assert (date_number(x) < date_number(y)) == (x < y)
    # A range's end written at any precision covers every date that begins with it.
    end = y[:cut]
    assert (date_number(x) <= date_number(end, end=True)) == (x[:cut] <= end)


@given(st.text(max_size=40))
def test_user_text_reaches_the_index_only_as_words(text: str) -> None:
    # Queries are built from the analyzer's words: no user text is ever parsed by tantivy.
    words = analyzer().analyze(text)
    assert all(w and w == w.lower() and " " not in w for w in words)


def test_field_values_are_normalised() -> None:
    assert normalise_value("type", "Memorandum of  Conversation") == "memorandum-of-conversation"
    assert normalise_value("class", "Top  Secret") == "top secret"
    assert normalise_value("from", "Embassy in  Moscow") == "Embassy in  Moscow"
