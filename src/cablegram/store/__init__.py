"""Stores keep records; `Store` hides which database is behind them."""

from __future__ import annotations

from cablegram.store.base import Store

__all__ = ["Store"]
