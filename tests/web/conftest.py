from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from starlette.testclient import TestClient
from web_fixtures import build_archive, build_linked_archive

from cablegram.web import create_app


@pytest.fixture(scope="session")
def web_db(session_location: Callable[[str], str]) -> str:
    """The web_fixtures archive, on each backend (the `backend` fixture)."""
    return build_archive(session_location("web"))


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_db)) as c:
        yield c


@pytest.fixture(scope="session")
def linked(tmp_path_factory: pytest.TempPathFactory,
           session_location: Callable[[str], str]) -> Iterator[TestClient]:
    """A client over frus-mini read with a people register and pocom."""
    db = build_linked_archive(tmp_path_factory.mktemp("linked"), session_location("linked"))
    with TestClient(create_app(db)) as c:
        yield c
