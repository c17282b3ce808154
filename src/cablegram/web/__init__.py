"""The archive in a browser: a read-only Starlette app whose every page has a JSON twin."""

from __future__ import annotations

from cablegram.web.app import create_app

__all__ = ["create_app"]
