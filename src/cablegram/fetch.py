"""Download FRUS volumes from the Office of the Historian's public TEI repository.

The download streams to `ID.xml.part`, resumes from it with a Range request, is verified
(length, and a streaming parse that finds the volume's own id), then renamed into place.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from lxml import etree

from cablegram.errors import FetchError

DEFAULT_BASE_URL = "https://raw.githubusercontent.com/HistoryAtState/frus/master/volumes"
TEI_NS = "http://www.tei-c.org/ns/1.0"
_VOLUME_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_CHUNK = 1 << 16

ProgressCallback = Callable[[int, int | None], None]  # (bytes on disk, total or None)


@dataclass(slots=True)
class FetchResult:
    volume: str
    path: Path
    bytes: int
    status: str  # downloaded | resumed | present


def base_url() -> str:
    """`CABLEGRAM_FETCH_URL`, else the HistoryAtState/frus volumes folder on GitHub."""
    return (os.environ.get("CABLEGRAM_FETCH_URL") or DEFAULT_BASE_URL).rstrip("/")


def check_volume_id(volume: str) -> str:
    # The id becomes a URL path segment and a file name: nothing that could escape either.
    if not _VOLUME_ID.match(volume):
        raise FetchError(f"{volume!r}: not a volume id (like frus1961-63v06)")
    return volume


def verify_volume(path: Path, volume: str) -> None:
    """Raise FetchError unless `path` is well-formed TEI whose `idno type="frus"` is `volume`."""
    # A pull parser with collect_ids off: three real volumes repeat an xml:id, which
    # iterparse treats as fatal. Entities are never resolved, DTDs never loaded.
    parser = etree.XMLPullParser(
        events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
        collect_ids=False, huge_tree=False,
    )
    root_tag: str | None = None
    idno: str | None = None
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                parser.feed(chunk)
                for event, el in parser.read_events():
                    if not isinstance(el, etree._Element):
                        continue
                    if root_tag is None:
                        root_tag = str(el.tag)
                    if event == "end":
                        if el.tag == f"{{{TEI_NS}}}idno" and el.get("type") == "frus":
                            idno = (el.text or "").strip()
                        el.clear()
        parser.close()
    except etree.XMLSyntaxError as e:
        raise FetchError(f"{volume}: the download is not well-formed XML: {e}") from None
    except OSError as e:
        raise FetchError(f"{volume}: cannot read {path}: {e}") from None
    if root_tag != f"{{{TEI_NS}}}TEI":
        raise FetchError(f"{volume}: the download is not a TEI document (root {root_tag})")
    if idno != volume:
        raise FetchError(f"{volume}: the download is volume {idno!r}, not {volume!r}")


def _reason(e: Exception) -> str:
    return str(e) or type(e).__name__


def _total_from(response: httpx.Response, offset: int) -> int | None:
    if response.status_code == 206:
        # Content-Range: bytes START-END/TOTAL
        m = re.match(r"bytes (\d+)-(\d+)/(\d+|\*)", response.headers.get("content-range", ""))
        if not m or int(m.group(1)) != offset:
            return -1
        return int(m.group(3)) if m.group(3) != "*" else None
    length = response.headers.get("content-length")
    return int(length) if length and length.isdigit() else None


def fetch_volume(volume: str, dest: Path, *, client: httpx.Client | None = None,
                 base: str | None = None,
                 on_progress: ProgressCallback | None = None) -> FetchResult:
    """Download one volume to `dest/VOLUME.xml` (kept as is when present and valid)."""
    check_volume_id(volume)
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / f"{volume}.xml"
    if target.exists():
        verify_volume(target, volume)
        return FetchResult(volume, target, target.stat().st_size, "present")
    url = f"{base or base_url()}/{volume}.xml"
    part = dest / f"{volume}.xml.part"
    own_client = client is None
    http = client or httpx.Client(timeout=httpx.Timeout(30.0, connect=10.0),
                                  follow_redirects=True)
    try:
        status = _download(http, url, part, volume, on_progress)
    finally:
        if own_client:
            http.close()
    try:
        verify_volume(part, volume)
    except FetchError:
        # What is there is wrong, not merely short: the next attempt starts afresh.
        part.unlink(missing_ok=True)
        raise
    os.replace(part, target)
    return FetchResult(volume, target, target.stat().st_size, status)


def _download(http: httpx.Client, url: str, part: Path, volume: str,
              on_progress: ProgressCallback | None) -> str:
    offset = part.stat().st_size if part.exists() else 0
    # identity: Content-Length and Range then count the bytes we store.
    headers = {"Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    try:
        with http.stream("GET", url, headers=headers) as r:
            if r.status_code == 416 and offset:
                # The .part is as long as the file, or longer: start again.
                part.unlink()
                return _download(http, url, part, volume, on_progress)
            if r.status_code == 404:
                raise FetchError(f"{volume}: no such volume at {url} (HTTP 404)")
            if r.status_code not in (200, 206):
                raise FetchError(f"{volume}: HTTP {r.status_code} from {url}")
            total = _total_from(r, offset)
            if total == -1:
                raise FetchError(f"{volume}: the server answered the wrong range from {url}")
            resumed = r.status_code == 206
            if not resumed:
                offset = 0  # the server sent the whole file
            with part.open("ab" if resumed else "wb") as out:
                done = offset
                if on_progress:
                    on_progress(done, total)
                for chunk in r.iter_raw():  # unchunked: every byte received is kept
                    out.write(chunk)
                    done += len(chunk)
                    if on_progress:
                        on_progress(done, total)
    except (httpx.ConnectError, httpx.ConnectTimeout) as e:
        raise FetchError(f"{volume}: cannot connect to {url} (offline?): {_reason(e)}") from None
    except httpx.TimeoutException as e:
        raise FetchError(
            f"{volume}: {url} timed out: {_reason(e)}; run fetch again to resume"
        ) from None
    except httpx.TransportError as e:
        raise FetchError(
            f"{volume}: the download from {url} broke off: {_reason(e)}; run fetch again to resume"
        ) from None
    size = part.stat().st_size
    if total is not None and size != total:
        raise FetchError(
            f"{volume}: incomplete download ({size} of {total} bytes); run fetch again to resume"
        )
    return "resumed" if resumed else "downloaded"
