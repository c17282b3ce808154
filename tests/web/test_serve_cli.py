"""`cablegram serve` refuses what it cannot serve with one line (the browser tests start it)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cablegram.cli import main


def test_serve_without_an_archive_is_one_line(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        f"error: {tmp_path / 'none.db'}: no archive here (run `cablegram ingest` first)"]
    assert not (tmp_path / "none.db").exists()


def test_serve_checks_port_and_workers(tmp_path: Path) -> None:
    for args in (["--port", "70000"], ["--workers", "0"], ["--port", "x"]):
        res = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "a.db"), *args])
        assert res.exit_code == 2, args


def test_a_serving_worker_settles_its_heap(web_db: Path) -> None:
    import gc

    from starlette.testclient import TestClient

    from cablegram.web import create_app

    assert gc.get_freeze_count() == 0
    try:
        with TestClient(create_app(web_db, serving=True)) as client:
            # What the started worker holds is out of the collector's reach ...
            assert gc.get_freeze_count() > 10_000
            # ... and it serves as before.
            assert client.get("/documents/frus1961-63v06/d65").status_code == 200
    finally:
        gc.unfreeze()
