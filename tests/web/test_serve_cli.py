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
