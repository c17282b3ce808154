"""docs/search.md: every example query in it parses and runs; the documented error is real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from search_fixtures import search

from cablegram.errors import QueryError
from cablegram.search import parse
from cablegram.search.facets import ALL_FACETS
from cablegram.store.sqlite import SqliteStore

DOC = Path(__file__).parents[2] / "docs" / "search.md"


def _language_examples() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## The language", 1)[1].split("\n## ", 1)[0]
    # The first cell of each table row, and each line of the code blocks.
    examples = re.findall(r"^\| `([^`]+)` \|", section, flags=re.M)
    for block in re.findall(r"```\n(.*?)```", section, flags=re.S):
        examples += [line for line in block.splitlines() if line.strip()]
    return examples


EXAMPLES = _language_examples()


def test_the_doc_has_examples() -> None:
    assert len(EXAMPLES) >= 30


@pytest.mark.parametrize("query", EXAMPLES)
def test_example_parses_and_runs(store: SqliteStore, query: str) -> None:
    out = search(store, query, facets=ALL_FACETS, limit=100)
    assert out["total"] == len(out["results"])


def test_documented_error_line() -> None:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"\$ cablegram search '([^']+)'\nquery error at position (\d+): (.+)", text)
    assert m is not None
    with pytest.raises(QueryError) as info:
        parse(m.group(1))
    assert (info.value.pos, info.value.reason) == (int(m.group(2)), m.group(3))


def test_documented_facets_are_the_registered_ones() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in ALL_FACETS:
        assert f"`{name}`" in text
