"""Ingest benchmark: the full cablegram ingest of the corpus against a bare lxml parse.

Both run in one invocation, each in its own child process, so that wall time and peak RSS
(the child's own ru_maxrss, from os.wait4) are measured separately:

  (a) bare: gzip.open + lxml.etree.iterparse over every volume, clearing each element;
  (b) ingest: `Archive.ingest` of the same files into a fresh SQLite file (readers, field
      parsers, JSON records, the store with every migration's indexes and search index),
      once per run asked for: a --read-ahead mode ("thread", the library default;
      "process", two reader processes, the CLI default; "off"), and the same with
      "+people": the README's ingest of the whole corpus, the people register and pocom
      stored first and every record linked (`cablegram ingest CORPUS`). The CPU time and
      peak RSS of reader processes are counted, and the peak of the summed PSS of the
      ingest and its reader processes is sampled (forked readers share pages).

    python bench/ingest.py [--corpus DIR] [--out bench/out/ingest.md]
                           [--read-ahead process process+people thread off ...]

The corpus is CABLEGRAM_CORPUS/frus (default /work/shared/corpus/frus); its MANIFEST.tsv
gives the uncompressed bytes behind MB/s. Targets: ingest/bare <= 3x (with the authorities
and linking: <= 3.5x), ingest peak memory < 500 MB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DEFAULT_CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", "/work/shared/corpus"))
TEI_DIV = "{http://www.tei-c.org/ns/1.0}div"
RATIO_TARGET = 3.0
LINKED_RATIO_TARGET = 3.5  # issue 15: the README's ingest, linking included
MODES = ("thread", "process", "off")
RUNS = (*MODES, *(f"{m}+people" for m in MODES))
RSS_TARGET_MB = 500.0


def volumes(frus: Path) -> list[Path]:
    return sorted(p for p in frus.iterdir() if p.name.endswith((".xml", ".xml.gz")))


def manifest(corpus: Path) -> dict[str, tuple[int, int]]:
    """volume id -> (documents, uncompressed bytes), from MANIFEST.tsv."""
    out: dict[str, tuple[int, int]] = {}
    path = corpus / "MANIFEST.tsv"
    if path.exists():
        for line in path.read_text().splitlines()[1:]:
            vol, docs, size, *_ = line.split("\t")
            out[vol] = (int(docs), int(size))
    return out


def _volume_id(p: Path) -> str:
    return p.name.removesuffix(".gz").removesuffix(".xml")


# -- the children -----------------------------------------------------------------------


def _pss_kib(pid: int) -> int:
    """A process's proportional set size: its private pages, and its share of pages it shares
    with others (forked reader processes share the parent's linker)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass  # gone meanwhile, or not Linux
    return 0


def _tree(pid: int) -> list[int]:
    """The process and its descendants."""
    out = [pid]
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                for child in f.read().split():
                    out += _tree(int(child))
    except OSError:
        pass
    return out


class PssSampler:
    """The peak, over samples every `interval` s, of the summed PSS of this process and its
    descendants: what they hold resident at once, each shared page counted once."""

    def __init__(self, interval: float = 0.1) -> None:
        import threading

        self.peak_mb = 0.0
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.wait(self._interval):
            self.peak_mb = max(self.peak_mb, sum(_pss_kib(p) for p in _tree(me)) / 1024)

    def __enter__(self) -> PssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def child_bare(files: list[Path]) -> dict[str, Any]:
    from lxml import etree

    t0 = time.perf_counter()
    docs = 0
    for path in files:
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rb") as f:
            it = etree.iterparse(f, events=("end",), resolve_entities=False, no_network=True,
                                 load_dtd=False)
            try:
                for _, el in it:
                    if el.tag == TEI_DIV and el.get("type") == "document":
                        docs += 1
                    el.clear()
            except etree.XMLSyntaxError as e:
                # Three volumes repeat an xml:id: libxml2 reports it once the parse is done.
                if "already defined" not in str(e):
                    raise
    return {"wall": time.perf_counter() - t0, "documents": docs}


def child_ingest(files: list[Path], db: Path, run: str, corpus: Path) -> dict[str, Any]:
    from cablegram.archive import READ_PROCESSES, Archive

    read_ahead, people, _ = run.partition("+people")
    # With the authorities: as `cablegram ingest CORPUS` takes them, folders among the paths.
    paths: list[Path] = ([corpus / "people", corpus / "pocom"] if people else []) + files

    # The main process's peak RSS and the time when the files are stored and the search index
    # begins to catch up: the reader processes have ended by then.
    stored: list[float] = []

    def on_index(done: int, total: int) -> None:
        if not stored:
            stored.extend([resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                           time.perf_counter()])

    t0 = time.perf_counter()
    with PssSampler() as pss, Archive.open(db) as archive:
        report = archive.ingest(paths, read_ahead=read_ahead, on_index=on_index)
        people_stats = archive.stats()["people"]
    wall = time.perf_counter() - t0
    index_dir = Path(f"{db}.search")
    # The reader processes, if any (waited for by now): the largest one's peak RSS, counted
    # once per reader (they run at once); their CPU time, in the parent's `cpu` too.
    worker = resource.getrusage(resource.RUSAGE_CHILDREN)
    readers = READ_PROCESSES if read_ahead == "process" else 0
    return {
        "readers": readers,
        "peak_pss_mb": pss.peak_mb,
        "worker_rss_mb": readers * worker.ru_maxrss / 1024,
        "worker_cpu": worker.ru_utime + worker.ru_stime,
        "wall": wall, "documents": report.documents, "failed": report.failed,
        "read_seconds": sum(f.read_seconds for f in report.files),
        "link_seconds": sum(f.link_seconds for f in report.files),
        "store_seconds": sum(f.store_seconds for f in report.files),
        "person_links": people_stats.get("person_links", 0),
        "linked_persons": people_stats.get("linked_persons", 0),
        "warnings": len(report.warnings), "errors": report.errors,
        "db_bytes": sum(p.stat().st_size for p in db.parent.glob(db.name + "*")
                        if p.is_file()),
        "index_bytes": sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()),
        "rss_before_index_mb": stored[0] if stored else None,
        "index_seconds": wall - (stored[1] - t0) if stored else 0.0,
    }


# -- the parent -------------------------------------------------------------------------


def run_child(args: list[str]) -> dict[str, Any]:
    """Run this script as a child; its result and its own peak RSS (MB) via os.wait4."""
    # Other work on the machine slows the wall time: the 1-minute load goes with each figure.
    load_before = os.getloadavg()[0]
    p = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE)
    assert p.stdout is not None
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"child {args[:2]} failed with exit code {p.returncode}")
    result: dict[str, Any] = json.loads(out)
    # ru_maxrss is in KiB on Linux.
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    # CPU time is robust to other work on the machine; it includes interpreter start.
    result["cpu"] = usage.ru_utime + usage.ru_stime
    result["load"] = (load_before, os.getloadavg()[0])
    return result


def _rss(r: dict[str, Any]) -> float:
    """An upper bound of what is resident at once: while files are read and stored, the main
    process's peak so far plus each reader's; then, while the index catches up (the readers
    have ended), the main process's peak."""
    before = r.get("rss_before_index_mb") or r["peak_rss_mb"]
    return float(max(before + r.get("worker_rss_mb", 0.0), r["peak_rss_mb"]))


def _fmt_row(name: str, r: dict[str, Any], mb: float) -> list[str]:
    # Reader processes' CPU time is in `cpu` already (wait4 counts waited-for descendants).
    rss = _rss(r)
    return [name, str(r["documents"]), f"{r['wall']:.2f}", f"{r['cpu']:.2f}",
            f"{r['documents'] / r['wall']:.0f}", f"{mb / r['wall']:.1f}", f"{rss:.0f}",
            f"{r['peak_pss_mb']:.0f}" if "peak_pss_mb" in r else "",
            f"{r['load'][0]:.2f} / {r['load'][1]:.2f}"]


def _verdict(value: float, target: float) -> str:
    return "met" if value <= target else "NOT met"


def report(corpus: Path, files: list[Path], bare: dict[str, Any],
           ingests: dict[str, dict[str, Any]], mb: float, expected_docs: int | None) -> str:
    import lxml.etree

    head = ["run", "documents", "wall s", "CPU s", "docs/s", "MB/s", "peak RSS MB",
            "peak PSS MB", "load before / after"]
    rows = [_fmt_row("bare iterparse", bare, mb)]
    rows += [_fmt_row(f"cablegram ingest, read_ahead={m}", r, mb) for m, r in ingests.items()]
    lines = [
        "# Ingest benchmark",
        "",
        f"{datetime.now(UTC).isoformat(timespec='seconds')}; {len(files)} volumes of "
        f"`{corpus / 'frus'}`, {mb:.1f} MB uncompressed"
        + (f", {expected_docs} documents in MANIFEST.tsv" if expected_docs else "") + ".",
        f"Python {platform.python_version()}, lxml {'.'.join(map(str, lxml.etree.LXML_VERSION))},"
        f" SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(" --- " for _ in head) + "|",
        *("| " + " | ".join(r) + " |" for r in rows),
        "",
    ]
    for mode, r in ingests.items():
        ratio, cpu_ratio = r["wall"] / bare["wall"], r["cpu"] / bare["cpu"]
        rss = _rss(r)
        target = LINKED_RATIO_TARGET if "+people" in mode else RATIO_TARGET
        linking = (f"linking {r['link_seconds']:.1f} s (summed over files, in the readers), "
                   f"{r['person_links']} person-document links to {r['linked_persons']} "
                   "persons; " if "+people" in mode else "")
        lines += [
            f"- read_ahead={mode}: ratio ingest / bare **{ratio:.2f}x** by wall time "
            f"(target <= {target:g}x: {_verdict(ratio, target)}), "
            f"**{cpu_ratio:.2f}x** by CPU time ({_verdict(cpu_ratio, target)}); {linking}"
            f"peak PSS **{r['peak_pss_mb']:.0f} MB** (target < {RSS_TARGET_MB:g} MB: "
            f"{_verdict(r['peak_pss_mb'], RSS_TARGET_MB - 1e-9)}), peak RSS upper bound "
            f"{rss:.0f} MB ({_verdict(rss, RSS_TARGET_MB - 1e-9)}); "
            f"reading {r['read_seconds']:.1f} s "
            f"(summed over files, in the reader thread or processes), storing "
            f"{r['store_seconds']:.1f} s (SQLite, search index; the JSON unless reader "
            f"processes made it), the main thread's rest (waiting for the reader, walk, "
            f"SHA-256, log) "
            f"{r['wall'] - r['store_seconds']:.1f} s; {r['failed']} files failed, "
            f"{r['warnings']} warnings; database {r['db_bytes'] / 1e6:.1f} MB, search index "
            f"{r['index_bytes'] / 1e6:.1f} MB, of which {r['index_seconds']:.1f} s to catch "
            "up the search index at the end",
        ]
    lines += [
        "- read_ahead: the ingest reads the next file while it stores the current one, in a "
        "thread (the library default: SQLite releases the GIL, the reader takes it) or in "
        "reader processes (`cablegram.read_worker`, two); its wall time can then be below "
        "its CPU time on 2 cores, while the bare parse uses one core. The CPU ratio is the "
        "cost.",
        "- peak RSS with reader processes: the larger of the main process's peak before the "
        "search index catches up plus, per reader, the largest reader's peak (the readers "
        "have ended before), and the main process's whole peak (an upper bound of what is "
        "resident at once, but pages that forked reader processes share with the main "
        "process are counted in each). Peak PSS: the largest sum, sampled every 0.1 s, of "
        "the proportional set size of the ingest process and its reader processes (each "
        "shared page counted once, split between its holders). CPU s includes "
        "the readers (os.wait4 counts waited-for descendants).",
        f"- load: 1-minute load average before / after each run, {os.cpu_count()} CPUs; "
        "figures taken under load include other processes' contention.",
        "- MB/s counts uncompressed bytes (MANIFEST.tsv); wall time excludes interpreter start;",
        "  docs/s and MB/s are per wall second.",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "ingest.md")
    ap.add_argument("--read-ahead", nargs="+", default=["process", "process+people"],
                    choices=RUNS,
                    help="the ingest runs to measure (default: process process+people); "
                         "+people: with the people register and pocom, records linked")
    ap.add_argument("--child", choices=["bare", "ingest"], help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    files = volumes(args.corpus / "frus")

    if args.child == "bare":
        print(json.dumps(child_bare(files)))
        return
    if args.child == "ingest":
        print(json.dumps(child_ingest(files, args.db, args.read_ahead[0], args.corpus)))
        return

    if not files:
        raise SystemExit(f"no volumes in {args.corpus / 'frus'} (set CABLEGRAM_CORPUS)")
    man = manifest(args.corpus)
    ids = [_volume_id(p) for p in files]
    missing = [i for i in ids if i not in man]
    if missing:
        raise SystemExit(f"not in MANIFEST.tsv: {', '.join(missing)}")
    mb = sum(man[i][1] for i in ids) / 1e6
    expected = sum(man[i][0] for i in ids)
    for p in files:  # warm the page cache so that neither run pays for the first read
        p.read_bytes()

    bare = run_child(["--child", "bare", "--corpus", str(args.corpus)])
    ingests: dict[str, dict[str, Any]] = {}
    for mode in args.read_ahead:
        with tempfile.TemporaryDirectory() as tmp:
            ingests[mode] = run_child(["--child", "ingest", "--corpus", str(args.corpus),
                                       "--db", str(Path(tmp) / "bench.db"),
                                       "--read-ahead", mode])
        for path, reason in ingests[mode]["errors"]:
            print(f"{path}: {reason}", file=sys.stderr)
    if bare["documents"] != expected:
        print(f"warning: bare parse counted {bare['documents']} documents, "
              f"MANIFEST.tsv {expected}", file=sys.stderr)
    text = report(args.corpus, files, bare, ingests, mb, expected)
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
