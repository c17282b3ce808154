"""Fixtures of the search tests: a small archive built in code."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from search_fixtures import build

from cablegram.store.base import Store


@pytest.fixture
def store(archive_location: str) -> Iterator[Store]:
    """The search fixture archive on each backend (SQLite, PostgreSQL)."""
    s = build(archive_location)
    yield s
    s.close()
