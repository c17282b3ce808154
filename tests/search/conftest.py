"""Fixtures of the search tests: a small archive built in code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from search_fixtures import build

from cablegram.store.sqlite import SqliteStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    s = build(tmp_path / "search.db")
    yield s
    s.close()
