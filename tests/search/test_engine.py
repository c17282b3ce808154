"""The engine on a small archive built in code: matching, ranking, facets, pages, snippets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search_fixtures import RECORDS, V06, V11, build, search, within

from cablegram.errors import CablegramError, QueryError
from cablegram.record import Batch, Collection, Record
from cablegram.search import ALL_FACETS
from cablegram.search.engine import MARK_CLOSE, MARK_OPEN
from cablegram.store.sqlite import SqliteStore

ALL = 100_000


def ids(store: SqliteStore, query: str, **kw: Any) -> list[str]:
    out = search(store, query, limit=ALL, **kw)
    assert out["total"] == len(out["results"])
    return [r["id"] for r in out["results"]]


def where(pred: Callable[[Record], bool]) -> set[str]:
    return {r.id for r in RECORDS if pred(r)}


def _t(r: Record) -> str:
    return (r.title + " " + r.text).lower()



@pytest.mark.parametrize(("query", "pred"), [
    ("berlin", lambda r: "berlin" in (r.title + r.text).lower()),
    ("khrushchev", lambda r: "khrushchev" in _t(r).replace("ë", "e")),
    # Plain words search the title and text only; places are for place:.
    ("bonn", lambda r: "bonn" in _t(r)),
    ("cuba berlin", lambda r: "cuba" in _t(r) and "berlin" in _t(r)),
    ("cuba OR berlin", lambda r: "cuba" in _t(r) or "berlin" in _t(r)),
    ("berlin NOT cuba", lambda r: "berlin" in (r.title + r.text).lower()
        and "cuba" not in r.text.lower()),
    ("type:telegram", lambda r: r.doc_type == "telegram"),
    ('type:"Memorandum for the Record"', lambda r: r.doc_type == "memorandum-for-the-record"),
    ('class:"top secret"', lambda r: r.classification == "top secret"),
    ("class:SECRET", lambda r: r.classification == "secret"),
    (f"collection:{V11}", lambda r: r.collection == V11),
    ("collection:frus1961-63*", lambda r: r.collection.startswith("frus1961-63")),
    ("number:3", lambda r: r.number == "3"),
    ("number:1070", lambda r: r.telegram_number == "1070"),
    ("has:redaction", lambda r: bool(r.redactions)),
    ("has:footnote", lambda r: bool(r.footnotes)),
    ("NOT has:footnote", lambda r: not r.footnotes),
    ("place:moscow", lambda r: r.place == "Moscow"),
    ("to:Kennedy", lambda r: "Kennedy" in (r.recipient or "")),
    ('from:"Embassy in the Soviet Union"',
     lambda r: "Embassy in the Soviet Union" in (r.sender or "")),
    ("type:telegram OR has:footnote", lambda r: r.doc_type == "telegram" or bool(r.footnotes)),
    ("cuba OR type:despatch", lambda r: "cuba" in r.text.lower() or r.doc_type == "despatch"),
])
def test_matches_python_filter(store: SqliteStore, query: str,
                               pred: Callable[[Record], bool]) -> None:
    assert set(ids(store, query)) == where(pred)


@pytest.mark.parametrize(("lo", "hi"), [
    ("1962-10-27", "1962-10-27"), ("1962-10", "1962-10"), ("1962", "1962"),
    ("1958", "1960"), (None, "1962-10"), ("1962-10-27", None), ("1959-05", "1962-10-26"),
    ("1958-01-01", "1960-12-31"), ("1962-10", "1962"),
])
def test_date_ranges(store: SqliteStore, lo: str | None, hi: str | None) -> None:
    text = f"date:{lo}" if lo == hi else f"date:{lo or ''}..{hi or ''}"
    assert set(ids(store, text)) == where(lambda r: within(r, lo, hi))


def test_undated_and_ranged_documents(store: SqliteStore) -> None:
    # The October 1962 memorandum lies within October and 1962, but not within one day.
    assert f"{V11}/d5" in ids(store, "date:1962-10")
    assert f"{V11}/d5" not in ids(store, "date:1962-10-27")
    # A document with no date at all matches no date filter.
    assert f"{V11}/d6" not in ids(store, "date:..9999")


def test_from_is_a_phrase_within_the_sender(store: SqliteStore) -> None:
    got = ids(store, 'from:"Embassy in the Soviet Union" date:1962-10-27')
    assert got == [f"{V11}/d3"]
    # Words in sequence, not a bag of words: "Soviet Embassy" is not "Embassy ... Soviet".
    assert ids(store, 'from:"Soviet Embassy"') == []


def test_accents_and_case_fold(store: SqliteStore) -> None:
    assert set(ids(store, "economie")) == {RECORDS[8].id}
    assert set(ids(store, "KHRUSHCHËV")) == set(ids(store, "khrushchev"))


def test_phrase_prefix_near(store: SqliteStore) -> None:
    assert ids(store, '"missile crisis"') == [f"{V11}/d3"]
    assert set(ids(store, "khrush*")) == set(ids(store, "khrushchev"))
    assert ids(store, "NEAR(radio crisis, 3)") == []
    assert ids(store, "NEAR(radio crisis, 10)") == [f"{V11}/d4"]


def test_title_weighs_above_body(store: SqliteStore) -> None:
    # d8 has "Berlin" once, as its title; d7 has it five times in its body only.
    got = ids(store, "berlin")
    assert got.index("frus1958-60v10p1/d8") < got.index("frus1958-60v10p1/d7")


def test_scores_descend_and_results_are_plain_data(store: SqliteStore) -> None:
    out = search(store, "berlin OR cuba", limit=ALL)
    scores = [r["score"] for r in out["results"]]
    assert scores == sorted(scores, reverse=True)
    assert set(out) == {"total", "results", "facets"}
    assert all(set(r) == {"id", "title", "date", "snippet", "score"} for r in out["results"])


def test_snippets_mark_matches(store: SqliteStore) -> None:
    out = search(store, '"missile crisis"')
    assert f"{MARK_OPEN}missile crisis{MARK_CLOSE}" in out["results"][0]["snippet"]
    plain = search(store, "type:despatch")["results"][0]
    assert plain["snippet"].startswith("Économie") and plain["score"] is None


def test_pages_join_up_and_total_is_exact(store: SqliteStore) -> None:
    everything = ids(store, "NOT zzzz")
    assert len(everything) == len(RECORDS)
    for sort in ("relevance", "date"):
        full = ids(store, "berlin OR cuba OR khrushchev", sort=sort)
        pages = [search(store, "berlin OR cuba OR khrushchev", sort=sort, limit=2, offset=o)
                 for o in range(0, len(full) + 2, 2)]
        assert [r["id"] for p in pages for r in p["results"]] == full
        assert {p["total"] for p in pages} == {len(full)}
    none = search(store, "berlin", limit=0)
    assert none["results"] == [] and none["total"] == len(ids(store, "berlin"))


def test_date_sort(store: SqliteStore) -> None:
    got = search(store, "NOT zzzz", sort="date", limit=ALL)["results"]
    by_id = {r.id: r for r in RECORDS}
    keys = [by_id[r["id"]].date or by_id[r["id"]].date_not_before for r in got]
    dated = [k for k in keys if k is not None]
    assert dated == sorted(dated) and keys[len(dated):] == [None] * (len(keys) - len(dated))


def test_facets_count_the_whole_result_set(store: SqliteStore) -> None:
    out = search(store, "berlin OR cuba OR has:footnote", facets=ALL_FACETS, limit=1)
    matched = [r for r in RECORDS if r.id in set(ids(store, "berlin OR cuba OR has:footnote"))]
    columns: dict[str, Callable[[Record], object]] = {
        "year": lambda r: int((r.date or r.date_not_before)[:4])  # type: ignore[index]
        if (r.date or r.date_not_before) else None,
        "collection": lambda r: r.collection, "doc_type": lambda r: r.doc_type,
        "classification": lambda r: r.classification, "from": lambda r: r.sender,
        "to": lambda r: r.recipient, "place": lambda r: r.place,
    }
    assert set(out["facets"]) == set(ALL_FACETS)
    for name, col in columns.items():
        assert {v: c for v, c in out["facets"][name]} == Counter(col(r) for r in matched), name
        counts = [c for _, c in out["facets"][name]]
        assert counts == sorted(counts, reverse=True)


def test_facet_size_cuts_values_not_counts(store: SqliteStore) -> None:
    out = search(store, "NOT zzzz", facets=["collection"], facet_size=1)
    assert out["facets"]["collection"] == [[V11, 4]]


def test_bad_arguments(store: SqliteStore) -> None:
    with pytest.raises(QueryError):
        search(store, "berlin OR")
    for kw in ({"facets": ["subject"]}, {"sort": "title"}, {"limit": -1}, {"offset": -1}):
        with pytest.raises(CablegramError):
            search(store, "berlin", **kw)  # type: ignore[arg-type]


def _fts_ok(store: SqliteStore) -> None:
    n = store.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert store.conn.execute("SELECT count(*) FROM search_docs").fetchone()[0] == n
    assert search(store, "NOT zzzzz", limit=0)["total"] == n


def _execute(store: Any, sql: str, *args: object) -> None:
    """SQL written by hand, as another tool would (the placeholder of either backend)."""
    is_sqlite = isinstance(store, SqliteStore)
    store.conn.execute(sql if is_sqlite else sql.replace("?", "%s"), args)


def test_index_follows_replace_update_and_delete(store: SqliteStore) -> None:
    _fts_ok(store)
    # Re-ingesting a changed volume replaces its documents, in the index too.
    changed = [Record(id=f"{V06}/d1", collection=V06, title="Letter about Laos",
                      doc_type="letter", date="1961-03-01", text="Laos and Vientiane.")]
    store.put_batch(Batch(Collection(V06), changed), path=V06, sha256="new")
    _fts_ok(store)
    assert ids(store, "laos") == [f"{V06}/d1"]
    assert ids(store, f"collection:{V06}") == [f"{V06}/d1"]
    _execute(store, "UPDATE documents SET title = 'Vientiane cable', doc_type = 'telegram' "
             "WHERE id = ?", f"{V06}/d1")
    _fts_ok(store)
    assert ids(store, "cable type:telegram") == [f"{V06}/d1"]
    _execute(store, "DELETE FROM documents WHERE id = ?", f"{V06}/d1")
    _fts_ok(store)
    assert ids(store, "laos OR vientiane") == []


def test_migration_indexes_existing_documents(tmp_path: Path) -> None:
    # An archive made at schema 1 gets its documents indexed when migrations 002-003 run.
    only_core = tmp_path / "migrations"
    only_core.mkdir()
    core = Path(__file__).parents[2] / "src/cablegram/store/migrations/001_core.sql"
    (only_core / "001_core.sql").write_text(core.read_text(encoding="utf-8"), encoding="utf-8")
    old = SqliteStore(tmp_path / "old.db", migrations_dir=only_core)
    old.put_batch(Batch(Collection(V11), [r for r in RECORDS if r.collection == V11]),
                  path="p", sha256="s")
    old.close()
    new = SqliteStore(tmp_path / "old.db")
    _fts_ok(new)
    assert set(ids(new, "crisis")) == {f"{V11}/d3", f"{V11}/d4"}
    new.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> SqliteStore:
    return build(tmp_path_factory.mktemp("search") / "any.db")


_PIECES = st.sampled_from([
    "berlin", "cuba", "khrush*", "AND", "OR", "NOT", "(", ")", '"missile crisis"', " ",
    "NEAR(radio crisis, 5)", "from:Embassy", 'to:"Department of State"', "place:Moscow",
    "type:telegram", 'class:"top secret"', "date:1962-10", "date:1958..1960", "has:footnote",
    "collection:frus1961-63*", "number:3", "zzz", '"', "é*", "a",
])


@given(st.one_of(st.text(max_size=30), st.lists(_PIECES, max_size=12).map(" ".join)))
@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_query_runs_or_raises_query_error(shared: SqliteStore, text: str) -> None:
    try:
        out = search(shared, text, facets=["year"], limit=ALL)
    except QueryError:
        return
    assert out["total"] == len(out["results"]) == sum(c for _, c in out["facets"]["year"])


def _near_oracle(words: list[str], a: str, b: str, n: int) -> bool:
    """FTS5's NEAR for two words: both present, in either order, at most n words between."""
    at = {w: [i for i, x in enumerate(words) if x == w] for w in (a, b)}
    return any(abs(i - j) - 1 <= n for i in at[a] for j in at[b] if i != j)


def test_near_of_two_words_is_exact(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    vocab = ["alpha", "beta", "gamma", "delta"]
    texts = [[rng.choice(vocab) for _ in range(rng.randint(2, 14))] for _ in range(120)]
    recs = [Record(id=f"c/d{i}", collection="c", title="t", text=" ".join(t))
            for i, t in enumerate(texts)]
    store = build(tmp_path / "near.db", recs)
    for a, b in (("alpha", "beta"), ("gamma", "alpha"), ("delta", "delta")):
        for n in (0, 1, 3, 6):
            want = {f"c/d{i}" for i, t in enumerate(texts) if _near_oracle(t, a, b, n)}
            assert set(ids(store, f"NEAR({a} {b}, {n})")) == want, (a, b, n)
    store.close()


def test_a_prefix_of_many_words_matches_the_same(store: SqliteStore,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from cablegram.search import compile as compile_module

    scored = set(ids(store, "c*"))
    monkeypatch.setattr(compile_module, "MAX_SCORED_EXPANSION", 1)
    assert set(ids(store, "c*")) == scored and len(scored) > 1


# -- people --------------------------------------------------------------------------------


def test_person_by_id_and_by_name(store: SqliteStore) -> None:
    from search_fixtures import PERSONS

    def ids(query: str) -> list[str]:
        return sorted(r["id"] for r in search(store, query, limit=100)["results"])

    assert ids("person:107327") == ["frus1961-63v11/d3"]
    assert ids("person:Kohler") == ["frus1961-63v11/d3"]
    # Two register persons are named Kuznetsov: either one.
    assert ids("person:Kuznetsov") == ["frus1961-63v11/d3", "frus1961-63v11/d4"]
    assert ids('person:"Vasily Kuznetsov"') == ["frus1961-63v11/d3"]
    assert ids("person:khrushchev Cuba") == ["frus1961-63v06/d1"]
    assert ids("NOT person:Kuznetsov type:telegram") == []
    assert ids("person:999999") == []  # an id finds what is linked to it: nothing
    assert len(PERSONS) == 4


def test_a_name_nobody_bears_is_a_query_error(store: SqliteStore) -> None:
    with pytest.raises(QueryError) as info:
        search(store, "berlin person:Nobody")
    assert info.value.pos == 7
    assert info.value.reason == "person: no person named 'Nobody' in the register"


def test_persons_facet_gives_ids_with_their_names(store: SqliteStore) -> None:
    out = search(store, "date:1962", facets=["persons"])
    assert out["facets"]["persons"] == [
        [None, 2, None], ["100002", 1, "Khrushchev, Nikita Sergeyevich"],
        ["100005", 1, "Kuznetsov, Nikolai"], ["107327", 1, "Kohler, Foy D."],
        ["107516", 1, "Kuznetsov, Vasily Vasilyevich"]]
