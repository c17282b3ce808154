"""The `cablegram` command: thin click commands over `Archive` (parse input, call, format)."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Column, Table
from rich.text import Text

from cablegram import __version__
from cablegram.archive import DEFAULT_DB, Archive, IngestEvent, IngestReport
from cablegram.errors import CablegramError, FetchError
from cablegram.record import RECORD_KEYS, PersonLink, Record


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Group(click.Group):
    """Turns every CablegramError, from any command, into one line on stderr and exit 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CablegramError as e:
            click.echo(f"error: {_one_line(str(e))}", err=True)
            ctx.exit(1)
        except sqlite3.Error as e:
            # A damaged or locked archive file is the user's situation, not a bug to trace.
            click.echo(f"error: the archive database: {_one_line(str(e))}", err=True)
            ctx.exit(1)
        except BrokenPipeError:
            # `cablegram export | head`: the reader went away; that is not an error.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)


def _db_value(ctx: click.Context, param: click.Parameter, value: str) -> Path | str:
    # A URL stays text: as a Path, "postgresql://" would lose a slash.
    from cablegram.store.postgres_select import is_url

    return value if is_url(value) else Path(value)


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", default=DEFAULT_DB, callback=_db_value, metavar="FILE|URL",
        envvar="CABLEGRAM_DB", show_default=True, show_envvar=True,
        help="The archive: a SQLite file, or a postgresql:// URL (docs/deploy.md).",
    )(f)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="cablegram")
def main() -> None:
    """An archive for diplomatic documents: FRUS TEI volumes into one SQLite file."""


# -- ingest ------------------------------------------------------------------------------


def _check_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    from cablegram.readers.registry import reader_names

    names = reader_names()
    if value != "auto" and value not in names:
        raise click.BadParameter(f"{value!r} is not one of auto, {', '.join(names)}")
    return value


class _IngestProgress:
    """A rich progress bar over the bytes of the files being ingested (on stderr)."""

    def __init__(self) -> None:
        console = Console(stderr=True)
        # Only on a terminal: piped or captured stderr keeps exactly the error lines.
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
            TimeRemainingColumn(), console=console, transient=True,
            disable=not console.is_terminal,
        )
        self.task: TaskID | None = None
        self.pages: TaskID | None = None

    def __enter__(self) -> _IngestProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, ev: IngestEvent) -> None:
        if self.task is None:
            self.task = self.progress.add_task("ingest", total=ev.total_bytes)
        label = f"{ev.index}/{ev.total_files} {ev.path.name}"
        self.progress.update(self.task, completed=ev.done_bytes, description=label)

    def page(self, path: Path, done: int, total: int) -> None:
        """A scan's page read (OCR): a bar of its own, over the pages of that file."""
        if self.pages is None:
            self.pages = self.progress.add_task("pages", total=total)
        self.progress.update(self.pages, completed=done, total=total,
                             description=f"OCR {path.name} page {done}/{total}")

    def linking(self, done: int, total: int, collection: str) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=done, total=total,
                                 description=f"link {done}/{total} {collection}")

    def indexing(self, done: int, total: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=done, total=total,
                                 description=f"search index {done}/{total} collections")


def _print_report(report: IngestReport) -> None:
    table = Table(title="Ingest", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    for a in report.authorities:
        table.add_row(f"authorities {a.path.name}", a.status)
    for label, n in (
        ("volumes ingested", report.ingested), ("volumes replaced", report.replaced),
        ("volumes unchanged", report.unchanged),
        ("volumes failed", report.failed - sum(a.status == "failed" for a in report.authorities)),
        ("documents", report.documents), ("warnings", len(report.warnings)),
        ("errors", len(report.errors)),
    ):
        table.add_row(label, str(n))
    if report.linked is not None:
        table.add_row("collections linked again", str(len(report.linked.collections)))
    Console(highlight=False).print(table)
    # Plain echo, not rich: rich wraps long lines, and each of these must stay one line.
    for w in report.warnings:
        click.echo(f"warning: {_one_line(w)}", err=True)
    for path, reason in report.errors:
        click.echo(f"{path}: {_one_line(reason)}", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...",
                type=click.Path(path_type=Path))
@db_option
@click.option("--format", "fmt", default="auto", show_default=True, callback=_check_format,
              help="The input format: auto (detected from each file's content), scan, tei, "
                   "hsg-html, frus-html, hsg-text, frus-2001, frus-text or catalog.")
@click.option("--collection", "collection", default=None, metavar="ID",
              help="The volume id (frus1969-76v15) for text and HTML pages that name none: "
                   "no history.state.gov URL, no title block, no volume in the file name.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--read-ahead", type=click.Choice(["process", "thread", "off"]),
              default="process", show_default=True,
              help="Where the next files are read while one is stored: reader processes "
                   "(fastest on 2+ cores), a thread, or nowhere.")
def ingest(paths: tuple[Path, ...], db: Path, fmt: str, collection: str | None,
           as_json: bool, read_ahead: str) -> None:
    """Read files and folders (*.xml, *.xml.gz, *.txt, *.htm, *.html, and scans: *.pdf,
    *.png, *.tif, *.tiff, *.jpg, *.jpeg) into the archive; the people register and pocom
    folders are stored first, and records are linked."""
    with Archive.open(db) as archive, _IngestProgress() as progress:
        report = archive.ingest(paths, format=fmt, on_progress=progress.update,
                                read_ahead=read_ahead, on_index=progress.indexing,
                                collection=collection, on_page=progress.page,
                                on_link=progress.linking)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        for path, reason in report.errors:
            click.echo(f"{path}: {_one_line(reason)}", err=True)
    else:
        _print_report(report)
    if report.failed:
        sys.exit(1)


# -- show --------------------------------------------------------------------------------


def _person_line(p: PersonLink) -> str:
    who = f"{p.name} [{p.id}]" if p.id else (
        f"{p.name} [unresolved: {', '.join(p.candidates)}]" if p.candidates
        else f"{p.name} [unresolved]")
    return f"{who} {p.how} ×{len(p.mentions)}"


def _render(record: Record) -> Panel:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    d = record.to_dict()
    for key in ("id", "doc_type", "from", "to", "place", "date", "time", "date_not_before",
                "date_not_after", "classification", "handling", "telegram_number"):
        v = d[key]
        if v not in (None, "", []):
            grid.add_row(key, Text(", ".join(v) if isinstance(v, list) else str(v)))
    src = {k: v for k, v in d["source"].items() if v}
    for k, v in src.items():
        grid.add_row(f"source.{k}", Text(str(v)))
    if record.signers:
        grid.add_row("signers", Text("; ".join(
            s.name + (f" ({s.title})" if s.title else "") for s in record.signers)))
    if record.flags:
        grid.add_row("flags", Text(", ".join(record.flags)))
    if record.persons:
        grid.add_row("persons", Text("; ".join(_person_line(p) for p in record.persons)))
    if record.terms:
        grid.add_row("terms", Text("; ".join(
            f"{t.term} = {t.expansion} ×{len(t.mentions)}" for t in record.terms)))
    parts: list[Any] = [grid]
    if record.source_note:
        parts += [Text(""), Text(record.source_note, style="italic")]
    parts += [Text(""), Text(record.text)]
    for fn in record.footnotes:
        parts.append(Text(f"[{fn.n}] ", style="dim") + Text(fn.text, style="dim"))
    if record.references:
        parts.append(Text("references: " + "; ".join(
            r.text + (f" → {r.target}" if r.target else "") for r in record.references),
            style="dim"))
    title = Text(f"{record.number}. " if record.number else "") + Text(record.title)
    return Panel(Group(*parts), title=title, title_align="left")


@main.command()
@click.argument("id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
def show(id: str, db: Path, as_json: bool) -> None:
    """Show one record by id (like frus1961-63v06/d66)."""
    with Archive.open(db, create=False) as archive:
        record = archive.get(id)
    if as_json:
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
    else:
        Console(highlight=False).print(_render(record))


# -- export ------------------------------------------------------------------------------


def _csv_cell(value: Any) -> str:
    # Scalars as they are; a list of strings joined by "; "; anything nested as JSON.
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return str(value)


def _export(archive: Archive, fmt: str, collection: str | None, out: TextIO) -> int:
    n = 0
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(RECORD_KEYS)
        for record in archive.records(collection):
            d = record.to_dict()
            writer.writerow([_csv_cell(d[k]) for k in RECORD_KEYS])
            n += 1
    else:
        # The stored JSON is already the record's JSON: written as is, never re-encoded.
        for raw in archive.records_json(collection):
            out.write(raw + "\n")
            n += 1
    return n


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "frus-text"]),
              default="jsonl", show_default=True,
              help="jsonl: one record per line; csv: one row per record; frus-text: one "
                   "collection in the plain-text layout of documentary editions.")
@click.option("--collection", metavar="ID", help="Only the records of this collection.")
def export(db: Path, fmt: str, collection: str | None) -> None:
    """Write every record (or one collection's) to stdout."""
    if fmt == "frus-text" and not collection:
        raise click.UsageError("--format frus-text needs --collection ID")
    with Archive.open(db, create=False) as archive:
        if fmt == "frus-text":
            from cablegram.export.frus_text import export_collection

            export_collection(archive, collection or "", sys.stdout)
        else:
            _export(archive, fmt, collection, sys.stdout)
        sys.stdout.flush()


# -- stats -------------------------------------------------------------------------------


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def stats(db: Path, as_json: bool) -> None:
    """Counts: collections, documents, by collection, by type, years, warnings."""
    with Archive.open(db, create=False) as archive:
        s = archive.stats()
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    years = s["years"]
    summary = Table(title="Archive", show_header=False)
    summary.add_column("what")
    summary.add_column("value", justify="right")
    summary.add_row("collections", str(s["collections"]))
    summary.add_row("documents", str(s["documents"]))
    summary.add_row("years", f"{years['min']}–{years['max']}" if years["min"] else "—")
    summary.add_row("dated documents", str(years["dated"]))
    summary.add_row("warnings", str(s["warnings"]))
    people = s.get("people") or {}
    if people:
        summary.add_row("register persons", str(people["register_persons"]))
        summary.add_row("appointments", str(people["appointments"]))
        summary.add_row("persons linked", f"{people['linked_persons']} in "
                        f"{people['person_links']} person-document links")
        if people["collections_unlinked"]:
            summary.add_row("collections to link", f"{people['collections_unlinked']} "
                            "(run `cablegram link`)")
    index = s["search_index"]
    summary.add_row("search index", f"{index['documents']} documents"
                    + (f", {index['collections_waiting']} collections to index at the next "
                       "search" if index["collections_waiting"] else ""))
    console.print(summary)
    types = Table("doc_type", "documents", title="By document type")
    types.columns[1].justify = "right"
    for t, n in s["by_doc_type"].items():
        types.add_row(Text(t), str(n))
    console.print(types)
    cols = Table("collection", "title", "documents", title="By collection")
    cols.columns[2].justify = "right"
    for c in s["by_collection"]:
        cols.add_row(c["id"], Text(c["title"]), str(c["documents"]))
    console.print(cols)


# -- fetch -------------------------------------------------------------------------------


@main.command()
@click.argument("volumes", nargs=-1, required=True, metavar="VOLUME-ID...")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to save VOLUME-ID.xml in.")
def fetch(volumes: tuple[str, ...], dest: Path) -> None:
    """Download FRUS volumes (TEI) from HistoryAtState/frus; resumes and verifies."""
    from cablegram.fetch import fetch_volume

    failed = 0
    console = Console(stderr=True)
    for volume in volumes:
        progress = Progress(TextColumn(volume), BarColumn(), DownloadColumn(),
                            TimeRemainingColumn(), console=console, transient=True,
                            disable=not console.is_terminal)
        task = progress.add_task(volume, total=None)

        def update(done: int, total: int | None, task: TaskID = task,
                   progress: Progress = progress) -> None:
            progress.update(task, completed=done, total=total)

        try:
            with progress:
                result = fetch_volume(volume, dest, on_progress=update)
        except FetchError as e:
            click.echo(f"error: {_one_line(str(e))}", err=True)
            failed += 1
            continue
        click.echo(f"{volume}: {result.status} {result.path} ({result.bytes} bytes)")
    if failed:
        sys.exit(1)


# -- commands added by other layers (each one delimited block) ----------------------------


# -- search (search helper) ----------------------------------------------------------------


def _search_text(out: dict[str, Any], offset: int) -> Group:
    # Matches come marked « »; on a terminal they are shown in bold instead.
    total = out["total"]
    rows: list[Any] = [Text(f"{total} document{'' if total == 1 else 's'}" + (
        f", {offset + 1}–{offset + len(out['results'])} shown" if out["results"] else ""))]
    for r in out["results"]:
        rows.append(Text.assemble((r["id"], "cyan"), "  ", r["date"] or "undated", "  ",
                                  (r["title"], "bold")))
        snippet = Text("    ")
        for i, part in enumerate(r["snippet"].replace("»", "«").split("«")):
            snippet.append(part, style="bold yellow" if i % 2 else "")
        rows.append(snippet)
    for name, values in out["facets"].items():
        # A persons facet value is [id, count, name].
        shown = ", ".join(
            f"{'—' if v[0] is None else v[0]}"
            + (f" {v[2]}" if len(v) > 2 and v[2] else "") + f" ({v[1]})" for v in values)
        rows.append(Text.assemble((f"{name}: ", "bold"), shown or "—"))
    return Group(*rows)


@main.command()
@click.argument("query")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Results to return (any number).")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Results to skip (pagination).")
@click.option("--facets", "with_facets", is_flag=True,
              help="Count the results by year, collection, doc_type, classification, from, "
                   "to, place and persons.")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance",
              show_default=True, help="Order of the results.")
def search(query: str, db: Path, as_json: bool, limit: int, offset: int, with_facets: bool,
           sort: str) -> None:
    """Search the archive: words, "phrases", fields, dates (see docs/search.md)."""
    from cablegram.errors import QueryError
    from cablegram.search.facets import ALL_FACETS

    with Archive.open(db, create=False) as archive:
        try:
            out = archive.search(query, facets=ALL_FACETS if with_facets else None, sort=sort,
                                 limit=limit, offset=offset)
        except QueryError as e:
            click.echo(f"query error at position {e.pos}: {_one_line(e.reason)}", err=True)
            sys.exit(2)
    if as_json:
        click.echo(json.dumps(out, ensure_ascii=False))
    else:
        Console(highlight=False).print(_search_text(out, offset))

# -- end search ----------------------------------------------------------------------------


# -- people --------------------------------------------------------------------------------


@main.command()
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Link every collection, not only those whose records or authorities "
                   "changed since they were last linked.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def link(db: Path, everything: bool, as_json: bool) -> None:
    """Link the archive's records to persons and terms again (incrementally)."""
    console = Console(stderr=True)
    progress = Progress(TextColumn("{task.description}"), BarColumn(),
                        TextColumn("{task.completed}/{task.total}"), TimeRemainingColumn(),
                        console=console, transient=True, disable=not console.is_terminal)
    task = progress.add_task("link", total=None)

    def update(done: int, total: int, collection: str) -> None:
        progress.update(task, completed=done, total=total, description=collection)

    with Archive.open(db, create=False) as archive, progress:
        report = archive.link(everything=everything, on_progress=update)
        progress.update(task, description="search index")
        archive.sync_index()
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(f"{len(report.collections)} collections, {report.documents} documents "
                   "linked")
    for w in report.warnings:
        click.echo(f"warning: {_one_line(w)}", err=True)


def _docs_table(title: str, docs: list[Any]) -> Table:
    table = Table("id", "date", "title", title=f"{title} ({len(docs)})")
    for d in docs:
        table.add_row(d.id, d.date or "undated", Text(d.title))
    return table


@main.command()
@click.argument("name_or_id", metavar="NAME-OR-ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the person as JSON.")
def person(name_or_id: str, db: Path, as_json: bool) -> None:
    """One person: names, appointments, documents sent, received and mentioned."""
    with Archive.open(db, create=False) as archive:
        found = archive.person(name_or_id)
    if as_json:
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    life = f" ({found.birth or '?'}–{found.death or ''})" if found.birth or found.death else ""
    console.print(Text(f"{found.name} [{found.id}]{life}", style="bold"))
    others = [n for n in found.names if n != found.name]
    if others:
        console.print(Text("also: " + "; ".join(others)))
    roles = Table("role", "post", "from", "to", title="Appointments")
    for a in found.appointments:
        roles.add_row(a["role"] or "", a["post"] or "", a["start"] or "", a["end"] or "")
    if found.appointments:
        console.print(roles)
    for title, docs in (("Sent", found.sent), ("Received", found.received),
                        ("Mentioned", found.mentioned)):
        console.print(_docs_table(title, docs))
    co = Table("id", "name", "documents", title="Named in the same documents")
    for pid, name, n in found.co_mentioned:
        co.add_row(pid, Text(name), str(n))
    console.print(co)

# -- history: chronology, network, refs, cited-not-printed, sequences, digest ---------------


def _history_ready(archive: Archive) -> None:
    """Make the history tables if the documents changed, with a progress bar (~15 s/corpus)."""
    console = Console(stderr=True)
    progress = Progress(TextColumn("history tables"), BarColumn(),
                        TextColumn("{task.completed} documents read"), console=console,
                        transient=True, disable=not console.is_terminal)
    task = progress.add_task("history", total=None)
    with progress:
        archive.sync_history(on_progress=lambda n: progress.update(task, completed=n))


def _range_options(f: Callable[..., Any]) -> Callable[..., Any]:
    f = click.option("--collection", metavar="ID", help="Only this collection's documents.")(f)
    f = click.option("--to", "hi", required=True, metavar="DATE",
                     help="Last day (YYYY-MM-DD, YYYY-MM or YYYY).")(f)
    return click.option("--from", "lo", required=True, metavar="DATE",
                        help="First day (YYYY-MM-DD, YYYY-MM or YYYY).")(f)


_PERIOD = click.option("--period", type=click.Choice(["day", "week", "month", "year"]),
                       default=None, help="Count per day, week, month or year.")


@main.command()
@_range_options
@db_option
@_PERIOD
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="List only the first N documents (the counts cover them all).")
@click.option("--json", "as_json", is_flag=True, help="Print the chronology as JSON.")
def chronology(lo: str, hi: str, collection: str | None, db: Path, period: str | None,
               limit: int | None, as_json: bool) -> None:
    """Documents of a date range in time order, across collections, with counts."""
    with Archive.open(db, create=False) as archive:
        _history_ready(archive)
        out = archive.chronology(lo, hi, collection, period or "day", limit)
    if as_json:
        click.echo(json.dumps(out.as_dict(), ensure_ascii=False))
        return
    table = Table("day", "time", "from", "to", "title", box=None)
    table.columns.insert(2, Column("id", no_wrap=True))
    for e in out.entries:
        day = f"{e.day or '—'}{' ~' if e.inferred else ''}"
        table.add_row(day, e.time or "", e.id, Text(e.sender or ""), Text(e.recipient or ""),
                      Text(e.title))
    console = Console(highlight=False)
    console.print(table)
    console.print(", ".join(f"{b}: {n}" for b, n, _ in out.counts) or "no documents")
    console.print(f"{out.total} documents ({sum(i for *_, i in out.counts)} placed by range, ~)")


@main.command()
@_range_options
@db_option
@click.option("--by", type=click.Choice(["post", "person"]), default="post", show_default=True,
              help="Nodes: posts (normalised), or persons linked in the documents.")
@_PERIOD
@click.option("--format", "fmt", type=click.Choice(["table", "json", "graphml"]),
              default="table", show_default=True, help="Output: a table, JSON or GraphML.")
def network(lo: str, hi: str, collection: str | None, db: Path, by: str, period: str | None,
            fmt: str) -> None:
    """Who wrote to whom in a date range: edges sender -> recipient, counted per period."""
    with Archive.open(db, create=False) as archive:
        _history_ready(archive)
        out = archive.network(lo, hi, by, collection, period or "month")
    if fmt == "json":
        click.echo(json.dumps(out.as_dict(), ensure_ascii=False))
    elif fmt == "graphml":
        click.echo(out.graphml(), nl=False)
    else:
        table = Table("from", "to", "documents", "per period", box=None)
        for e in out.edges:
            table.add_row(Text(e.source), Text(e.target), str(e.documents),
                          ", ".join(f"{p}: {n}" for p, n in e.by_period.items()))
        Console(highlight=False).print(table)


@main.command()
@db_option
@click.option("--unresolved", is_flag=True, help="Only references that did not resolve.")
@click.option("--kind", type=click.Choice(["document", "telegram"]), default=None,
              help="Only document or telegram references.")
@click.option("--id", "doc_id", metavar="ID", help="Only the references in this document.")
@click.option("--backlinks", metavar="ID", help="The references that point to this document.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def refs(db: Path, unresolved: bool, kind: str | None, doc_id: str | None,
         backlinks: str | None, as_json: bool) -> None:
    """References between documents: resolved targets, or why not (with candidates)."""
    with Archive.open(db, create=False) as archive:
        _history_ready(archive)
        if backlinks is not None:
            rows = archive.backlinks(backlinks)
        else:
            rows = archive.refs(status="unresolved" if unresolved else None, kind=kind,
                                src_id=doc_id)
    for r in rows:
        if as_json:
            click.echo(json.dumps(r._asdict(), ensure_ascii=False))
        else:
            what = r.target_id or f"unresolved: {r.reason}" + (
                f" ({', '.join(r.candidates)})" if r.candidates else "")
            click.echo(f"{r.src_id}\t{r.location}\t{_one_line(r.text)}\t{what}")


@main.command("cited-not-printed")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def cited_not_printed(db: Path, as_json: bool) -> None:
    """Telegrams and documents cited in the archive and absent from it, by post and year."""
    with Archive.open(db, create=False) as archive:
        _history_ready(archive)
        items = archive.cited_not_printed()
    for i in items:
        if as_json:
            click.echo(json.dumps(i.as_dict(), ensure_ascii=False))
        else:
            bounds = f"{i.date_lo or '?'}..{i.date_hi or '?'}"
            click.echo(f"{i.kind}\t{i.group}\t{i.year}\t{i.number}\t{bounds}\t"
                       f"{', '.join(i.cited_by)}")


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines.")
def sequences(db: Path, as_json: bool) -> None:
    """Telegram numbers per sender, recipient and numbering year: gaps, numbers backwards."""
    with Archive.open(db, create=False) as archive:
        _history_ready(archive)
        series = archive.number_sequences()
    for s in series:
        if as_json:
            click.echo(json.dumps(s.as_dict(), ensure_ascii=False))
        else:
            first, last = s.held[0].number, s.held[-1].number
            click.echo(f"{s.sender} -> {s.recipient}\t{s.year}\t{len(s.held)} held "
                       f"({first}-{last})\t{len(s.gaps)} gaps\t"
                       f"backwards: {', '.join(s.backwards) or '-'}")


@main.command()
@_range_options
@db_option
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md",
              show_default=True, help="Output: Markdown, HTML or JSON.")
def digest(lo: str, hi: str, collection: str | None, db: Path, fmt: str) -> None:
    """A digest page of a date range: themed sentences quoted from the documents, each
    citing its document, and the item table of every document of the range."""
    with Archive.open(db, create=False) as archive:
        _history_ready(archive)
        page = archive.digest(lo, hi, collection)
    if fmt == "json":
        click.echo(json.dumps(page.as_dict(), ensure_ascii=False))
    else:
        click.echo(page.markdown() if fmt == "md" else page.html(), nl=False)

# -- end history ---------------------------------------------------------------------------


# -- serve (web helper) --------------------------------------------------------------------


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes (one per core serves the most requests).")
def serve(db: Path, host: str, port: int, workers: int) -> None:
    """Serve the archive read-only in a browser, every page with a JSON twin (docs/web.md)."""
    import uvicorn

    with Archive.open(db, create=False) as archive:
        # The index and the history tables catch up once, here, so that no worker writes
        # while serving.
        archive.sync_index()
        archive.sync_history()
    os.environ["CABLEGRAM_DB"] = str(db)
    uvicorn.run("cablegram.web.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level="warning", access_log=False)

# -- end serve -----------------------------------------------------------------------------


# -- copy ----------------------------------------------------------------------------------


@main.command()
@click.option("--from", "source", required=True, metavar="FILE|URL", callback=_db_value,
              help="The archive to copy: a SQLite file or a postgresql:// URL.")
@click.option("--to", "target", required=True, metavar="FILE|URL", callback=_db_value,
              help="An empty (or new) archive to copy into.")
def copy(source: Path | str, target: Path | str) -> None:
    """Copy an archive from one store to another (SQLite and PostgreSQL, either way)."""
    progress = Progress(TextColumn("copy {task.description}"), BarColumn(),
                        console=Console(stderr=True), transient=True)
    task = progress.add_task("", total=None)

    def update(done: int, total: int, collection: str) -> None:
        progress.update(task, completed=done, total=total, description=collection)

    with Archive.open(source, create=False) as src, Archive.open(target) as dst, progress:
        report = src.copy_to(dst, update)
    click.echo(f"copied {report.collections} collections, {report.documents} documents "
               f"(sha256 {report.sha256[:16]}, the same on both)")
