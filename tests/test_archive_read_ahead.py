"""Reading ahead (a thread, a child process, or none) changes nothing in what is stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cablegram.archive import READ_AHEAD, Archive, read_file
from cablegram.errors import CablegramError
from cablegram.read_worker import ReadWorker, _Forked
from test_archive import volume


def _corpus(folder: Path) -> list[Path]:
    first = volume(folder, "frustest01")
    bad = folder / "b-bad.xml"
    bad.write_text("<TEI xmlns='http://www.tei-c.org/ns/1.0'><text>", encoding="utf-8")
    return [first, bad, volume(folder, "frustest02", gz=True),
            volume(folder, "frustest03", drop="d2")]


Outcome = tuple[list[tuple[str, str, int, str | None]], list[str], list[str], int, list[str]]


def _outcome(db: Path, files: list[Path], mode: str) -> Outcome:
    with Archive.open(db) as a:
        report = a.ingest(files, read_ahead=mode)
        again = a.ingest(files, read_ahead=mode)
        return (
            [(f.path.name, f.status, f.documents, f.error) for f in report.files],
            [f.status for f in again.files],
            list(a.records_json()),
            a.search("NOT zzzz")["total"],  # every document is in the search index
            a.store.integrity_check(),
        )


def test_every_mode_stores_the_same(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "vols")
    results = {m: _outcome(tmp_path / f"{m}.db", files, m) for m in READ_AHEAD}
    statuses, again, records, total, check = results["off"]
    assert [s for _, s, _, _ in statuses] == ["ingested", "failed", "ingested", "ingested"]
    assert again == ["unchanged", "failed", "unchanged", "unchanged"]
    assert total == len(records) == 8 and check == ["ok"]
    # Records carry their origin path, the same in every mode: compare them whole.
    assert results["thread"] == results["process"] == results["off"]


@pytest.mark.parametrize("mode", READ_AHEAD)
def test_a_file_replaced_meanwhile_is_read_again(tmp_path: Path, mode: str) -> None:
    # `a` is unchanged when it is hashed ahead; `b`, stored before it, takes its collection;
    # so when its turn comes `a` must be read and stored again, not skipped as unchanged.
    a_path = volume(tmp_path / "a", "frustest01")
    b_path = volume(tmp_path / "b", "frustest01", drop="d2")
    with Archive.open(tmp_path / "x.db") as archive:
        archive.ingest([a_path], read_ahead=mode)
        report = archive.ingest([b_path, a_path], read_ahead=mode)
        assert [f.status for f in report.files] == ["replaced", "replaced"]
        assert [r.id for r in archive.records("frustest01")] == [
            "frustest01/d1", "frustest01/d2", "frustest01/d3"]


def test_unknown_mode(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "x.db") as archive, pytest.raises(CablegramError,
                                                                    match="read_ahead"):
        archive.ingest([tmp_path], read_ahead="fork")


class _DyingWorker(ReadWorker):
    def _start(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-c", "import sys; sys.exit(3)"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def test_a_reader_process_that_dies_is_the_file_error(tmp_path: Path) -> None:
    worker = _DyingWorker()
    try:
        read = worker.read(volume(tmp_path, "frustest01"), "auto")
    finally:
        worker.close()
    assert read.batches == [] and read.error is not None
    assert "reader process ended" in read.error


def test_the_reader_process_reads_like_the_parent(tmp_path: Path) -> None:
    worker = ReadWorker()
    try:
        good = worker.read(volume(tmp_path, "frustest01"), "auto")
        empty = tmp_path / "empty.xml"
        empty.write_bytes(b"")
        bad = worker.read(empty, "auto")
    finally:
        worker.close()
    # The child sends the rows to store, not the records: they are the parent's records.
    assert good.error is None and good.rows is not None
    assert [len(b.records) for b in good.batches] == [0]
    here = read_file(volume(tmp_path, "frustest01"), "auto").batches
    assert [rows.records() for rows in good.rows] == [b.records for b in here]
    assert [len(rows.docs) for rows in good.rows] == [3]
    assert bad.batches == [] and bad.error


def _pipes_held(pid: int) -> set[str]:
    fd_dir = Path(f"/proc/{pid}/fd")
    held = set()
    for fd in fd_dir.iterdir():
        try:
            held.add(os.readlink(fd))
        except OSError:
            continue  # closed meanwhile
    return {h for h in held if h.startswith("pipe:")}


@pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/fd").exists(),
                    reason="forked readers and /proc only")
def test_a_forked_reader_holds_no_pipe_of_another(tmp_path: Path) -> None:
    # Else closing one reader's input would never end it: the other would keep it open.
    first, second = ReadWorker(), ReadWorker()
    try:
        a, b = first.start(), second.start()
        assert isinstance(a, _Forked) and isinstance(b, _Forked)
        assert a.stdin is not None and a.stdout is not None
        first_ends = {f"pipe:[{os.fstat(f.fileno()).st_ino}]" for f in (a.stdin, a.stdout)}
        assert first_ends <= _pipes_held(a.pid)  # the other ends of the same pipes
        # A child closes the others' ends before it serves: once it has answered, it has.
        read = second.read(volume(tmp_path, "frustest01"), "auto")
        assert read.error is None and [len(x.docs) for x in read.rows or []] == [3]
        assert not first_ends & _pipes_held(b.pid)
        assert first.close() == 0
        read = second.read(volume(tmp_path, "frustest02"), "auto")
        assert read.error is None and [len(x.docs) for x in read.rows or []] == [3]
    finally:
        second.close()  # first: were it to hold the first's input, that one could not end
        first.close()


@pytest.mark.skipif(not hasattr(os, "fork") or not Path("/proc/self/fd").exists(),
                    reason="forked readers and /proc only")
def test_a_late_wait_forgets_only_its_own_pipe_ends(tmp_path: Path) -> None:
    # close() frees a child's pipe numbers before it waits; a child started meanwhile may
    # get the same numbers, and the late wait must leave them to it.
    first, second, third = ReadWorker(), ReadWorker(), ReadWorker()
    try:
        a = first.start()
        assert isinstance(a, _Forked) and a.stdin is not None and a.stdout is not None
        freed = {a.stdin.fileno(), a.stdout.fileno()}
        a.stdin.close()
        a.stdout.close()
        b = second.start()
        assert isinstance(b, _Forked) and b.stdin is not None and b.stdout is not None
        assert freed & {b.stdin.fileno(), b.stdout.fileno()}  # the numbers were reused
        assert a.wait() == 0
        c = third.start()
        assert isinstance(c, _Forked)
        assert third.read(volume(tmp_path, "frustest01"), "auto").error is None  # c is serving
        second_ends = {f"pipe:[{os.fstat(f.fileno()).st_ino}]" for f in (b.stdin, b.stdout)}
        assert not second_ends & _pipes_held(c.pid)
    finally:
        third.close()
        second.close()
        first._proc = None  # waited for above
