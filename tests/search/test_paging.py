"""Paging and query size are checked in the library, so that the CLI and the web share it.

`cablegram search berlin --offset 1000000000000` used to abort the process inside tantivy
(it reserves room for offset + limit hits up front).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from search_fixtures import RECORDS, build

from cablegram.archive import Archive
from cablegram.cli import main
from cablegram.errors import ParameterError, QueryError
from cablegram.search.engine import MAX_QUERY_CHARS, check_paging


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paging") / "a.db"
    build(path).close()
    return path


@pytest.mark.parametrize("offset", [len(RECORDS), len(RECORDS) + 1, 10**12, 2**63 - 1, 10**30])
def test_offset_beyond_the_results_is_an_empty_page(db: Path, offset: int) -> None:
    with Archive.open(db) as archive:
        out = archive.search("berlin", offset=offset, facets=["year"])
    assert out["results"] == []
    assert out["total"] == 4  # the total and the facets still describe the whole result
    assert sum(n for _, n in out["facets"]["year"]) == 4


@pytest.mark.parametrize("limit", [10**12, 2**64, 10**30])
def test_huge_limit_returns_every_hit(db: Path, limit: int) -> None:
    with Archive.open(db) as archive:
        out = archive.search("NOT zzzz", limit=limit)
    assert len(out["results"]) == out["total"] == len(RECORDS)


@pytest.mark.parametrize(("name", "value"), [
    ("offset", -1), ("limit", -5), ("offset", "10"), ("limit", 2.5), ("offset", True),
    ("limit", None),
])
def test_bad_paging_names_the_parameter(db: Path, name: str, value: object) -> None:
    with Archive.open(db) as archive, pytest.raises(ParameterError) as e:
        archive.search("berlin", **{name: value})  # type: ignore[arg-type]
    assert e.value.name == name


def test_a_query_longer_than_the_limit_is_a_query_error(db: Path) -> None:
    text = "berlin " * (100_000 // 7)
    with Archive.open(db) as archive, pytest.raises(QueryError) as e:
        archive.search(text)
    assert e.value.pos == MAX_QUERY_CHARS
    with Archive.open(db) as archive:  # exactly at the limit is still a query
        assert archive.search("berlin".ljust(MAX_QUERY_CHARS))["total"] == 4


def test_cli_huge_offset_and_negative_offset(db: Path) -> None:
    run = CliRunner().invoke
    res = run(main, ["search", "berlin", "--db", str(db), "--json",
                     "--offset", "1000000000000"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output) == {"total": 4, "results": [], "facets": {}}
    res = run(main, ["search", "berlin", "--db", str(db), "--offset", "-1"])
    assert res.exit_code == 2 and "-1" in res.output
    res = run(main, ["search", "berlin " * 20_000, "--db", str(db)])
    assert res.exit_code == 2
    assert f"query error at position {MAX_QUERY_CHARS}" in res.output


@settings(max_examples=200)
@given(st.one_of(st.integers(), st.floats(), st.text(), st.none(), st.booleans()),
       st.one_of(st.integers(), st.text(), st.none()))
def test_check_paging_returns_or_raises_its_own_error(limit: object, offset: object) -> None:
    try:
        got = check_paging(limit, offset)
    except ParameterError:
        return
    assert got == (limit, offset) and min(got) >= 0


def test_facet_size_per_facet(db: Path) -> None:
    with Archive.open(db) as archive:
        out = archive.search("NOT zzzz", facets=["year", "collection"],
                             facet_size={"year": None, "collection": 1})
    assert len(out["facets"]["collection"]) == 1
    assert out["facets"]["collection"][0][1] == 4  # the most frequent of the three volumes
    assert sum(n for _, n in out["facets"]["year"]) == len(RECORDS)
