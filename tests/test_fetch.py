"""Fetching volumes, against a real HTTP server on 127.0.0.1 (Range support switchable)."""

from __future__ import annotations

import gzip
import os
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablegram.cli import main
from cablegram.errors import FetchError
from cablegram.fetch import fetch_volume, verify_volume

FIXTURE = Path(__file__).parent / "fixtures" / "store" / "frustest01.xml"
CORPUS = Path(os.environ.get("CABLEGRAM_CORPUS", Path(__file__).parents[2] / "shared" / "corpus"))


@dataclass
class Site:
    """What the test server serves and how it behaves."""

    files: dict[str, bytes] = field(default_factory=dict)
    ranges: bool = True
    cut_after: int | None = None  # drop the connection after this many body bytes, once
    requests: list[dict[str, str]] = field(default_factory=list)
    url: str = ""


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            site.requests.append({k.lower(): v for k, v in self.headers.items()})
            body = site.files.get(self.path.lstrip("/"))
            if body is None:
                self.send_error(404)
                return
            start = 0
            m = re.match(r"bytes=(\d+)-$", self.headers.get("Range", ""))
            if m and site.ranges:
                start = int(m.group(1))
                if start >= len(body):
                    self.send_response(416)
                    self.send_header("Content-Range", f"bytes */{len(body)}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
            else:
                self.send_response(200)
            self.send_header("Content-Length", str(len(body) - start))
            self.end_headers()
            chunk = body[start:]
            if site.cut_after is not None:
                chunk, site.cut_after = chunk[: site.cut_after], None
                self.wfile.write(chunk)
                self.close_connection = True
                return
            self.wfile.write(chunk)

    return Handler


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    s = Site(files={"frustest01.xml": FIXTURE.read_bytes()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.url = f"http://127.0.0.1:{server.server_address[1]}/volumes"
    s.files = {f"volumes/{k}": v for k, v in s.files.items()}
    monkeypatch.setenv("CABLEGRAM_FETCH_URL", s.url)
    try:
        yield s
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_download(site: Site, tmp_path: Path) -> None:
    result = fetch_volume("frustest01", tmp_path)
    assert result.status == "downloaded"
    assert (tmp_path / "frustest01.xml").read_bytes() == FIXTURE.read_bytes()
    assert not (tmp_path / "frustest01.xml.part").exists()
    assert site.requests[0]["accept-encoding"] == "identity"
    # Present and valid: kept, not downloaded again.
    assert fetch_volume("frustest01", tmp_path).status == "present"
    assert len(site.requests) == 1


def test_resume_after_a_broken_download(site: Site, tmp_path: Path) -> None:
    site.cut_after = 1000
    with pytest.raises(FetchError, match=r"broke off.*resume"):
        fetch_volume("frustest01", tmp_path)
    assert (tmp_path / "frustest01.xml.part").stat().st_size == 1000
    result = fetch_volume("frustest01", tmp_path)
    assert result.status == "resumed"
    assert site.requests[-1]["range"] == "bytes=1000-"
    assert (tmp_path / "frustest01.xml").read_bytes() == FIXTURE.read_bytes()


def test_resume_from_a_part_file_when_the_server_ignores_ranges(site: Site,
                                                                tmp_path: Path) -> None:
    site.ranges = False
    (tmp_path / "frustest01.xml.part").write_bytes(b"garbage that the full answer replaces")
    result = fetch_volume("frustest01", tmp_path)
    assert result.status == "downloaded"
    assert (tmp_path / "frustest01.xml").read_bytes() == FIXTURE.read_bytes()


def test_part_file_as_long_as_the_volume(site: Site, tmp_path: Path) -> None:
    (tmp_path / "frustest01.xml.part").write_bytes(FIXTURE.read_bytes() + b"extra")
    assert fetch_volume("frustest01", tmp_path).status == "downloaded"
    assert (tmp_path / "frustest01.xml").read_bytes() == FIXTURE.read_bytes()


def test_404(site: Site, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=r"frusnone: no such volume at .*frusnone\.xml.*404"):
        fetch_volume("frusnone", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_refused_connection(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port that nobody listens on once this socket closes
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match=r"cannot connect.*offline"):
        fetch_volume("frustest01", tmp_path, base=f"http://127.0.0.1:{port}/volumes")


def test_wrong_volume_is_refused_and_not_kept(site: Site, tmp_path: Path) -> None:
    site.files["volumes/frustest02.xml"] = FIXTURE.read_bytes()  # idno says frustest01
    with pytest.raises(FetchError, match="'frustest01', not 'frustest02'"):
        fetch_volume("frustest02", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_not_xml_is_refused(site: Site, tmp_path: Path) -> None:
    site.files["volumes/frustest03.xml"] = b"<html><body>Rate limited</body>"
    with pytest.raises(FetchError, match="not well-formed"):
        fetch_volume("frustest03", tmp_path)


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/b", "", "x y", ".hidden"])
def test_volume_ids_that_could_escape_are_refused(bad: str, tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="not a volume id"):
        fetch_volume(bad, tmp_path, base="http://127.0.0.1:9/")


def test_verify_accepts_repeated_xml_ids(tmp_path: Path) -> None:
    p = tmp_path / "frustest01.xml"
    p.write_text(FIXTURE.read_text().replace('xml:id="d2"', 'xml:id="d1"'))
    verify_volume(p, "frustest01")


def test_cli_fetch(site: Site, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fetch", "frustest01", "frusnone", "--dest",
                                       str(tmp_path / "vols")])
    assert result.exit_code == 1
    assert "frustest01: downloaded" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and errors[0].startswith("error: frusnone: no such volume")
    assert (tmp_path / "vols" / "frustest01.xml").exists()


@pytest.mark.corpus
def test_fetch_a_real_volume(site: Site, tmp_path: Path) -> None:
    src = CORPUS / "frus" / "frus1917-72PubDip.xml.gz"
    if not src.exists():
        pytest.skip("corpus not found (CABLEGRAM_CORPUS)")
    data = gzip.decompress(src.read_bytes())
    site.files["volumes/frus1917-72PubDip.xml"] = data
    site.cut_after = len(data) // 2
    with pytest.raises(FetchError):
        fetch_volume("frus1917-72PubDip", tmp_path)
    result = fetch_volume("frus1917-72PubDip", tmp_path)
    assert result.status == "resumed" and result.bytes == len(data)
