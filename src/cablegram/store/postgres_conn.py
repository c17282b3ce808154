"""Connecting to PostgreSQL: one clear line for a wrong URL, a server that is down, a
refused login; the pool of connections a store shares among its operations."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg_pool import ConnectionPool

from cablegram.errors import CablegramError

CONNECT_TIMEOUT_S = 10
# Pool sizes, "MIN,MAX" (docs/deploy.md): a CLI command holds one connection, a web worker
# borrows one per request.
POOL_ENV = "CABLEGRAM_PG_POOL"
DEFAULT_POOL = (1, 4)


def safe_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rsplit("@", 1)[1]
        user = parts.username or ""
        return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))
    except ValueError:
        return "postgresql://(unreadable URL)"


_OPTIONS: dict[str, Any] = {"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S,
                            "application_name": "cablegram"}


def connect(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """An autocommit connection (every transaction below is explicit), or CablegramError."""
    shown = safe_url(url)
    try:
        conn = psycopg.connect(url, **_OPTIONS)
    except psycopg.ProgrammingError as e:
        raise CablegramError(f"{shown}: not a PostgreSQL URL: {_reason(e)}") from None
    except psycopg.OperationalError as e:
        raise CablegramError(f"{shown}: cannot connect: {_reason(e)}") from None
    return conn


def _reason(e: BaseException) -> str:
    text = " ".join(str(e).split())
    # libpq repeats the address in front of its reason: keep the reason.
    marker = "failed: "
    return text.rsplit(marker, 1)[-1] if marker in text else text


def pool_size(text: str | None = None) -> tuple[int, int]:
    """(min, max) from "MIN,MAX" (default: CABLEGRAM_PG_POOL, else DEFAULT_POOL)."""
    text = os.environ.get(POOL_ENV) if text is None else text
    if not text:
        return DEFAULT_POOL
    try:
        low, high = (int(n) for n in text.split(","))
    except ValueError:
        raise CablegramError(f"{POOL_ENV}={text!r}: expected MIN,MAX (e.g. 1,4)") from None
    if not 0 <= low <= high or high < 1:
        raise CablegramError(f"{POOL_ENV}={text!r}: expected 0 <= MIN <= MAX, MAX >= 1")
    return low, high


def open_pool(url: str, size: tuple[int, int]) -> ConnectionPool[psycopg.Connection[Any]]:
    """A pool of autocommit connections to `url`; a connection is checked when it is taken
    (one that the server closed is replaced). The caller checked the URL with `connect`."""
    low, high = size
    return ConnectionPool(url, min_size=low, max_size=high, kwargs=dict(_OPTIONS),
                          check=ConnectionPool.check_connection, timeout=CONNECT_TIMEOUT_S,
                          name=f"cablegram {safe_url(url)}", open=True)
