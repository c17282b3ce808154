"""A web worker sees what another process commits, on both backends: the next search and
the next page after the commit show the new document (docs/deploy.md). `cablegram serve`
runs on a PostgreSQL URL as on a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_fixtures import SRC, build_archive, serving

from cablegram.web import create_app

# Another process stores one collection with the word "zanzibar" (argv: the archive, the id).
WRITER = """
import sys
from cablegram.archive import Archive
from cablegram.record import Batch, Collection, Record
with Archive.open(sys.argv[1]) as a:
    col = sys.argv[2]
    a.store.put_batch(Batch(Collection(col, "Fresh"), [Record(
        id=col + "/d1", collection=col, number="1", title="Zanzibar cable",
        text="News from zanzibar.", date="1964-01-12", doc_type="telegram")]),
        path=col, sha256=col)
"""


def _commit_elsewhere(location: str, collection: str) -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    subprocess.run([sys.executable, "-c", WRITER, location, collection], check=True,
                   env=env, timeout=120)


def test_a_worker_sees_documents_another_process_commits(archive_location: str) -> None:
    build_archive(archive_location)
    with TestClient(create_app(archive_location)) as client:
        assert client.get("/search.json?q=zanzibar").json()["total"] == 0
        html_before = client.get("/search?q=type:telegram").text
        assert client.get("/documents/fresh/d1.json").status_code == 404
        _commit_elsewhere(archive_location, "fresh")
        # The very next requests, with no pause: the search index catches up first.
        found = client.get("/search.json?q=zanzibar").json()
        assert found["total"] == 1 and found["results"][0]["id"] == "fresh/d1"
        assert client.get("/documents/fresh/d1.json").json()["record"]["title"] == \
            "Zanzibar cable"
        assert "Zanzibar cable" not in html_before
        assert "Zanzibar cable" in client.get("/search?q=type:telegram").text
        assert any(c["id"] == "fresh" for c in client.get("/index.json").json()["collections"])


@pytest.fixture
def served(archive_location: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`cablegram serve --db LOCATION --workers 2` on a free port: (base URL, location)."""
    build_archive(archive_location)
    log = tmp_path / "serve.log"
    with serving(archive_location, log, "--workers", "2") as url:
        yield url, archive_location
    assert "Traceback" not in log.read_text()


def _get(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=30) as r:
        data: dict[str, object] = json.loads(r.read())
    return data


def test_serve_shows_what_another_process_commits(served: tuple[str, str]) -> None:
    base, location = served
    assert _get(f"{base}/search.json?q=zanzibar")["total"] == 0
    _commit_elsewhere(location, "fresh")
    # Each of the two workers (requests land on either) finds it on its next search.
    for _ in range(6):
        found = _get(f"{base}/search.json?q=zanzibar")
        assert found["total"] == 1, found
