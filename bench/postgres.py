"""Both backends in one run: ingest documents/s with 1 and 2 workers, search p50/p95 per query
class, sizes; and search inside PostgreSQL itself (full text, GIN) on a few queries.

    python bench/postgres.py [--corpus DIR] [--docs 317000] [--runs 9] [--out FILE]

The archive is the one bench/search.py builds: every corpus volume read with cablegram's own
reader, its records stored several times with new ids (collection suffix -r1, -r2, ...) until
--docs is reached. A worker is a process with its own store connection; with 2 workers the
(volume, copies) list is dealt out in turn. Times are wall clock; docs/s counts reading too
(each worker reads its volumes once). PostgreSQL runs on this machine (tests/pg_server.py, or
CABLEGRAM_PG_URL). Results go to --out (Markdown) and the terminal.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "tests")]

from cablegram.archive import Archive  # noqa: E402
from cablegram.readers.registry import detect_reader  # noqa: E402
from cablegram.search.facets import ALL_FACETS  # noqa: E402
from pg_server import drop_database, new_database, open_any, server  # noqa: E402
from search import (  # noqa: E402
    CASES,
    DEFAULT_CORPUS,
    copies_per_volume,
    manifest_counts,
    p,
    replicate,
    timed,
    volumes,
)

# Search inside PostgreSQL, for the comparison: ranked words with a count, as SQL by hand.
PG_FTS_INDEX = (
    "CREATE INDEX IF NOT EXISTS documents_tsv ON documents USING gin "
    "((setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', text)))"
)
PG_FTS_QUERIES: dict[str, str] = {"berlin": "berlin", "khrushchev": "khrushchev",
                                  '"missile crisis"': "missile <-> crisis",
                                  "vietnam OR laos": "vietnam | laos"}
PG_FTS_SQL = (
    "WITH m AS (SELECT id, ts_rank(setweight(to_tsvector('simple', title), 'A') || "
    "to_tsvector('simple', text), q) AS r FROM documents, to_tsquery('simple', %s) q "
    "WHERE (setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', text)) @@ q) "
    "SELECT (SELECT count(*) FROM m), (SELECT array_agg(id) FROM (SELECT id FROM m "
    "ORDER BY r DESC, id LIMIT 20) t)"
)


def _work(args: tuple[str, list[tuple[str, int]]]) -> int:
    location, jobs = args
    store = open_any(location)
    n = 0
    for vol, k in jobs:
        path = Path(vol)
        for batch in detect_reader(path).read(path):
            for j in range(1, k + 1):
                rep = replicate(batch, j)
                store.put_batch(rep, path=f"bench:{rep.collection.id}",
                                sha256=rep.collection.id)
                n += len(rep.records)
    store.close()
    return n


def ingest(location: str, jobs: list[tuple[str, int]], workers: int) -> dict[str, float]:
    open_any(location).close()  # migrations first, outside the timing
    shares = [jobs[i::workers] for i in range(workers)]
    t = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        n = sum(pool.map(_work, [(location, s) for s in shares]))
    stored = time.perf_counter() - t
    with Archive.open(location) as archive:
        t = time.perf_counter()
        archive.sync_index()
        indexed = time.perf_counter() - t
        index_bytes = sum(f.stat().st_size for f in archive.index.path.rglob("*"))
        size = _db_bytes(archive)
    return {"documents": n, "seconds": stored, "docs_per_s": n / stored,
            "index_seconds": indexed, "index_mb": index_bytes / 1e6, "db_mb": size / 1e6}


def _db_bytes(archive: Archive) -> int:
    conn: Any = getattr(archive.store, "conn", None)
    if archive.store.path.startswith("postgres"):
        return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])
    return sum(Path(archive.store.path + s).stat().st_size for s in ("", "-wal")
               if Path(archive.store.path + s).exists())


def searches(location: str, runs: int) -> dict[str, list[float]]:
    by_class: dict[str, list[float]] = {}
    with Archive.open(location) as archive:
        archive.sync_index()
        for case in CASES:
            facets = ALL_FACETS if case.facets else None
            name = f"{case.group}{' + facets' if case.facets else ''}"
            archive.search(case.query, facets=facets, limit=20)  # warm-up
            for _ in range(runs):
                ms, _out = timed(lambda c=case, f=facets: archive.search(c.query, facets=f,
                                                                          limit=20))
                by_class.setdefault(name, []).append(ms)
    return by_class


def pg_fts(url: str, runs: int) -> list[tuple[str, float, float, float]]:
    """(query, build seconds of the GIN index, p50, p95 ms) of search inside PostgreSQL."""
    import psycopg

    out = []
    with psycopg.connect(url, autocommit=True) as conn:
        t = time.perf_counter()
        conn.execute(PG_FTS_INDEX)
        built = time.perf_counter() - t
        for query, tsq in PG_FTS_QUERIES.items():
            conn.execute(PG_FTS_SQL, (tsq,)).fetchone()
            times = [timed(lambda q=tsq: conn.execute(PG_FTS_SQL, (q,)).fetchone())[0]
                     for _ in range(runs)]
            out.append((query, built, p(times, .5), p(times, .95)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=317_000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--out", type=Path, default=Path("bench/out/postgres.md"))
    args = ap.parse_args()
    vols = volumes(args.corpus)
    copies = copies_per_volume(vols, manifest_counts(args.corpus), args.docs)
    jobs = [(str(v), k) for v, k in zip(vols, copies, strict=True) if k]
    tmp = Path(tempfile.mkdtemp(prefix="cablegram-bench-pg-"))
    os.environ.setdefault("CABLEGRAM_INDEX_DIR", str(tmp / "indexes"))
    lines = [f"# bench/postgres.py: {args.docs} documents asked, {os.cpu_count()} cores, "
             f"load {os.getloadavg()[0]:.1f} at the start", "",
             "| backend | workers | documents | ingest s | docs/s | index s | index MB | "
             "database MB |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    search_rows: dict[str, dict[str, list[float]]] = {}
    fts: list[tuple[str, float, float, float]] = []
    try:
        with server() as admin:
            assert admin is not None, "no PostgreSQL here"
            for backend in ("sqlite", "postgres"):
                for workers in (1, 2):
                    loc = (str(tmp / f"w{workers}.db") if backend == "sqlite"
                           else new_database(admin))
                    r = ingest(loc, jobs, workers)
                    lines.append(f"| {backend} | {workers} | {r['documents']} | "
                                 f"{r['seconds']:.0f} | {r['docs_per_s']:.0f} | "
                                 f"{r['index_seconds']:.0f} | {r['index_mb']:.0f} | "
                                 f"{r['db_mb']:.0f} |")
                    print(lines[-1], file=sys.stderr, flush=True)
                    if workers == 2:
                        search_rows[backend] = searches(loc, args.runs)
                        if backend == "postgres":
                            fts = pg_fts(loc, args.runs)
                    if backend == "postgres":
                        drop_database(admin, loc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    lines += ["", "| query class | SQLite p50 ms | p95 ms | PostgreSQL p50 ms | p95 ms |",
              "| --- | --- | --- | --- | --- |"]
    for name, times in search_rows.get("sqlite", {}).items():
        other = search_rows.get("postgres", {}).get(name, [0.0])
        lines.append(f"| {name} | {p(times, .5):.1f} | {p(times, .95):.1f} | "
                     f"{p(other, .5):.1f} | {p(other, .95):.1f} |")
    if fts:
        lines += ["", f"Search inside PostgreSQL (GIN index built in {fts[0][1]:.0f} s; "
                  "ts_rank over every match, count):", "",
                  "| query | p50 ms | p95 ms |", "| --- | --- | --- |"]
        lines += [f"| {q} | {a:.1f} | {b:.1f} |" for q, _, a, b in fts]
    text = "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
