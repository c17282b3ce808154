"""The PostgreSQL store's connection pool (psycopg_pool): short operations of many threads
share a few connections, a connection the server closed is replaced, sizes are configurable
and the store leaves no connection behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cablegram.errors import CablegramError
from cablegram.record import Batch, Collection, Record
from cablegram.store.postgres import PostgresStore
from cablegram.store.postgres_conn import DEFAULT_POOL, POOL_ENV, pool_size


def _connections(url: str) -> int:
    """The server's connections of cablegram to this database, seen from another one."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                           "current_database() AND application_name = 'cablegram'").fetchone()
    return int(row[0]) if row else 0


def _settled(url: str, want: int) -> int:
    # A closed connection's server process ends a moment after the client lets it go.
    for _ in range(50):
        if (n := _connections(url)) == want:
            return n
        time.sleep(0.1)
    return _connections(url)


@pytest.fixture
def store(pg_url: str) -> Iterator[PostgresStore]:
    s = PostgresStore(pg_url, pool=(1, 3))
    s.put_batch(Batch(Collection("c"), [Record(id="c/d1", collection="c", title="t",
                                               text="cable")]), path="c.xml", sha256="c")
    yield s
    s.close()


def test_pool_size_from_text() -> None:
    assert pool_size("2,8") == (2, 8)
    assert pool_size("") == DEFAULT_POOL
    for bad in ("8", "a,b", "3,2", "0,0", "-1,2"):
        with pytest.raises(CablegramError, match=POOL_ENV):
            pool_size(bad)


def test_pool_size_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(POOL_ENV, "0,5")
    assert pool_size() == (0, 5)
    monkeypatch.delenv(POOL_ENV)
    assert pool_size() == DEFAULT_POOL


@given(st.text(max_size=12))
def test_any_pool_text_gives_sizes_or_our_error(text: str) -> None:
    try:
        low, high = pool_size(text)
    except CablegramError:
        return
    assert 0 <= low <= high and high >= 1


def test_many_threads_share_the_pool(store: PostgresStore, pg_url: str) -> None:
    seen: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def reader() -> None:
        try:
            start.wait()
            for _ in range(20):
                with store.session():
                    seen.append(len(store.collections()) + store.stats()["documents"])
        except BaseException as e:  # reported below, in the test's thread
            errors.append(e)

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert seen == [2] * 160
    stats = store.pool.get_stats()
    assert stats["pool_size"] <= 3
    # Every borrowed connection was given back, except the one the test's own thread
    # keeps (it stored the collection outside a session).
    assert stats.get("pool_available", 0) == stats["pool_size"] - 1
    assert _connections(pg_url) <= 3


def test_a_session_gives_its_connection_back(pg_url: str) -> None:
    # One connection at most: a session that kept its connection would leave the next
    # thread waiting until the pool gives up. (With two, the pool may open the second in
    # the background at any moment, and which one a thread gets is the pool's choice.)
    store = PostgresStore(pg_url, pool=(1, 1))
    try:
        def borrow() -> tuple[int, int]:
            with store.session():
                first = store.conn.info.backend_pid
                store.collections()
                return first, store.conn.info.backend_pid

        out: list[tuple[int, int]] = []
        for _ in range(3):
            t = threading.Thread(target=lambda: out.append(borrow()))
            t.start()
            t.join()
        # One connection for the whole block, and the same one for the next thread.
        assert all(a == b for a, b in out) and len({a for a, _ in out}) == 1
    finally:
        store.close()


def test_a_connection_the_server_closed_is_replaced(pg_url: str) -> None:
    store = PostgresStore(pg_url, pool=(1, 1))
    try:
        with store.session():  # borrowed: this thread keeps none
            pid = store.conn.info.backend_pid
            store.collections()
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        with store.session():  # the pool's one connection, checked and replaced
            assert store.conn.info.backend_pid != pid
            assert store.collections() == []
    finally:
        store.close()


def _catch(fn: object, errors: list[BaseException]) -> None:
    try:
        fn()  # type: ignore[operator]
    except BaseException as e:
        errors.append(e)


def test_a_full_pool_is_one_clear_line(pg_url: str) -> None:
    store = PostgresStore(pg_url, pool=(1, 1))
    store.pool.timeout = 0.5  # the wait for a free connection (10 s by default)
    try:
        with store.session():  # this thread holds the only connection
            errors: list[BaseException] = []
            t = threading.Thread(target=lambda: _catch(store.collections, errors))
            t.start()
            t.join()
        assert len(errors) == 1 and isinstance(errors[0], CablegramError)
        assert "no connection within 0.5 s" in str(errors[0])
        assert "all 1 of the pool are busy" in str(errors[0])
        assert "\n" not in str(errors[0])
    finally:
        store.close()


def test_close_leaves_no_connection(pg_url: str) -> None:
    store = PostgresStore(pg_url, pool=(2, 4))
    store.collections()
    with store.session():
        store.stats()
    assert _settled(pg_url, 2) >= 1
    store.close()
    assert _settled(pg_url, 0) == 0


def test_a_thread_that_ended_gives_its_connection_back(pg_url: str) -> None:
    store = PostgresStore(pg_url, pool=(1, 1))
    store.pool.timeout = 0.5
    try:
        errors: list[BaseException] = []
        for _ in range(3):  # each thread keeps the one connection, outside a session
            t = threading.Thread(target=_catch, args=(store.collections, errors))
            t.start()
            t.join()
        assert not errors
        assert store.collections() == []  # and so does this one, the others having ended
    finally:
        store.close()
