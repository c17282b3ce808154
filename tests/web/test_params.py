"""Query parameters: unknown names, numbers, dates and ids are checked before any view runs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.errors import ParameterError
from cablegram.web.params import Params, check_id


def test_known_parameters_read() -> None:
    p = Params.of([("q", "berlin"), ("offset", "40"), ("from", "1962-10-01")],
                  ("q", "offset", "from"))
    assert (p.text("q"), p.number("offset", 0), p.day("from")) == ("berlin", 40, "1962-10-01")
    assert p.number("limit", 20) == 20 and p.day("to") is None


@pytest.mark.parametrize(("items", "name"), [
    ([("zz", "1")], "zz"), ([("q", "a"), ("q", "b")], "q"), ([("format", "xml")], "format"),
    ([("offset", "-1")], "offset"), ([("offset", "٣")], "offset"), ([("offset", "")], "offset"),
    ([("from", "1962-02-30")], "from"), ([("from", "19621001")], "from"),
])
def test_bad_parameters_name_themselves(items: list[tuple[str, str]], name: str) -> None:
    with pytest.raises(ParameterError) as e:
        p = Params.of(items, ("q", "offset", "from"))
        p.number("offset", 0)
        p.day("from")
    assert e.value.name == name


@pytest.mark.parametrize("id", ["frus1961-63v06", "d66", "CDNW12467", "frus1961-63v06:p_KVV2"])
def test_ids_as_the_readers_make_them(id: str) -> None:
    assert check_id("id", id) == id


@pytest.mark.parametrize("id", ["", "<script>", "a b", "-x", "x" * 201, "a/b", "é"])
def test_malformed_ids(id: str) -> None:
    with pytest.raises(ParameterError):
        check_id("id", id)


@given(st.lists(st.tuples(st.sampled_from(["q", "offset", "from", "format", "x"]),
                          st.text(max_size=30)), max_size=5))
def test_any_query_string_reads_or_raises_its_own_error(items: list[tuple[str, str]]) -> None:
    try:
        p = Params.of(items, ("q", "offset", "from"))
        assert p.number("offset", 0) >= 0
        day = p.day("from")
        assert day is None or len(day) == 10
        p.text("q")
    except ParameterError:
        pass
