"""The `cablegram` command, through click's CliRunner on archives built in tmp_path."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablegram.archive import Archive
from cablegram.cli import main
from cablegram.record import (
    RECORD_KEYS,
    Batch,
    Collection,
    Footnote,
    Record,
    Reference,
    Signer,
    Source,
)
from cablegram.store.sqlite import SqliteStore

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "frustest01.xml"


def _record(col: str, n: int) -> Record:
    return Record(
        id=f"{col}/d{n}", collection=col, number=str(n),
        title=f"{n}. Telegram From the Embassy in the Soviet Union to the Department of State",
        doc_type="telegram" if n % 2 else "letter", sender="Embassy in the Soviet Union",
        recipient="Department of State", place="Moscow", date=f"1962-10-{n:02d}", time="17:00",
        classification="secret", handling=["Niact", "Eyes Only"],
        source_note="Source: Department of State, Central Files. Secret; Niact.",
        source=Source(repository="Department of State", file="Central Files 611.61"),
        telegram_number=f"{970 + n}", signers=[Signer("Kohler")],
        footnotes=[Footnote("1", "Not found.")], references=[Reference("Document 1", f"{col}/d1")],
        text=f"{970 + n}. Text [with] brackets, \"quotes\", and a, comma.\nSecond line.",
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """An archive of two collections built in code (no reader involved)."""
    path = tmp_path / "built.db"
    store = SqliteStore(path)
    for col, n in (("frusa", 3), ("frusb", 2)):
        store.put_batch(Batch(Collection(col, title=f"Volume {col}", format="tei"),
                              [_record(col, i) for i in range(1, n + 1)]),
                        path=f"/x/{col}.xml", sha256=col)
    store.close()
    return path


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def test_show_json(db: Path) -> None:
    code, out, _ = run("show", "frusa/d2", "--db", str(db), "--json")
    assert code == 0
    assert json.loads(out) == _record("frusa", 2).to_dict()
    assert list(json.loads(out)) == list(RECORD_KEYS)


def test_show_rendered(db: Path) -> None:
    code, out, _ = run("show", "frusa/d3", "--db", str(db))
    assert code == 0
    for piece in ("3. Telegram From", "Embassy in the Soviet Union", "1962-10-03", "Niact",
                  "Central Files 611.61", "Text [with] brackets", "Not found."):
        assert piece in out


def test_show_missing_is_one_line(db: Path) -> None:
    code, out, err = run("show", "frusa/d99", "--db", str(db))
    assert code == 1 and out == ""
    assert err == "error: no record with id 'frusa/d99'\n"


def test_read_commands_need_an_archive(tmp_path: Path) -> None:
    for cmd in ("show x", "export", "stats"):
        code, _, err = run(*cmd.split(), "--db", str(tmp_path / "none.db"))
        assert code == 1 and err.startswith("error: ") and err.count("\n") == 1
        assert "no archive here" in err
    assert not (tmp_path / "none.db").exists()


def test_export_jsonl(db: Path) -> None:
    code, out, _ = run("export", "--db", str(db))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["frusa/d1", "frusa/d2", "frusa/d3", "frusb/d1", "frusb/d2"]
    assert rows[0] == _record("frusa", 1).to_dict()


def test_export_collection(db: Path) -> None:
    code, out, _ = run("export", "--db", str(db), "--collection", "frusb")
    assert code == 0 and len(out.splitlines()) == 2
    code, _, err = run("export", "--db", str(db), "--collection", "frusz")
    assert code == 1 and err == "error: no collection with id 'frusz'\n"


def test_export_csv(db: Path) -> None:
    code, out, _ = run("export", "--db", str(db), "--format", "csv", "--collection", "frusa")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 3 and list(rows[0]) == list(RECORD_KEYS)
    r = rows[1]
    assert r["id"] == "frusa/d2" and r["from"] == "Embassy in the Soviet Union"
    assert r["handling"] == "Niact; Eyes Only"
    assert json.loads(r["source"])["file"] == "Central Files 611.61"
    assert json.loads(r["signers"]) == [{"name": "Kohler", "title": None}]
    assert r["text"] == _record("frusa", 2).text  # newlines and quotes survive
    assert r["flags"] == "" and r["extra"] == "" and r["format"] == ""


def test_stats(db: Path) -> None:
    code, out, _ = run("stats", "--db", str(db), "--json")
    s = json.loads(out)
    assert code == 0 and s["documents"] == 5 and s["collections"] == 2
    assert s["by_doc_type"] == {"telegram": 3, "letter": 2}
    assert s["years"] == {"min": 1962, "max": 1962, "dated": 5}
    code, out, _ = run("stats", "--db", str(db))
    assert code == 0
    assert "documents" in out and "frusb" in out and "telegram" in out


def test_db_from_environment_and_default(db: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run("stats", "--json", env={"CABLEGRAM_DB": str(db)})
    assert code == 0 and json.loads(out)["documents"] == 5
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cablegram.db").write_bytes(db.read_bytes())
    code, out, _ = run("stats", "--json", env={"CABLEGRAM_DB": ""})
    assert code == 0 and json.loads(out)["documents"] == 5


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("ingest", str(tmp_path), "--db", str(tmp_path / "a.db"),
                       "--format", "nope")
    assert code == 2 and "'nope' is not one of auto, scan, tei" in err


# -- ingest (needs the TEI reader) ---------------------------------------------------------


def test_ingest_then_reingest(tmp_path: Path) -> None:
    vols = tmp_path / "vols"
    vols.mkdir()
    (vols / "frustest01.xml").write_bytes(FIXTURE.read_bytes())
    (vols / "frustest02.xml.gz").write_bytes(
        gzip.compress(FIXTURE.read_bytes().replace(b"frustest01", b"frustest02")))
    (vols / "notes.md").write_text("not picked up from a folder")
    dbp = str(tmp_path / "a.db")
    code, out, err = run("ingest", str(vols), "--db", dbp)
    assert code == 0, err
    assert "volumes ingested" in out and "documents" in out
    code, out, _ = run("ingest", str(vols), "--db", dbp, "--json")
    summary = json.loads(out)
    assert code == 0
    assert summary["volumes"] == {"ingested": 0, "replaced": 0, "unchanged": 2, "failed": 0}
    with Archive.open(dbp) as a:
        assert a.stats()["documents"] == 6


def test_ingest_failure_exits_1_with_one_line(tmp_path: Path) -> None:
    good = tmp_path / "frustest01.xml"
    good.write_bytes(FIXTURE.read_bytes())
    code, out, err = run("ingest", str(tmp_path / "missing.xml"), str(good),
                         "--db", str(tmp_path / "a.db"))
    assert code == 1
    assert err.splitlines() == [f"{tmp_path / 'missing.xml'}: no such file"]
    assert "volumes failed" in out


def test_python_m_cablegram_help() -> None:
    p = subprocess.run([sys.executable, "-m", "cablegram", "--help"],
                       capture_output=True, text=True, timeout=60, check=False)
    assert p.returncode == 0, p.stderr
    for cmd in ("ingest", "show", "export", "stats", "fetch"):
        assert cmd in p.stdout


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("these are my notes, not an archive\n" * 100)
    for cmd in ("stats", "show x", "export"):
        code, _, err = run(*cmd.split(), "--db", str(bad))
        assert code == 1 and err.count("\n") == 1 and "not a database" in err
    assert bad.read_text().startswith("these are my notes")


def test_db_in_a_missing_folder(tmp_path: Path) -> None:
    code, _, err = run("ingest", str(FIXTURE), "--db", str(tmp_path / "no" / "such" / "a.db"))
    assert code == 1 and err.startswith("error: ") and err.count("\n") == 1


def test_export_into_a_closed_pipe(tmp_path: Path) -> None:
    # `cablegram export | head -1`: the reader goes away; no traceback, exit 0.
    path = tmp_path / "big.db"
    store = SqliteStore(path)
    records = [_record("frusa", i) for i in range(1, 301)]
    for r in records:
        r.text = "x" * 2000
    store.put_batch(Batch(Collection("frusa"), records), path="p", sha256="s")
    store.close()
    p = subprocess.Popen([sys.executable, "-m", "cablegram", "export", "--db", str(path)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    assert json.loads(p.stdout.readline())["id"] == "frusa/d1"
    p.stdout.close()
    err = p.stderr.read().decode()
    p.stderr.close()
    assert p.wait(timeout=60) == 0
    assert err == ""


def test_export_frus_text_reads_back_as_the_same_records(tmp_path: Path) -> None:
    """export --format frus-text renders a volume that the frus-text reader reads back."""
    from cablegram.readers.text import TextReader

    db = tmp_path / "a.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(FIXTURE), "--db", str(db)]).exit_code == 0
    shown = runner.invoke(main, ["export", "--db", str(db), "--format", "jsonl"])
    tei_ids = [json.loads(line)["id"] for line in shown.output.splitlines()]
    collection = tei_ids[0].split("/")[0]
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "frus-text",
                                  "--collection", collection])
    assert result.exit_code == 0, result.output
    out = tmp_path / "volume.txt"
    out.write_text(result.output, encoding="utf-8")
    batch = next(TextReader().read(out))
    # The fixture's file name is no FRUS id; the title block (1961-1963, Volume XC) names it.
    assert batch.collection.id == "frus1961-63v90"
    assert [r.id.split("/")[1] for r in batch.records] == [i.split("/")[1] for i in tei_ids]


def test_export_frus_text_needs_a_collection(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", str(tmp_path / "a.db"),
                                       "--format", "frus-text"])
    assert result.exit_code == 2
    assert "--collection" in result.output
