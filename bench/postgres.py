"""Both backends in one run on the 317,000-document archive: search p50/p95 per query class,
ingest documents/s with 1 and 2 workers, sizes, and the index built from the database.

    python bench/postgres.py [--corpus DIR] [--docs 317000] [--base ARCHIVE] [--slice 15000]
                             [--runs 9] [--rounds 3] [--pg-fts] [--out FILE]

1. The archive is the one bench/search.py builds and caches (every corpus volume read with
   cablegram's reader, its records stored 10 or 11 times with new ids), or `--base`. SQLite
   gets a copy of that file and its index; PostgreSQL gets the archive through `cablegram
   copy`'s code (`copy_store`), then its search index is built from the database alone.
2. Searches: each query of bench/search.py's mix `--runs` times through `Archive.search`
   (limit 20, facets where the case says so), on exactly the archive of step 1, the two
   backends taking turns query by query (the machine's load falls on both alike).
3. Ingest into that archive: a fixed slice of volumes (about `--slice` documents, each
   volume read once and stored with new ids) by 1 worker, then the same volumes with other
   new ids by 2 workers (volumes dealt out by size), SQLite and PostgreSQL in turn; all of
   it `--rounds` times (the median round is reported, every round beside it). A worker is a
   process with its own store; docs/s counts reading. Then the index catches up with the
   new documents.
4. `--pg-fts`: search inside PostgreSQL (a GIN index over to_tsvector, ranked by ts_rank)
   on a few queries, for the comparison with the index beside each reader. Slow at scale.

PostgreSQL runs on this machine (tests/pg_server.py, or CABLEGRAM_PG_URL). Results go to
--out (Markdown) and the terminal; progress to stderr.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "tests")]

from cablegram.archive import Archive  # noqa: E402
from cablegram.copying import copy_store  # noqa: E402
from cablegram.readers.registry import detect_reader  # noqa: E402
from cablegram.search.facets import ALL_FACETS  # noqa: E402
from cablegram.store.sqlite import SqliteStore  # noqa: E402
from pg_server import drop_database, new_database, open_any, server  # noqa: E402
from search import (  # noqa: E402
    CASES,
    DEFAULT_CORPUS,
    build,
    cache_key,
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
# Copies numbered from 100 are new ids (the base archive holds copies 1 to 11): round r
# with w workers stores copy 100 + 10 r + w.
def slice_tag(round_: int, workers: int) -> int:
    return 100 + 10 * round_ + workers


def say(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# -- the archive on each backend --------------------------------------------------------------

def base_archive(corpus: Path, docs: int, given: Path | None) -> Path:
    """bench/search.py's cached archive (built now if missing), or `given`."""
    if given is not None:
        return given
    vols = volumes(corpus)
    db = Path(__file__).parent / "out" / f"search-{cache_key(vols, docs)}.db"
    if not db.exists():
        say(f"building {db} (bench/search.py's archive)")
        db.parent.mkdir(parents=True, exist_ok=True)
        build(db, vols, copies_per_volume(vols, manifest_counts(corpus), docs))
    return db


def sqlite_copy(base: Path, tmp: Path) -> str:
    """A copy of the base file and its index (the base stays as it is for the next run)."""
    db = tmp / "archive.db"
    shutil.copyfile(base, db)
    shutil.copytree(f"{base}.search", f"{db}.search")
    return str(db)


def postgres_copy(base: Path, admin: str) -> tuple[str, float, float]:
    """A new database filled from the base by `copy_store`; (URL, copy s, index s)."""
    url = new_database(admin)
    src, dst = SqliteStore(base), open_any(url)
    t = time.perf_counter()
    copy_store(src, dst, on_progress=lambda i, n, c: i % 100 == 0 and say(f"  copy {i}/{n}"))
    copied = time.perf_counter() - t
    src.close()
    dst.close()
    with Archive.open(url) as archive:
        t = time.perf_counter()
        archive.sync_index()
        indexed = time.perf_counter() - t
    return url, copied, indexed


def sizes(location: str) -> dict[str, float]:
    """Database MB (SQLite: without bench/search.py's FTS5 tables), tables MB, index MB."""
    with Archive.open(location) as archive:
        index = sum(f.stat().st_size for f in archive.index.path.rglob("*") if f.is_file())
        conn: Any = getattr(archive.store, "conn", None)
        if location.startswith("postgres"):
            total, docs = conn.execute(
                "SELECT pg_database_size(current_database()), "
                "pg_total_relation_size('documents')").fetchone()
        else:
            with sqlite3.connect(location) as raw:
                (total,) = raw.execute("SELECT sum(pgsize) FROM dbstat WHERE name NOT LIKE "
                                       "'%fts%'").fetchone()
                (docs,) = raw.execute(
                    "SELECT sum(pgsize) FROM dbstat WHERE name IN "
                    "(SELECT name FROM sqlite_master WHERE tbl_name = 'documents')").fetchone()
        n = archive.store.stats()["documents"]
    return {"documents": n, "db_mb": total / 1e6, "documents_mb": docs / 1e6,
            "index_mb": index / 1e6}


# -- measuring --------------------------------------------------------------------------------

def searches(locations: dict[str, str], runs: int) -> dict[str, dict[str, list[float]]]:
    """Per backend, per query class, the times of `runs` runs of each query; the backends
    take turns query by query, so that the machine's load falls on both alike."""
    by_backend: dict[str, dict[str, list[float]]] = {b: {} for b in locations}
    archives = {b: Archive.open(loc) for b, loc in locations.items()}
    try:
        for archive in archives.values():
            archive.sync_index()
        for case in CASES:
            facets = ALL_FACETS if case.facets else None
            name = f"{case.group}{' + facets' if case.facets else ''}"
            for archive in archives.values():
                archive.search(case.query, facets=facets, limit=20)  # warm-up
            for _ in range(runs):
                for b, archive in archives.items():
                    ms, _out = timed(lambda a=archive, c=case, f=facets: a.search(
                        c.query, facets=f, limit=20))
                    by_backend[b].setdefault(name, []).append(ms)
    finally:
        for archive in archives.values():
            archive.close()
    return by_backend


def _work(args: tuple[str, list[str], int]) -> int:
    location, vols, tag = args
    store = open_any(location)
    n = 0
    for vol in vols:
        path = Path(vol)
        for batch in detect_reader(path).read(path):
            rep = replicate(batch, tag)
            store.put_batch(rep, path=f"bench:{rep.collection.id}", sha256=rep.collection.id)
            n += len(rep.records)
    store.close()
    return n


def the_slice(vols: list[Path], counts: dict[str, int], target: int) -> list[Path]:
    """Volumes spread over the corpus (every k-th) until about `target` documents."""
    step = max(1, len(vols) // 8)
    chosen: list[Path] = []
    total = 0
    for v in vols[::step] + vols:
        if total >= target:
            break
        if v not in chosen:
            chosen.append(v)
            total += counts.get(v.name.split(".xml")[0], 0)
    return chosen


def deal(vols: list[Path], counts: dict[str, int], workers: int) -> list[list[str]]:
    """The volumes dealt out to workers, the largest first to the least loaded."""
    shares: list[list[str]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for v in sorted(vols, key=lambda v: -counts.get(v.name.split(".xml")[0], 0)):
        i = loads.index(min(loads))
        shares[i].append(str(v))
        loads[i] += counts.get(v.name.split(".xml")[0], 0)
    return shares


def ingest(location: str, vols: list[Path], counts: dict[str, int],
           workers: int, tag: int) -> dict[str, float]:
    shares = deal(vols, counts, workers)
    load = os.getloadavg()[0]
    t = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        n = sum(pool.map(_work, [(location, s, tag) for s in shares]))
    stored = time.perf_counter() - t
    with Archive.open(location) as archive:
        t = time.perf_counter()
        archive.sync_index()
        caught_up = time.perf_counter() - t
    return {"documents": n, "seconds": stored, "docs_per_s": n / stored,
            "index_seconds": caught_up, "load": load}


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


# -- the run ----------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--docs", type=int, default=317_000)
    ap.add_argument("--base", type=Path, help="An archive built by bench/search.py.")
    ap.add_argument("--slice", type=int, default=15_000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--rounds", type=int, default=3, help="Ingest rounds (the median kept).")
    ap.add_argument("--pg-fts", action="store_true")
    ap.add_argument("--out", type=Path, default=Path("bench/out/postgres.md"))
    args = ap.parse_args()
    counts = manifest_counts(args.corpus)
    piece = the_slice(volumes(args.corpus), counts, args.slice)
    base = base_archive(args.corpus, args.docs, args.base)
    tmp = Path(tempfile.mkdtemp(prefix="cablegram-bench-pg-"))
    os.environ.setdefault("CABLEGRAM_INDEX_DIR", str(tmp / "indexes"))
    load = os.getloadavg()[0]
    size: dict[str, dict[str, float]] = {}
    search_rows: dict[str, dict[str, list[float]]] = {}
    ingests: dict[str, dict[int, list[dict[str, float]]]] = {}
    fts: list[tuple[str, float, float, float]] = []
    copy_s = index_s = 0.0
    try:
        with server() as admin:
            assert admin is not None, "no PostgreSQL here"
            say("sqlite: the archive")
            loc = {"sqlite": sqlite_copy(base, tmp)}
            say("postgres: the archive")
            loc["postgres"], copy_s, index_s = postgres_copy(base, admin)
            say(f"  copied in {copy_s:.0f} s, index from the database {index_s:.0f} s")
            for backend, where in loc.items():
                size[backend] = sizes(where)
                say(f"  {backend}: {size[backend]}")
            search_rows = searches(loc, args.runs)
            say("  searched")
            # In turn, so that the load of the moment falls on both backends alike.
            for round_ in range(args.rounds):
                for workers in (1, 2):
                    for backend, where in loc.items():
                        r = ingest(where, piece, counts, workers, slice_tag(round_, workers))
                        ingests.setdefault(backend, {}).setdefault(workers, []).append(r)
                        say(f"  {backend} ingest, {workers} worker(s): {r}")
            if args.pg_fts:
                fts = pg_fts(loc["postgres"], args.runs)
            drop_database(admin, loc["postgres"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = report(args, base, load, size, search_rows, ingests, fts, copy_s, index_s, piece)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)


def report(args: argparse.Namespace, base: Path, load: float, size: dict[str, dict[str, float]],
           search_rows: dict[str, dict[str, list[float]]],
           ingests: dict[str, dict[int, list[dict[str, float]]]],
           fts: list[tuple[str, float, float, float]], copy_s: float, index_s: float,
           piece: list[Path]) -> str:
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    lines = [f"# bench/postgres.py: {time.strftime('%Y-%m-%d %H:%M')}, base {base.name}, "
             f"{os.cpu_count()} cores, load {load:.1f} at the start and "
             f"{os.getloadavg()[0]:.1f} at the end", "",
             f"PostgreSQL filled by copy_store in {copy_s:.0f} s; its search index built from "
             f"the database in {index_s:.0f} s.", "",
             "| backend | documents | database MB | documents table MB | index MB |",
             "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {names[b]} | {s['documents']:,} | {s['db_mb']:,.0f} | "
              f"{s['documents_mb']:,.0f} | {s['index_mb']:,.0f} |" for b, s in size.items()]
    n_slice = next(iter(ingests.get("sqlite", {}).values()), [{}])[0].get("documents", 0)
    lines += ["", f"Ingest of {len(piece)} volumes ({n_slice:,.0f} documents, from "
              f"{piece[0].name.split('.xml')[0]} on) with new ids into that archive, "
              f"{args.rounds} rounds, the backends in turn (the median round; all rounds' "
              "docs/s and the load average at each start in brackets):", "",
              "| backend | workers | docs/s (median) | seconds | index catch-up s | "
              "every round: docs/s (load) |", "| --- | ---: | ---: | ---: | ---: | --- |"]
    for b, by_workers in ingests.items():
        for w, rounds in by_workers.items():
            r = sorted(rounds, key=lambda x: x["docs_per_s"])[len(rounds) // 2]
            every = ", ".join(f"{x['docs_per_s']:.0f} ({x['load']:.1f})" for x in rounds)
            lines.append(f"| {names[b]} | {w} | {r['docs_per_s']:.0f} | {r['seconds']:.0f} | "
                         f"{r['index_seconds']:.0f} | {every} |")
    lines += ["", f"Searches on the archive of {size.get('sqlite', {}).get('documents', 0):,.0f} "
              f"documents, {args.runs} runs per query (ms):", "",
              "| query class | SQLite p50 | SQLite p95 | PostgreSQL p50 | PostgreSQL p95 |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for name, times in search_rows.get("sqlite", {}).items():
        other = search_rows.get("postgres", {}).get(name, [0.0])
        lines.append(f"| {name} | {p(times, .5):.1f} | {p(times, .95):.1f} | "
                     f"{p(other, .5):.1f} | {p(other, .95):.1f} |")
    if fts:
        lines += ["", f"Search inside PostgreSQL (GIN index built in {fts[0][1]:.0f} s; "
                  "ts_rank over every match, count):", "",
                  "| query | p50 ms | p95 ms |", "| --- | ---: | ---: |"]
        lines += [f"| {q} | {a:.1f} | {b:.1f} |" for q, _, a, b in fts]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
