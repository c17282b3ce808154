"""Search benchmark: Archive.search against hand-written SQL on the same FRUS-scale archive.

    python bench/search.py [--corpus DIR] [--docs 317000] [--runs 15] [--out bench/out/search.md]
                           [--db ARCHIVE]   # measure an archive built earlier, as it is

1. Builds (or reuses, cached under bench/out/ by a hash of the corpus, the target size and the
   code that shapes the archive) an archive of about 317,000 documents: every corpus volume read
   once with cablegram's own reader, its records stored 10 or 11 times with distinct ids
   (collection suffix -r1, -r2, ...) through SqliteStore, so every trigger and index is real.
2. Runs a fixed mix of queries: keywords and phrases; fielded filters, date ranges, facets.
   Each query runs `--runs` times through Archive.search and, alternately, as the raw engine:
   SQL written by hand for that query (FTS5 MATCH + bm25 + the same filters; facets as one
   GROUP BY each) executed directly on a sqlite3 connection. Both must give the same total.
3. Prints and writes p50/p95 per query and per group, and the ratio to the raw engine.
   Targets: p95 <= 20 ms (keywords, phrases), <= 50 ms (filters, facets); <= 1.3x raw.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import platform
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cablegram.archive import Archive
from cablegram.readers.registry import detect_reader
from cablegram.record import Batch
from cablegram.search.facets import ALL_FACETS
from cablegram.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", ROOT.parent / "shared" / "corpus"))
KEYWORD_TARGET_MS, FILTER_TARGET_MS, RATIO_TARGET = 20.0, 50.0, 1.3
LIMIT = 20
# The code whose changes make a cached archive stale.
SHAPING_CODE = ("src/cablegram/store", "src/cablegram/readers", "src/cablegram/fields",
                "src/cablegram/record.py")


# -- the archive ---------------------------------------------------------------------------

def volumes(corpus: Path) -> list[Path]:
    frus = corpus / "frus"
    return sorted(p for p in frus.iterdir() if p.name.endswith((".xml", ".xml.gz")))


def manifest_counts(corpus: Path) -> dict[str, int]:
    lines = (corpus / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]
    return {vol: int(docs) for vol, docs, *_ in (line.split("\t") for line in lines)}


def copies_per_volume(vols: list[Path], counts: dict[str, int], target: int) -> list[int]:
    """Every volume `target // corpus` times, the first few once more to reach the target."""
    sizes = [counts.get(v.name.split(".xml")[0], 0) for v in vols]
    base, rest = divmod(target, sum(sizes))
    copies = []
    for size in sizes:
        copies.append(base + (1 if rest > 0 else 0))
        rest -= size
    return copies


def cache_key(vols: list[Path], target: int) -> str:
    h = hashlib.sha256(f"{target}\n".encode())
    for v in vols:
        h.update(f"{v.name} {v.stat().st_size}\n".encode())
    for part in SHAPING_CODE:
        for f in sorted((ROOT / part).rglob("*")) if (ROOT / part).is_dir() else [ROOT / part]:
            if f.suffix in (".py", ".sql"):
                h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:12]


def replicate(batch: Batch, k: int) -> Batch:
    col = f"{batch.collection.id}-r{k}"
    records = [dataclasses.replace(r, id=f"{col}/{r.id.split('/', 1)[1]}", collection=col)
               for r in batch.records]
    return Batch(dataclasses.replace(batch.collection, id=col), records)


def build(db: Path, vols: list[Path], copies: list[int]) -> tuple[int, float]:
    tmp = db.with_suffix(".building")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    start = time.perf_counter()
    store = SqliteStore(tmp)
    n = 0
    for i, (vol, k) in enumerate(zip(vols, copies, strict=True), 1):
        if k == 0:
            continue
        for batch in detect_reader(vol).read(vol):
            for j in range(1, k + 1):
                rep = replicate(batch, j)
                store.put_batch(rep, path=f"bench:{rep.collection.id}", sha256=rep.collection.id)
                n += len(rep.records)
        print(f"  [{i}/{len(vols)}] {vol.name} x{k}: {n} documents, "
              f"{time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    tmp.rename(db)
    return n, time.perf_counter() - start


# -- the queries -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    group: str  # "keyword" (words, phrases) or "filter" (fields, dates, facets)
    query: str
    facets: bool
    # The raw engine's hand-written equivalent: FTS5 MATCH string (None: no words), the
    # WHERE over search_docs s, its parameters.
    match: str | None
    where: str = ""
    params: tuple[object, ...] = ()


DATES = "s.date_lo >= ? AND s.date_lo < ? AND s.date_hi < ?"  # date_lo < bounds the index scan
SENDER_MATCH = "s.rowid IN (SELECT rowid FROM fields_fts WHERE fields_fts MATCH ?)"
CASES: list[Case] = [
    Case("keyword", "berlin", False, '"berlin"'),
    Case("keyword", "khrushchev", False, '"khrushchev"'),
    Case("keyword", "laos", False, '"laos"'),
    Case("keyword", "nuclear", False, '"nuclear"'),
    Case("keyword", "berlin cuba", False, '("berlin" AND "cuba")'),
    Case("keyword", "vietnam OR laos", False, '("vietnam" OR "laos")'),
    Case("keyword", "khrush*", False, '"khrush"*'),
    Case("keyword", '"missile crisis"', False, '"missile crisis"'),
    Case("keyword", '"test ban"', False, '"test ban"'),
    Case("keyword", '"bay of pigs"', False, '"bay of pigs"'),
    Case("keyword", '"national security council"', False, '"national security council"'),
    Case("keyword", "NEAR(khrushchev kennedy, 5)", False, 'NEAR("khrushchev" "kennedy", 5)'),
    Case("filter", 'from:"Embassy in the Soviet Union" date:1962-10-27', False, None,
         f"{SENDER_MATCH} AND {DATES}",
         ('{sender} : "Embassy in the Soviet Union"', "1962-10-27", "1962-10-27~", "1962-10-27~")),
    Case("filter", "type:telegram date:1962-10", False, None,
         f"s.doc_type = ? AND {DATES}",
         ("telegram", "1962-10", "1962-10~", "1962-10~")),
    Case("filter", 'class:"top secret" date:1961..1962', False, None,
         f"s.classification = ? AND {DATES}",
         ("top secret", "1961", "1962~", "1962~")),
    Case("filter", "place:Moscow date:1962-10-22..1962-11-20", False, None,
         f"{SENDER_MATCH} AND {DATES}",
         ("{place} : \"Moscow\"", "1962-10-22", "1962-11-20~", "1962-11-20~")),
    Case("filter", "berlin date:1958..1960", False, '"berlin"',
         DATES, ("1958", "1960~", "1960~")),
    Case("filter", "korea date:..1950-06", False, '"korea"', "s.date_lo < ? AND s.date_hi < ?",
         ("1950-06~", "1950-06~")),
    Case("filter", "khrushchev type:telegram has:redaction", False, '"khrushchev"',
         "s.doc_type = ? AND s.has_redaction = 1", ("telegram",)),
    Case("filter", "collection:frus1961-63v06-r3", False, None, "s.collection = ?",
         ("frus1961-63v06-r3",)),
    Case("filter", "berlin", True, '"berlin"'),
    Case("filter", '"missile crisis"', True, '"missile crisis"'),
    Case("filter", "type:telegram date:1962-10", True, None,
         f"s.doc_type = ? AND {DATES}",
         ("telegram", "1962-10", "1962-10~", "1962-10~")),
    Case("filter", 'to:"Department of State" date:1962-10-22..1962-11-20', True, None,
         f"{SENDER_MATCH} AND {DATES}",
         ('{recipient} : "Department of State"', "1962-10-22", "1962-11-20~", "1962-11-20~")),
    Case("filter", "laos date:1961", True, '"laos"', DATES,
         ("1961", "1961~", "1961~")),
    Case("filter", 'class:"top secret"', True, None, "s.classification = ?", ("top secret",)),
]
FACET_COLUMNS = ("year", "collection", "doc_type", "classification", "sender", "recipient",
                 "place")


def raw_search(conn: sqlite3.Connection, case: Case) -> tuple[int, list[str]]:
    """The hand-written equivalent of Archive.search(case.query, limit=20[, all facets])."""
    if case.match is not None:
        joined = case.where or case.facets
        src = "documents_fts" + (
            " JOIN search_docs s ON s.rowid = documents_fts.rowid" if joined else "")
        cond = "documents_fts MATCH ?" + (f" AND {case.where}" if case.where else "")
        params: tuple[object, ...] = (case.match, *case.params)
        (total,) = conn.execute(f"SELECT count(*) FROM {src} WHERE {cond}", params).fetchone()
        page = conn.execute(
            f"SELECT documents_fts.rowid, bm25(documents_fts, 10.0, 1.0) AS b FROM {src} "
            f"WHERE {cond} ORDER BY b, documents_fts.rowid LIMIT {LIMIT}", params).fetchall()
        for rowid, _ in page:
            conn.execute("SELECT snippet(documents_fts, -1, '«', '»', '…', 16) "
                         "FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?",
                         (case.match, rowid)).fetchone()
    else:
        src, cond, params = "search_docs s", case.where, case.params
        (total,) = conn.execute(f"SELECT count(*) FROM {src} WHERE {cond}", params).fetchone()
        page = conn.execute(
            f"SELECT s.rowid, NULL FROM {src} WHERE {cond} "
            f"ORDER BY s.date_lo IS NULL, s.date_lo, s.rowid LIMIT {LIMIT}", params).fetchall()
        for rowid, _ in page:
            conn.execute("SELECT substr(text, 1, 160) FROM documents WHERE rowid = ?",
                         (rowid,)).fetchone()
    ids = [conn.execute("SELECT id FROM documents WHERE rowid = ?", (r,)).fetchone()[0]
           for r, _ in page]
    if case.facets:
        for col in FACET_COLUMNS:
            conn.execute(f"SELECT s.{col}, count(*) FROM {src} WHERE {cond} "
                         f"GROUP BY s.{col} ORDER BY 2 DESC LIMIT 30", params).fetchall()
    return total, ids


# -- measuring -------------------------------------------------------------------------------

def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def measure(db: Path, runs: int) -> list[dict[str, Any]]:
    rows = []
    with Archive.open(db, create=False) as archive:
        raw = sqlite3.connect(db)
        for case in CASES:
            facets = ALL_FACETS if case.facets else None

            def engine(case: Case = case, facets: Any = facets) -> dict[str, Any]:
                return archive.search(case.query, facets=facets, limit=LIMIT)

            def baseline(case: Case = case) -> tuple[int, list[str]]:
                return raw_search(raw, case)

            out, (total, ids) = engine(), baseline()  # warm-up, and the two must agree
            if out["total"] != total or [r["id"] for r in out["results"]] != ids:
                raise SystemExit(f"engine and raw disagree on {case.query!r}: "
                                 f"{out['total']} vs {total}")
            te: list[float] = []
            tr: list[float] = []
            for _ in range(runs):
                te.append(timed(engine)[0])
                tr.append(timed(baseline)[0])
            rows.append({"case": case, "total": total, "engine": te, "raw": tr})
            print(f"  {case.query[:52]:52s} {'+facets' if case.facets else '':7s} "
                  f"total {total:7d}  engine p50 {p(te, .5):7.1f} p95 {p(te, .95):7.1f}  "
                  f"raw p50 {p(tr, .5):7.1f} p95 {p(tr, .95):7.1f} ms", file=sys.stderr,
                  flush=True)
        raw.close()
    return rows


def report(rows: list[dict[str, Any]], docs: int, db: Path, build_s: float | None,
           runs: int) -> str:
    lines = [
        "# Search benchmark", "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.python_implementation()} "
        f"{platform.python_version()} · SQLite {sqlite3.sqlite_version} · "
        f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f} at the end: other "
        f"processes share them) · archive of {docs:,} documents "
        f"({db.stat().st_size / 2**30:.2f} GiB" + (
            f", built in {build_s:.0f} s)" if build_s is not None else ", cached)"),
        f"Each query {runs} times, engine (Archive.search, limit {LIMIT}) and raw (hand-written "
        "SQL on sqlite3) alternately, warm cache. Times in ms.", "",
        "| group | query | facets | total | engine p50 | engine p95 | raw p50 | raw p95 "
        "| ratio p50 |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        c, te, tr = r["case"], r["engine"], r["raw"]
        lines.append(f"| {c.group} | `{c.query}` | {'all' if c.facets else ''} | {r['total']:,} "
                     f"| {p(te, .5):.1f} | {p(te, .95):.1f} | {p(tr, .5):.1f} | {p(tr, .95):.1f} "
                     f"| {p(te, .5) / p(tr, .5):.2f} |")
    lines += ["", "| group | target p95 | engine p95 | raw p95 | engine/raw (sum of medians) |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for group, target in (("keyword", KEYWORD_TARGET_MS), ("filter", FILTER_TARGET_MS)):
        sel = [r for r in rows if r["case"].group == group]
        te = [t for r in sel for t in r["engine"]]
        tr = [t for r in sel for t in r["raw"]]
        ratio = sum(statistics.median(r["engine"]) for r in sel) / sum(
            statistics.median(r["raw"]) for r in sel)
        lines.append(f"| {group} | {target:.0f} | {p(te, .95):.1f} | {p(tr, .95):.1f} | "
                     f"{ratio:.2f} (target ≤ {RATIO_TARGET}) |")
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=317_000)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "search.md")
    ap.add_argument("--db", type=Path, help="Measure this archive as it is (no build).")
    args = ap.parse_args()
    vols = volumes(args.corpus)
    out_dir = args.out.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    db = args.db or out_dir / f"search-{cache_key(vols, args.docs)}.db"
    build_s = None
    if db.exists():
        print(f"reusing {db}", file=sys.stderr)
    else:
        copies = copies_per_volume(vols, manifest_counts(args.corpus), args.docs)
        print(f"building {db}: {len(vols)} volumes, {sum(copies)} copies", file=sys.stderr)
        _, build_s = build(db, vols, copies)
    with sqlite3.connect(db) as conn:
        (docs,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    rows = measure(db, args.runs)
    text = report(rows, docs, db, build_s, args.runs)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
