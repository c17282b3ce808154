"""The app factory: routes, the JSON twin of every page, errors as 4xx pages and JSON.

Handlers are async and call the archive directly: a call takes milliseconds, and the
archive's SQLite connection stays on the one thread of the worker's event loop.
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from cablegram.archive import Archive, default_db
from cablegram.errors import CablegramError, NotFound, ParameterError, QueryError
from cablegram.store.postgres_select import is_url
from cablegram.web import filters, history_views, more_views, views
from cablegram.web.openapi import openapi_schema
from cablegram.web.params import Params
from cablegram.web.views import Page

STATIC = Path(__file__).parent / "static"
# Suffixes of the twins and downloads a document URL may carry, longest first.
DOC_SUFFIXES = (".csl.json", ".json", ".bib", ".ris")

View = Callable[[Request, Archive, Params], Page]


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("cablegram.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True,
                      # The package's templates do not change under a running server: no
                      # stat of each template file (and its parents) per page.
                      auto_reload=False)
    filters.register(env)
    return env


def _split(value: str, suffixes: tuple[str, ...] = (".json",)) -> tuple[str, str | None]:
    for suffix in suffixes:
        if value.endswith(suffix) and len(value) > len(suffix):
            return value[: -len(suffix)], suffix
    return value, None


def _error(exc: Exception) -> tuple[int, dict[str, Any]]:
    if isinstance(exc, NotFound):
        return 404, {"status": 404, "kind": "not-found", "message": str(exc),
                     "what": exc.kind, "id": exc.id}
    if isinstance(exc, QueryError):
        return 400, {"status": 400, "kind": "query", "message": str(exc),
                     "position": exc.pos, "reason": exc.reason}
    if isinstance(exc, ParameterError):
        return 400, {"status": 400, "kind": "parameter", "message": str(exc),
                     "parameter": exc.name, "reason": exc.reason}
    if isinstance(exc, HTTPException):
        return exc.status_code, {"status": exc.status_code, "kind": "http",
                                 "message": str(exc.detail)}
    return 400, {"status": 400, "kind": "request", "message": str(exc)}


class Site:
    """One worker's app: the archive (opened at startup) and the templates."""

    def __init__(self, db: Path | str) -> None:
        self.db = db
        self.env = _environment()
        self._archive: Archive | None = None

    @property
    def archive(self) -> Archive:
        if self._archive is None:
            self._archive = Archive.open(self.db, create=False)
        return self._archive

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
            self._archive = None

    def render(self, request: Request, page: Page, as_json: bool) -> Response:
        if as_json:
            if page.status >= 400:
                # A page shown with its error (a query error on the search page): the twin
                # is the error, in the one shape every error has.
                return JSONResponse({"error": page.data["error"]}, status_code=page.status)
            return JSONResponse(page.data, status_code=page.status)
        template = self.env.get_template(page.template)
        html = template.render(page=page, data=page.data, title=page.title, **page.extra,
                               json_url=_json_url(request))
        return HTMLResponse(html, status_code=page.status)

    def error(self, request: Request, exc: Exception, as_json: bool) -> Response:
        status, body = _error(exc)
        if as_json:
            response: Response = JSONResponse({"error": body}, status_code=status)
        else:
            page = Page("error.html", f"Error {status}", {"error": body}, status=status)
            response = self.render(request, page, as_json=False)
        # A 405 names the methods allowed (the Allow header Starlette gives it).
        response.headers.update(getattr(exc, "headers", None) or {})
        return response

    def page(self, known: tuple[str, ...], view: View,
             twin: bool = True) -> Callable[[Request], Awaitable[Response]]:
        """An endpoint: parameters checked, the view called, HTML or its JSON twin."""

        async def endpoint(request: Request) -> Response:
            as_json = twin and (request.url.path.endswith(".json")
                                or request.query_params.get("format") == "json")
            try:
                params = Params.of(request.query_params.multi_items(), known)
                with self.archive.session():
                    page = view(request, self.archive, params)
                return self.render(request, page, as_json)
            except (CablegramError, HTTPException) as e:
                return self.error(request, e, as_json)

        return endpoint


def _json_url(request: Request) -> str:
    path = request.url.path
    query = request.url.query
    if path == "/":
        path = "/index"
    return f"{path}.json" + (f"?{query}" if query else "")


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _document(request: Request, archive: Archive, params: Params) -> Page:
    doc, _ = _split(request.path_params["doc"])
    return views.document(archive, params, request.path_params["collection"], doc,
                          _base(request))


def settle_heap() -> None:
    """Move what a started worker holds (modules, templates, the archive) out of the
    collector's reach, so that a full collection during a request walks only new objects.

    A full collection of a started worker's ~55,000 objects took 25-35 ms of CPU; it came
    every few hundred document pages and was the slowest 1% of them (docs/web.md).
    """
    gc.collect()
    gc.freeze()


def create_app(db: str | Path | None = None, *, serving: bool = False) -> Starlette:
    """The read-only site over the archive at `db` (default: `CABLEGRAM_DB` or ./cablegram.db).

    `serving`: a server's worker (`cablegram serve`), which compiles every template and
    settles its heap (`settle_heap`) once started; tests leave the collector alone.
    """
    # A postgresql:// URL stays text (as a Path it would lose a slash).
    site = Site(default_db() if db is None else db if is_url(db) else Path(db))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Opened now: a missing archive stops the start before the first request.
        with site.archive.session():
            site.archive.collections()
        if serving:
            for name in site.env.list_templates(filter_func=lambda n: n.endswith(".html")):
                site.env.get_template(name)
            settle_heap()
        yield
        site.close()

    async def document_endpoint(request: Request) -> Response:
        doc, suffix = _split(request.path_params["doc"], DOC_SUFFIXES)
        if suffix in (".bib", ".ris", ".csl.json"):
            try:
                Params.of(request.query_params.multi_items(), ())
                with site.archive.session():
                    media, text = views.citation_file(
                        site.archive, request.path_params["collection"], doc,
                        suffix.removeprefix("."), _base(request))
            except CablegramError as e:
                return site.error(request, e, as_json=True)
            name = f"{request.path_params['collection']}-{doc}{suffix}"
            return Response(text, media_type=media, headers={
                "content-disposition": f'attachment; filename="{name}"'})
        return await site.page((), _document)(request)

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_schema())

    def simple(view: Callable[[Archive, Params], Page]) -> View:
        return lambda request, archive, params: view(archive, params)

    def by_id(view: Callable[..., Page], base: bool = False) -> View:
        def call(request: Request, archive: Archive, params: Params) -> Page:
            id, _ = _split(request.path_params["id"])
            return view(archive, params, id, _base(request)) if base \
                else view(archive, params, id)
        return call

    routes = [
        Route("/", site.page((), simple(views.home))),
        Route("/index.json", site.page((), simple(views.home))),
        Route("/collections/{id}", site.page((), by_id(views.collection))),
        Route("/documents/{collection}/{doc}", document_endpoint),
        Route("/items/{id}", site.page((), by_id(views.item, base=True))),
        Route("/search", site.page(views.SEARCH_PARAMS, simple(views.search))),
        Route("/search.json", site.page(views.SEARCH_PARAMS, simple(views.search))),
        Route("/people", site.page(("q", "offset"), simple(more_views.people))),
        Route("/people.json", site.page(("q", "offset"), simple(more_views.people))),
        Route("/people/{id}", site.page((), by_id(more_views.person))),
        *[Route(path, site.page(known, simple(view))) for name, view, known in (
            ("chronology", history_views.chronology, ("from", "to")),
            ("network", history_views.network, ("from", "to", "by")),
            ("digest", history_views.digest, ("from", "to")))
          for path in (f"/{name}", f"/{name}.json")],
        Route("/openapi.json", openapi),
        Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        as_json = request.url.path.endswith(".json") or \
            request.query_params.get("format") == "json"
        return site.error(request, exc, as_json)

    return Starlette(routes=routes, lifespan=lifespan,
                     exception_handlers={404: not_found, 405: not_found})


def app_from_env() -> Starlette:
    """For uvicorn's workers (`--workers N`): the archive named by CABLEGRAM_DB."""
    return create_app(os.environ.get("CABLEGRAM_DB") or None, serving=True)
