"""Search benchmark: Archive.search against the raw engines on the same FRUS-scale archive.

    python bench/search.py [--corpus DIR] [--docs 317000] [--runs 15] [--out bench/out/search.md]
                           [--db ARCHIVE]   # measure an archive built earlier, as it is

1. Builds (or reuses, cached under bench/out/ by a hash of the corpus, the target size and the
   code that shapes the archive) an archive of about 317,000 documents: every corpus volume read
   once with cablegram's own reader, its records stored 10 or 11 times with distinct ids
   (collection suffix -r1, -r2, ...) through SqliteStore, then its search index brought in
   step (`Archive.sync_index`), so every table and index is real. For the comparison only, the
   FTS5 tables that cablegram used before (migration 002) are built in the same file.
2. Runs a fixed mix of queries: keywords and phrases; fielded filters, date ranges, facets.
   Each query runs `--runs` times, in turn: through Archive.search; as the raw engine, the same
   query written by hand with tantivy's API on the same index (facets as one terms
   aggregation each); and as hand-written FTS5 SQL (MATCH + bm25 + the same filters; facets as
   one GROUP BY each). All three must give the same total; engine and raw the same first ids.
3. Prints and writes p50/p95 per query and per group, and the ratios.
   Targets: p95 <= 20 ms (keywords, phrases), <= 50 ms (filters, facets); <= 1.3x raw.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import tantivy

from cablegram.archive import Archive
from cablegram.readers.registry import detect_reader
from cablegram.record import Batch
from cablegram.search.facets import ALL_FACETS
from cablegram.search.index import SearchIndex
from cablegram.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", ROOT.parent / "shared" / "corpus"))
KEYWORD_TARGET_MS, FILTER_TARGET_MS, RATIO_TARGET = 20.0, 50.0, 1.3
LIMIT = 20
# The code whose changes make a cached archive stale.
SHAPING_CODE = ("src/cablegram/store", "src/cablegram/readers", "src/cablegram/fields",
                "src/cablegram/record.py", "src/cablegram/search/index.py")


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


def build(db: Path, vols: list[Path], copies: list[int]) -> tuple[int, dict[str, float]]:
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
    stored = time.perf_counter() - start
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    shutil.rmtree(f"{tmp}.search", ignore_errors=True)
    with Archive.open(tmp) as archive:
        t = time.perf_counter()
        archive.sync_index()
        indexed = time.perf_counter() - t
    t = time.perf_counter()
    conn = sqlite3.connect(tmp)
    conn.executescript(FTS5_TABLES)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    fts5 = time.perf_counter() - t
    print(f"  stored {stored:.0f} s, search index {indexed:.0f} s, FTS5 (for comparison) "
          f"{fts5:.0f} s", file=sys.stderr)
    Path(f"{tmp}.search").rename(f"{db}.search")
    tmp.rename(db)
    return n, {"stored": stored, "indexed": indexed, "fts5": fts5}


# The FTS5 tables of migration 002, which migration 003 dropped: for the comparison only.
FTS5_TABLES = """
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents',
    content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE fields_fts USING fts5(sender, recipient, place, content='documents',
    content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');
INSERT INTO fields_fts (fields_fts) VALUES ('rebuild');
"""


# -- the queries -----------------------------------------------------------------------------

class Hand:
    """tantivy queries written by hand on the index's fields, as a tantivy user would."""

    def __init__(self, schema: tantivy.Schema, searcher: tantivy.Searcher) -> None:
        self.schema, self.searcher = schema, searcher

    def _both(self, make: Callable[[str], tantivy.Query]) -> tantivy.Query:
        return tantivy.Query.boolean_query([
            (SHOULD, tantivy.Query.boost_query(make("title"), 10.0)), (SHOULD, make("text"))])

    def word(self, w: str) -> tantivy.Query:
        return self._both(lambda f: tantivy.Query.term_query(self.schema, f, w, "freq"))

    def phrase(self, *ws: str) -> tantivy.Query:
        return self._both(lambda f: tantivy.Query.phrase_query(self.schema, f, list(ws)))

    def prefix(self, stem: str) -> tantivy.Query:
        return self._both(lambda f: tantivy.Query.boolean_query([
            (SHOULD, tantivy.Query.term_query(self.schema, f, t, "freq"))
            for t, _ in self.searcher.terms_with_prefix(f, stem)]))

    def near(self, a: str, b: str, n: int) -> tantivy.Query:
        return self._both(lambda f: tantivy.Query.boolean_query([
            (SHOULD, tantivy.Query.phrase_query(self.schema, f, [a, b], n)),
            (SHOULD, tantivy.Query.phrase_query(self.schema, f, [b, a], n))]))

    def all(self, *qs: tantivy.Query) -> tantivy.Query:
        return tantivy.Query.boolean_query([(MUST, q) for q in qs])

    def any(self, *qs: tantivy.Query) -> tantivy.Query:
        return tantivy.Query.boolean_query([(SHOULD, q) for q in qs])

    def term(self, field: str, value: object) -> tantivy.Query:
        return tantivy.Query.const_score_query(
            tantivy.Query.term_query(self.schema, field, value), 0.0)

    def party(self, field: str, *ws: str) -> tantivy.Query:
        q = (tantivy.Query.term_query(self.schema, field, ws[0]) if len(ws) == 1
             else tantivy.Query.phrase_query(self.schema, field, list(ws)))
        return tantivy.Query.const_score_query(q, 0.0)

    def dates(self, lo: int | None, hi: int | None) -> tantivy.Query:
        it = tantivy.FieldType.Integer
        parts = [tantivy.Query.range_query(self.schema, "date_lo", it, lo, hi,
                                           use_inverted_index=True)]
        if hi is not None:
            parts.append(tantivy.Query.range_query(self.schema, "date_hi", it, None, hi))
        return tantivy.Query.const_score_query(self.all(*parts), 0.0)


SHOULD, MUST = tantivy.Occur.Should, tantivy.Occur.Must


@dataclass(frozen=True)
class Case:
    group: str  # "keyword" (words, phrases) or "filter" (fields, dates, facets)
    query: str
    facets: bool
    # The raw engine: the same query written by hand with tantivy's API.
    hand: Callable[[Hand], tantivy.Query]
    # FTS5, the engine before: the MATCH string (None: no words), the WHERE over
    # search_docs s, its parameters.
    match: str | None
    where: str = ""
    params: tuple[object, ...] = ()


DATES = "s.date_lo >= ? AND s.date_lo < ? AND s.date_hi < ?"  # date_lo < bounds the index scan
SENDER_MATCH = "s.rowid IN (SELECT rowid FROM fields_fts WHERE fields_fts MATCH ?)"
CASES: list[Case] = [
    Case("keyword", "berlin", False, lambda h: h.word("berlin"), '"berlin"'),
    Case("keyword", "khrushchev", False, lambda h: h.word("khrushchev"), '"khrushchev"'),
    Case("keyword", "laos", False, lambda h: h.word("laos"), '"laos"'),
    Case("keyword", "nuclear", False, lambda h: h.word("nuclear"), '"nuclear"'),
    Case("keyword", "berlin cuba", False, lambda h: h.all(h.word("berlin"), h.word("cuba")),
         '("berlin" AND "cuba")'),
    Case("keyword", "vietnam OR laos", False, lambda h: h.any(h.word("vietnam"), h.word("laos")),
         '("vietnam" OR "laos")'),
    Case("keyword", "khrush*", False, lambda h: h.prefix("khrush"), '"khrush"*'),
    Case("keyword", '"missile crisis"', False, lambda h: h.phrase("missile", "crisis"),
         '"missile crisis"'),
    Case("keyword", '"test ban"', False, lambda h: h.phrase("test", "ban"), '"test ban"'),
    Case("keyword", '"bay of pigs"', False, lambda h: h.phrase("bay", "of", "pigs"),
         '"bay of pigs"'),
    Case("keyword", '"national security council"', False,
         lambda h: h.phrase("national", "security", "council"), '"national security council"'),
    Case("keyword", "NEAR(khrushchev kennedy, 5)", False,
         lambda h: h.near("khrushchev", "kennedy", 5), 'NEAR("khrushchev" "kennedy", 5)'),
    Case("filter", 'from:"Embassy in the Soviet Union" date:1962-10-27', False,
         lambda h: h.all(h.party("sender", "embassy", "in", "the", "soviet", "union"),
                         h.dates(19621027, 19621027)), None,
         f"{SENDER_MATCH} AND {DATES}",
         ('{sender} : "Embassy in the Soviet Union"', "1962-10-27", "1962-10-27~", "1962-10-27~")),
    Case("filter", "type:telegram date:1962-10", False,
         lambda h: h.all(h.term("doc_type", "telegram"), h.dates(19621000, 19621099)), None,
         f"s.doc_type = ? AND {DATES}",
         ("telegram", "1962-10", "1962-10~", "1962-10~")),
    Case("filter", 'class:"top secret" date:1961..1962', False,
         lambda h: h.all(h.term("classification", "top secret"), h.dates(19610000, 19629999)),
         None, f"s.classification = ? AND {DATES}",
         ("top secret", "1961", "1962~", "1962~")),
    Case("filter", "place:Moscow date:1962-10-22..1962-11-20", False,
         lambda h: h.all(h.party("place", "moscow"), h.dates(19621022, 19621120)), None,
         f"{SENDER_MATCH} AND {DATES}",
         ("{place} : \"Moscow\"", "1962-10-22", "1962-11-20~", "1962-11-20~")),
    Case("filter", "berlin date:1958..1960", False,
         lambda h: h.all(h.word("berlin"), h.dates(19580000, 19609999)), '"berlin"',
         DATES, ("1958", "1960~", "1960~")),
    Case("filter", "korea date:..1950-06", False,
         lambda h: h.all(h.word("korea"), h.dates(None, 19500699)), '"korea"',
         "s.date_lo < ? AND s.date_hi < ?", ("1950-06~", "1950-06~")),
    Case("filter", "khrushchev type:telegram has:redaction", False,
         lambda h: h.all(h.word("khrushchev"), h.term("doc_type", "telegram"),
                         h.term("has_redaction", True)), '"khrushchev"',
         "s.doc_type = ? AND s.has_redaction = 1", ("telegram",)),
    Case("filter", "collection:frus1961-63v06-r3", False,
         lambda h: h.term("collection", "frus1961-63v06-r3"), None, "s.collection = ?",
         ("frus1961-63v06-r3",)),
    Case("filter", "berlin", True, lambda h: h.word("berlin"), '"berlin"'),
    Case("filter", '"missile crisis"', True, lambda h: h.phrase("missile", "crisis"),
         '"missile crisis"'),
    Case("filter", "type:telegram date:1962-10", True,
         lambda h: h.all(h.term("doc_type", "telegram"), h.dates(19621000, 19621099)), None,
         f"s.doc_type = ? AND {DATES}",
         ("telegram", "1962-10", "1962-10~", "1962-10~")),
    Case("filter", 'to:"Department of State" date:1962-10-22..1962-11-20', True,
         lambda h: h.all(h.party("recipient", "department", "of", "state"),
                         h.dates(19621022, 19621120)), None,
         f"{SENDER_MATCH} AND {DATES}",
         ('{recipient} : "Department of State"', "1962-10-22", "1962-11-20~", "1962-11-20~")),
    Case("filter", "laos date:1961", True,
         lambda h: h.all(h.word("laos"), h.dates(19610000, 19619999)), '"laos"', DATES,
         ("1961", "1961~", "1961~")),
    Case("filter", 'class:"top secret"', True, lambda h: h.term("classification", "top secret"),
         None, "s.classification = ?", ("top secret",)),
]
FACET_COLUMNS = ("year", "collection", "doc_type", "classification", "sender", "recipient",
                 "place")


FACET_FIELDS = ("year", "collection", "doc_type", "classification", "sender_value",
                "recipient_value", "place_value")
# As Archive.search counts: exactly (every bucket of every segment kept before merging), the
# 30 most frequent values and one more to settle ties, and the documents with no value.
AGGS = {f: {"terms": {"field": f, "size": 31, "segment_size": 1 << 24,
                      "missing": -(2**62) if f == "year" else "\x00"}} for f in FACET_FIELDS}


def raw_tantivy(index: SearchIndex, conn: sqlite3.Connection,
                case: Case) -> tuple[int, list[str]]:
    """The same query as tantivy's own API answers it: top 20 with the exact count, their ids
    and snippets, and a terms aggregation per facet."""
    searcher = index.searcher()
    q = case.hand(Hand(index.schema, searcher))
    if case.match is None:  # filters only: in date order
        found = searcher.search(q, LIMIT, count=True, order_by_field="date_sort",
                                order=tantivy.Order.Asc)
    else:
        found = searcher.search(q, LIMIT, count=True)
    rowids = searcher.fast_field_values("rowid", [a for _, a in found.hits])
    ids, texts = [], []
    for r in rowids:
        id_, text = conn.execute("SELECT id, text FROM documents WHERE rowid = ?",
                                 (r,)).fetchone()
        ids.append(id_)
        texts.append(text or "")
    if case.match is not None:
        gen = tantivy.SnippetGenerator.create(searcher, q, index.schema, "text")
        for text in texts:
            gen.snippet_from_doc(tantivy.Document(text=text)).highlighted()
    if case.facets:
        searcher.aggregate(q, AGGS)
    total: int = getattr(found, "count")  # noqa: B009
    return total, ids


def raw_fts5(conn: sqlite3.Connection, case: Case) -> tuple[int, list[str]]:
    """The engine before: FTS5 SQL written by hand for the same query (20 results, facets)."""
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
        archive.sync_index()  # in step already: the engine's runs below find nothing to do
        raw = sqlite3.connect(db)
        index = SearchIndex.beside(db)
        for case in CASES:
            facets = ALL_FACETS if case.facets else None

            def engine(case: Case = case, facets: Any = facets) -> dict[str, Any]:
                return archive.search(case.query, facets=facets, limit=LIMIT)

            def baseline(case: Case = case) -> tuple[int, list[str]]:
                return raw_tantivy(index, raw, case)

            def before(case: Case = case) -> tuple[int, list[str]]:
                return raw_fts5(raw, case)

            out, (total, ids), (fts_total, _) = engine(), baseline(), before()  # warm-up
            if out["total"] != total or [r["id"] for r in out["results"]] != ids:
                raise SystemExit(f"engine and raw disagree on {case.query!r}: "
                                 f"{out['total']} vs {total}")
            if fts_total != total:
                raise SystemExit(f"tantivy and FTS5 disagree on {case.query!r}: "
                                 f"{total} vs {fts_total}")
            te: list[float] = []
            tr: list[float] = []
            tf: list[float] = []
            for _ in range(runs):
                te.append(timed(engine)[0])
                tr.append(timed(baseline)[0])
                tf.append(timed(before)[0])
            rows.append({"case": case, "total": total, "engine": te, "raw": tr, "fts5": tf})
            print(f"  {case.query[:52]:52s} {'+facets' if case.facets else '':7s} "
                  f"total {total:7d}  engine p50 {p(te, .5):6.1f} p95 {p(te, .95):6.1f}  "
                  f"raw p50 {p(tr, .5):6.1f} p95 {p(tr, .95):6.1f}  "
                  f"fts5 p50 {p(tf, .5):6.1f} ms", file=sys.stderr, flush=True)
        raw.close()
    return rows


def _size_gib(db: Path) -> str:
    index = sum(f.stat().st_size for f in Path(f"{db}.search").rglob("*") if f.is_file())
    return f"{db.stat().st_size / 2**30:.2f} GiB SQLite, {index / 2**30:.2f} GiB index"


def report(rows: list[dict[str, Any]], docs: int, db: Path,
           build_s: dict[str, float] | None, runs: int) -> str:
    built = ("cached" if build_s is None else
             f"built in {build_s['stored']:.0f} s, then indexed in {build_s['indexed']:.0f} s; "
             f"the FTS5 tables for comparison took {build_s['fts5']:.0f} s")
    lines = [
        "# Search benchmark", "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {platform.python_implementation()} "
        f"{platform.python_version()} · SQLite {sqlite3.sqlite_version} · tantivy "
        f"{version('tantivy')} · {os.cpu_count()} cores (load average "
        f"{os.getloadavg()[0]:.1f} at the end: other processes share them) · archive of "
        f"{docs:,} documents ({_size_gib(db)}; {built})",
        f"Each query {runs} times, in turn: engine (Archive.search, limit {LIMIT}), raw "
        "(tantivy's API by hand on the same index) and FTS5 (hand-written SQL on the same "
        "file), warm cache. Times in ms.", "",
        "| group | query | facets | total | engine p50 | engine p95 | raw p50 | raw p95 "
        "| FTS5 p50 | FTS5 p95 | engine/raw p50 |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        c, te, tr, tf = r["case"], r["engine"], r["raw"], r["fts5"]
        lines.append(f"| {c.group} | `{c.query}` | {'all' if c.facets else ''} | {r['total']:,} "
                     f"| {p(te, .5):.1f} | {p(te, .95):.1f} | {p(tr, .5):.1f} | {p(tr, .95):.1f} "
                     f"| {p(tf, .5):.1f} | {p(tf, .95):.1f} | {p(te, .5) / p(tr, .5):.2f} |")
    lines += ["", "| group | target p95 | engine p95 | raw p95 | FTS5 p95 | engine/raw "
              "(sum of medians) | FTS5/engine (sum of medians) |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for group, target in (("keyword", KEYWORD_TARGET_MS), ("filter", FILTER_TARGET_MS)):
        sel = [r for r in rows if r["case"].group == group]
        te = [t for r in sel for t in r["engine"]]
        tr = [t for r in sel for t in r["raw"]]
        tf = [t for r in sel for t in r["fts5"]]
        med = {k: sum(statistics.median(r[k]) for r in sel) for k in ("engine", "raw", "fts5")}
        lines.append(f"| {group} | {target:.0f} | {p(te, .95):.1f} | {p(tr, .95):.1f} | "
                     f"{p(tf, .95):.1f} | {med['engine'] / med['raw']:.2f} (target ≤ "
                     f"{RATIO_TARGET}) | {med['fts5'] / med['engine']:.1f}× |")
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
    build_s: dict[str, float] | None = None
    if db.exists():
        print(f"reusing {db}", file=sys.stderr)
    else:
        copies = copies_per_volume(vols, manifest_counts(args.corpus), args.docs)
        print(f"building {db}: {len(vols)} volumes, {sum(copies)} copies", file=sys.stderr)
        _, build_s = build(db, vols, copies)
    if not Path(f"{db}.search").is_dir():
        raise SystemExit(f"{db}: no search index beside it (an archive built before it had "
                         "one): delete it and run again")
    with sqlite3.connect(db) as conn:
        (docs,) = conn.execute("SELECT count(*) FROM documents").fetchone()
    rows = measure(db, args.runs)
    text = report(rows, docs, db, build_s, args.runs)
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
