"""History benchmark: chronology, network, digest and reference resolution over the corpus,
each against a baseline measured in the same run.

    python bench/history.py [--db ARCHIVE] [--corpus DIR] [--ranges 200] [--out FILE]

1. Opens ARCHIVE (or makes bench/out/history.db from the corpus's FRUS volumes).
2. Reference resolution: `Archive.sync_history(force=True)` (every history table made again:
   nodes, days, every reference found and resolved) against the raw store iteration (every
   stored record read and decoded, nothing else).
3. Chronology and network for `--ranges` seeded random ranges (1 day to 30 years, log-uniform;
   every fourth one within one collection): `Archive.chronology(limit=100)` and
   `Archive.network(period="month")` against plain SQL on the documents table (count per day
   in the range; count per sender and recipient in the range).
4. Digests of 2-day ranges (1962-10-27..28 and 20 seeded ranges that hold documents):
   `Archive.digest` against reading the same records from the store.
Prints and writes p50/p95 in ms and the ratios. Targets (issue 16): chronology and network
p95 < 100 ms; a two-day digest < 2 s; resolution of the whole corpus < 30 s.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from cablegram.archive import Archive

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", ROOT.parent / "shared" / "corpus"))
FIRST, LAST = date(1945, 1, 1), date(1976, 12, 31)


def timed(f: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    f()
    return (time.perf_counter() - t0) * 1000


def cpu_timed(f: Callable[[], object]) -> float:
    """CPU time of this process: what a loaded, shared machine does not inflate."""
    t0 = time.process_time()
    f()
    return (time.process_time() - t0) * 1000


def p(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, math.ceil(q * len(s)) - 1)]


def ranges(n: int, collections: list[str], seed: int = 16) -> list[tuple[str, str, str | None]]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    out = []
    for i in range(n):
        width = int(math.exp(rng.uniform(0, math.log(span))))
        lo = FIRST + timedelta(days=rng.randrange(max(1, span - width)))
        col = rng.choice(collections) if i % 4 == 3 else None
        out.append((lo.isoformat(), (lo + timedelta(days=width)).isoformat(), col))
    return out


def row(name: str, ours: list[float], base: list[float], target: str) -> str:
    ratio = statistics.median(ours) / max(statistics.median(base), 1e-6)
    return (f"| {name} | {len(ours)} | {p(ours, .5):.1f} | {p(ours, .95):.1f} | "
            f"{p(base, .5):.1f} | {p(base, .95):.1f} | {ratio:.2f} | {target} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "history.db")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--ranges", type=int, default=200)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "history.md")
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    with Archive.open(args.db) as archive:
        if not archive.collections():
            archive.ingest([args.corpus / "frus"])
        store = archive.store
        lines = [f"History benchmark, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
                 f"{platform.processor() or platform.machine()}, load {os.getloadavg()[0]:.1f}, "
                 f"{store.stats()['documents']} documents", "",
                 "| what | runs | p50 ms | p95 ms | baseline p50 | baseline p95 | "
                 "ratio (medians) | target |",
                 "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
        sync = [timed(lambda: archive.sync_history(force=True))]
        raw = [timed(lambda: sum(1 for r in store.iter_json() if json.loads(r)))]
        lines.append(row("resolve every reference (sync_history)", sync, raw, "< 30 s"))

        cols = [c.id for c in archive.collections()]
        rs = ranges(args.ranges, cols)
        conn = store.conn  # type: ignore[attr-defined]
        chron, chron_sql, net, net_sql, net_cpu, net_sql_cpu = [], [], [], [], [], []
        for lo, hi, col in rs:
            where = "date BETWEEN ? AND ?" + (" AND collection = ?" if col else "")
            a = (lo, hi, col) if col else (lo, hi)
            chron.append(timed(lambda lo=lo, hi=hi, col=col: archive.chronology(
                lo, hi, col, limit=100)))
            chron_sql.append(timed(lambda w=where, a=a: conn.execute(
                f"SELECT date, count(*) FROM documents WHERE {w} GROUP BY date", a).fetchall()))
            net.append(timed(lambda lo=lo, hi=hi, col=col: archive.network(
                lo, hi, collection=col)))
            net_sql.append(timed(lambda w=where, a=a: conn.execute(
                f"SELECT substr(date, 1, 7), sender, recipient, count(*) FROM documents "
                f"WHERE {w} GROUP BY 1, 2, 3", a).fetchall()))
            net_cpu.append(cpu_timed(lambda lo=lo, hi=hi, col=col: archive.network(
                lo, hi, collection=col)))
            net_sql_cpu.append(cpu_timed(lambda w=where, a=a: conn.execute(
                f"SELECT substr(date, 1, 7), sender, recipient, count(*) FROM documents "
                f"WHERE {w} GROUP BY 1, 2, 3", a).fetchall()))
        lines.append(row("chronology, random ranges", chron, chron_sql, "p95 < 100 ms"))
        lines.append(row("network by post, random ranges", net, net_sql, "p95 < 100 ms"))
        lines.append(row("network by post, CPU time", net_cpu, net_sql_cpu, "p95 < 100 ms"))

        rng = random.Random(1962)
        days = [("1962-10-27", "1962-10-28")]
        while len(days) < 21:
            lo_d = FIRST + timedelta(days=rng.randrange((LAST - FIRST).days))
            lo, hi = lo_d.isoformat(), (lo_d + timedelta(days=1)).isoformat()
            if archive.chronology(lo, hi).total:
                days.append((lo, hi))
        dig, dig_raw = [], []
        for lo, hi in days:
            dig.append(timed(lambda lo=lo, hi=hi: archive.digest(lo, hi)))
            ids = [e.id for e in archive.chronology(lo, hi).entries]
            dig_raw.append(timed(lambda ids=ids: [store.get(i) for i in ids]))
        lines.append(row("digest of two days", dig, dig_raw, "< 2 s"))
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
