"""Bad inputs in a batch: one error line naming the file, the rest stored, the archive intact."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablegram.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "frustest01.xml"
SECRET = "cablegram-secret-7f3a9c"


def good_volume(folder: Path, vol_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / f"{vol_id}.xml"
    p.write_text(FIXTURE.read_text(encoding="utf-8").replace("frustest01", vol_id),
                 encoding="utf-8")
    return p


def _tei_with_doctype(subset: str, body: str) -> str:
    text = FIXTURE.read_text(encoding="utf-8").replace("frustest01", "frusbad01")
    text = text.replace('<?xml version="1.0" encoding="UTF-8"?>\n',
                        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE TEI [\n{subset}\n]>\n')
    return text.replace("On October 29 the crisis eased.", body)


def malformed(d: Path) -> Path:
    p = d / "malformed.xml"
    p.write_text(FIXTURE.read_text(encoding="utf-8").replace("</dateline>", "</datelin>", 1))
    return p


def truncated(d: Path) -> Path:
    p = d / "truncated.xml"
    data = FIXTURE.read_bytes()
    p.write_bytes(data[: len(data) * 2 // 3])
    return p


def truncated_gz(d: Path) -> Path:
    p = d / "truncated.xml.gz"
    data = gzip.compress(FIXTURE.read_bytes())
    p.write_bytes(data[: len(data) // 2])
    return p


def not_tei(d: Path) -> Path:
    p = d / "feed.xml"
    p.write_text('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title>'
                 "<item><title>Not a volume</title></item></channel></rss>\n")
    return p


def not_tei_with_tei_namespace(d: Path) -> Path:
    # Mentions the TEI namespace (so the TEI reader takes it) but is not a TEI document.
    p = d / "almost.xml"
    p.write_text('<?xml version="1.0"?>\n<html xmlns:tei="http://www.tei-c.org/ns/1.0">'
                 "<body>no</body></html>\n")
    return p


def binary(d: Path) -> Path:
    p = d / "scan.xml"
    p.write_bytes(bytes(range(256)) * 64)
    return p


def empty(d: Path) -> Path:
    p = d / "empty.xml"
    p.write_bytes(b"")
    return p


def external_entity(d: Path) -> Path:
    secret = d / "secret.txt"
    secret.write_text(SECRET)
    p = d / "xxe.xml"
    p.write_text(_tei_with_doctype(f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">', "Read &xxe;."))
    return p


def billion_laughs(d: Path) -> Path:
    lols = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    ]
    p = d / "laughs.xml"
    p.write_text(_tei_with_doctype("\n".join(lols), "&lol9;"))
    return p


BAD: list[Callable[[Path], Path]] = [
    malformed, truncated, truncated_gz, not_tei, not_tei_with_tei_namespace, binary, empty,
    external_entity, billion_laughs,
]


def _counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {c: n for c, n in conn.execute(
            "SELECT collection, count(*) FROM documents GROUP BY collection")}
    finally:
        conn.close()


@pytest.mark.parametrize("make_bad", BAD, ids=[f.__name__ for f in BAD])
def test_bad_file_in_a_batch(make_bad: Callable[[Path], Path], tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(good_volume(tmp_path / "v1", "frustest01")),
                                 "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert _counts(db) == {"frustest01": 3}

    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = make_bad(bad_dir)
    good = good_volume(tmp_path / "v2", "frustest02")
    result = runner.invoke(main, ["ingest", str(bad), str(good), "--db", str(db)])

    assert result.exit_code == 1
    assert not (result.exception and not isinstance(result.exception, SystemExit))
    assert "Traceback" not in result.output
    naming = [line for line in result.stderr.splitlines() if bad.name in line]
    assert len(naming) == 1, result.stderr
    line = naming[0]
    assert line.startswith(f"{bad}: ")
    # A reader bug is not a clear error about the input.
    assert "internal error" not in line
    assert result.stderr.splitlines() == [line]
    # The good file of the batch is stored; what was there before is intact.
    assert _counts(db) == {"frustest01": 3, "frustest02": 3}
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        failed = conn.execute("SELECT path, error FROM ingest_log WHERE status = 'failed'")
        assert [(Path(p).name, e == line.split(": ", 1)[1]) for p, e in failed] == [
            (bad.name, True)]
    finally:
        conn.close()
    assert SECRET.encode() not in db.read_bytes()


def test_a_folder_of_good_and_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    bad = [make(folder) for make in (malformed, truncated, truncated_gz, empty, billion_laughs)]
    good_volume(folder, "frustest01")
    db = tmp_path / "a.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert sorted(line.split(": ", 1)[0] for line in lines) == sorted(str(p) for p in bad)
    assert _counts(db) == {"frustest01": 3}


def test_no_traceback_from_the_real_command(tmp_path: Path) -> None:
    bad = billion_laughs(tmp_path)
    good = good_volume(tmp_path / "v", "frustest01")
    p = subprocess.run(
        [sys.executable, "-m", "cablegram", "ingest", str(bad), str(good),
         "--db", str(tmp_path / "a.db")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert p.returncode == 1
    assert "Traceback" not in p.stderr
    assert p.stderr.splitlines()[0].startswith(f"{bad}: ")
    assert len(p.stderr.splitlines()) == 1
