"""Connecting to PostgreSQL: one clear line for a wrong URL, a server that is down, a
refused login."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import psycopg

from cablegram.errors import CablegramError

CONNECT_TIMEOUT_S = 10


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


def connect(url: str) -> psycopg.Connection[tuple[object, ...]]:
    """An autocommit connection (every transaction below is explicit), or CablegramError."""
    shown = safe_url(url)
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name="cablegram")
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
