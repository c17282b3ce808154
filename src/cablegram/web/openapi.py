"""The OpenAPI description of every JSON twin, written by hand next to the views it names."""

from __future__ import annotations

from typing import Any

from cablegram import __version__
from cablegram.web.params import ID

_NULLABLE_STR = {"type": ["string", "null"]}
_LINK = {"type": ["object", "null"], "required": ["id", "url"],
         "properties": {"id": {"type": "string"}, "url": {"type": "string"}}}
_LISTED = {"type": "object", "required": ["id", "title", "date", "url"],
           "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                          "date": _NULLABLE_STR, "url": {"type": "string"}}}
_PERIOD = {"from": {"type": "string", "format": "date"}, "to": {"type": "string",
                                                                "format": "date"}}


def _obj(required: list[str], **props: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": props}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


SCHEMAS: dict[str, Any] = {
    "Error": _obj(["error"], error=_obj(
        ["status", "kind", "message"], status={"type": "integer"},
        kind={"type": "string", "enum": ["not-found", "query", "parameter", "http",
                                         "request"]},
        message={"type": "string"}, position={"type": "integer"},
        parameter={"type": "string"})),
    "Home": _obj(["documents", "collections", "years", "date_from", "date_to"],
                 documents={"type": "integer"}, date_from=_NULLABLE_STR, date_to=_NULLABLE_STR,
                 collections=_array(_obj(["id", "title", "documents", "url"],
                                         id={"type": "string"}, title={"type": "string"},
                                         documents={"type": "integer"},
                                         date_from=_NULLABLE_STR, date_to=_NULLABLE_STR,
                                         url={"type": "string"})),
                 years=_array(_obj(["year", "documents"], year={"type": "integer"},
                                   documents={"type": "integer"}))),
    "Collection": _obj(["id", "title", "documents", "chapters"], id={"type": "string"},
                       title={"type": "string"}, documents={"type": "integer"},
                       chapters=_array(_obj(["heading", "documents"],
                                            heading=_array({"type": "string"}),
                                            documents=_array(_LISTED)))),
    "Document": _obj(["record", "url", "collection", "neighbours", "cited_by", "citation",
                      "source_parts"],
                     record={"$ref": "#/components/schemas/Record"}, url={"type": "string"},
                     collection=_obj(["id", "title", "url"]),
                     neighbours=_obj(["prev", "next", "prev_date", "next_date"],
                                     prev=_LINK, next=_LINK, prev_date=_LINK, next_date=_LINK),
                     cited_by=_array(_obj(["id", "text", "where", "url"])),
                     source_parts=_array(_obj(["label", "value"])),
                     citation=_obj(["chicago", "csl", "bibtex_url", "ris_url", "csl_url"],
                                   chicago={"type": "string"}, csl={"type": "object"})),
    "Item": {"allOf": [{"$ref": "#/components/schemas/Document"},
                       _obj(["cited_in", "listed_in"], cited_in=_array({"type": "object"}),
                            listed_in=_array({"type": "object"}))]},
    "Record": _obj(["id", "collection", "title", "text", "footnotes", "references",
                    "redactions", "persons", "terms"],
                   id={"type": "string"}, collection={"type": "string"},
                   title={"type": "string"}, text={"type": "string"},
                   date=_NULLABLE_STR, footnotes=_array(_obj(["n", "text"])),
                   references=_array(_obj(["text", "target"])),
                   redactions=_array(_obj(["text", "extent"])),
                   persons=_array({"type": "object"}), terms=_array({"type": "object"})),
    "Search": _obj(["q", "sort", "offset", "limit", "total", "results", "facets", "years",
                    "error"],
                   q={"type": "string"}, sort={"type": "string"},
                   offset={"type": "integer"}, limit={"type": "integer"},
                   total={"type": "integer"},
                   results=_array(_obj(["id", "title", "date", "snippet", "url"],
                                       id={"type": "string"}, snippet={"type": "string"},
                                       url={"type": "string"},
                                       score={"type": ["number", "null"]})),
                   facets={"type": "object", "additionalProperties": _array(
                       _obj(["value", "count", "url"], count={"type": "integer"}))},
                   years=_array(_obj(["year", "documents", "url"])),
                   error={"type": "null"}),
    "People": _obj(["q", "total", "offset", "people"], total={"type": "integer"},
                   people=_array(_obj(["id", "name", "collection", "url"]))),
    "Person": {"anyOf": [{"$ref": "#/components/schemas/VolumePerson"},
                         {"$ref": "#/components/schemas/RegisterPerson"}]},
    "VolumePerson": _obj(["id", "name", "collection", "same_name", "mentions", "roles",
                          "correspondents"], id={"type": "string"}, name={"type": "string"},
                         mentions=_obj(["query", "total", "documents"])),
    "RegisterPerson": _obj(
        ["id", "name", "names", "appointments", "sent", "received", "mentioned",
         "correspondents", "co_mentioned", "url"],
        id={"type": "string"}, name={"type": "string"}, names=_array({"type": "string"}),
        appointments=_array(_obj(["role", "post", "start", "end"])),
        **{k: _obj(["total", "documents"], total={"type": "integer"},
                   documents=_array(_LISTED)) for k in ("sent", "received", "mentioned")},
        correspondents=_array(_obj(["name", "id", "url", "to", "from"])),
        co_mentioned=_array(_obj(["id", "name", "documents", "url"]))),
    "Chronology": _obj(["from", "to", "total", "counts", "days", "truncated", "documents"],
                       **_PERIOD, total={"type": "integer"},
                       counts=_array(_obj(["period", "documents", "inferred"])),
                       days=_array(_obj(["date", "documents"], documents=_array(_obj(
                           ["id", "day", "time", "inferred", "title", "url"]))))),
    "Network": _obj(["from", "to", "by", "nodes", "edges", "documents", "correspondents"],
                    **_PERIOD, by={"type": "string", "enum": ["post", "person"]},
                    nodes=_array(_obj(["name", "documents", "url"])),
                    edges=_array(_obj(["from", "to", "documents", "by_period"]))),
    "Digest": _obj(["from", "to", "title", "sections", "items", "pages"], **_PERIOD,
                   sections=_array(_obj(["title", "sentences", "documents"], sentences=_array(
                       _obj(["text", "id", "where", "url"])))),
                   items=_array(_obj(["item", "date", "from", "to", "number", "id", "url"])),
                   pages=_array(_obj(["collection", "title", "date_from", "date_to"]))),
}


def _param(name: str, where: str = "query", schema: dict[str, Any] | None = None,
           required: bool = False, description: str = "") -> dict[str, Any]:
    if where == "path" and schema is None:
        schema = {"type": "string", "pattern": f"^{ID.pattern}$"}
    return {"name": name, "in": where, "required": required or where == "path",
            "schema": schema or {"type": "string"}, "description": description}


_ERRORS = {code: {"description": text, "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Error"}}}}
    for code, text in (("400", "A bad parameter or query"), ("404", "Nothing with that id"))}


def _get(summary: str, schema: str, params: list[dict[str, Any]],
         media: str = "application/json") -> dict[str, Any]:
    content = ({"schema": {"$ref": f"#/components/schemas/{schema}"}}
               if media == "application/json" else {"schema": {"type": "string"}})
    return {"get": {"summary": summary, "parameters": params, "responses": {
        "200": {"description": summary, "content": {media: content}}, **_ERRORS}}}


_NUMBER = {"type": "integer", "minimum": 0}
# Empty is allowed: a period form sends its empty fields (the default period then).
_DAY = {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}]}
_PERIOD_PARAMS = [_param("from", schema=_DAY), _param("to", schema=_DAY)]


def openapi_schema() -> dict[str, Any]:
    """The OpenAPI 3.1 document served at /openapi.json."""
    coll, doc = _param("collection", "path"), _param("doc", "path",
                                                     description="d66: the document number")
    paths = {
        "/index.json": _get("Collections, counts, date coverage, documents per year",
                            "Home", []),
        "/collections/{id}.json": _get("A collection's table of contents by chapter",
                                       "Collection", [_param("id", "path")]),
        "/documents/{collection}/{doc}.json": _get(
            "A document with its neighbours, backlinks and citation", "Document", [coll, doc]),
        "/items/{id}.json": _get("A catalog item, with where it is listed and cited", "Item",
                                 [_param("id", "path")]),
        "/search.json": _get("Search in the query language (docs/search.md)", "Search", [
            _param("q", description="the query"),
            _param("sort", schema={"type": "string", "enum": ["relevance", "date"]}),
            _param("offset", schema=_NUMBER, description="results to skip; no upper cap"),
            _param("limit", schema={"type": "integer", "minimum": 0, "maximum": 200})]),
        "/people.json": _get("Persons of the volumes' lists", "People", [
            _param("q"), _param("offset", schema=_NUMBER)]),
        "/people/{id}.json": _get(
            "A person of the register (107327) or of a volume's list (vol:p_X)",
                                  "Person", [_param("id", "path")]),
        "/chronology.json": _get("Documents by day for a period", "Chronology", _PERIOD_PARAMS),
        "/network.json": _get("Who wrote to whom in a period", "Network", [
            *_PERIOD_PARAMS, _param("by", schema={"type": "string",
                                                  "enum": ["post", "person"]})]),
        "/digest.json": _get("The digest of a period", "Digest", _PERIOD_PARAMS),
    }
    for suffix, media in ((".bib", "application/x-bibtex"),
                          (".ris", "application/x-research-info-systems")):
        paths[f"/documents/{{collection}}/{{doc}}{suffix}"] = _get(
            f"The document's citation as {suffix[1:]}", "", [coll, doc], media)
    return {"openapi": "3.1.0",
            "info": {"title": "cablegram", "version": __version__,
                     "description": "The JSON twin of every page: the same data the page "
                                    "shows. Every page also answers `?format=json`."},
            "paths": paths, "components": {"schemas": SCHEMAS}}
