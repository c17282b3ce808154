"""Stores keep records; `Store` hides which database is behind them."""

from __future__ import annotations

from cablegram.store.base import Store
from cablegram.store.sqlite import SqliteStore

__all__ = ["SqliteStore", "Store"]
