"""Web benchmark: `cablegram serve` under load from wrk, a separate client process.

    python bench/web.py [--db /tmp/web.db] [--duration 60] [--connections 8] [--workers 2]
                        [--out bench/out/web.md]

The archive must exist: `cablegram ingest --db /tmp/web.db /work/shared/corpus/frus`.
1. Starts `python -m cablegram serve --db DB --workers N` on a free port of 127.0.0.1.
2. Writes the paths to request: every document page of the archive (shuffled, fixed seed),
   and search pages (each counts all eight facets and draws the year histogram) over a fixed
   mix of queries, sorts and pages. wrk (Debian's, one thread) requests them in turn.
3. Runs, each for --duration seconds: the baseline, a small static file served by the same
   server (what the stack costs without the archive); the document pages; the searches;
   the cold searches: 900 distinct queries (each of the 25 with a year, 1945-1980), more than
   the 512 a worker's search cache keeps, so every page counts its facets anew.
   Reports requests/s, p50/p99 latency, errors (non-2xx, socket errors), and each mix's
   throughput as a ratio of the baseline. Targets: >= 500 documents/s, >= 150 searches/s,
   p99 < 100 ms, zero errors.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cablegram.archive import Archive  # noqa: E402
from cablegram.web.urls import record_url  # noqa: E402

QUERIES = [
    "berlin", "cuba", "khrushchev", "nuclear test ban", "NATO", '"missile crisis"',
    "laos OR vietnam", "type:telegram", "from:Rusk", "to:Kennedy", "date:1962-10",
    "class:secret berlin", "type:telegram date:1962", "place:Moscow", "oil", "berlin NOT cuba",
    "congo", "israel", "has:redaction", "disarmament", "type:memorandum-of-conversation",
    "collection:frus1961-63v06", "date:1958..1960 germany", "de gaulle", "embassy",
]
LUA = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
"""


@dataclass
class Result:
    name: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: int
    seconds: float


def _ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        raise ValueError(f"unreadable latency {value!r}")
    n, unit = float(m.group(1)), m.group(2)
    return n * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(name: str, out: str) -> Result:
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    # At a line's start: a thread stat such as "86.50%" ends in "50%" too.
    p50 = _ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    m = re.search(r"(\d+) requests in ([\d.]+)(\w+)", out)
    assert m is not None, out
    seconds = _ms(m.group(2) + m.group(3)) / 1000
    errors = 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        errors += int(non2xx.group(1))
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if sock:
        errors += sum(int(g) for g in sock.groups())
    return Result(name, rps, p50, p99, int(m.group(1)), errors, seconds)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cold_searches() -> list[str]:
    """Distinct queries, more than a worker's search cache keeps (512), so none is warm."""
    years = range(1945, 1981)
    return [f"/search?{urlencode({'q': f'{q} date:{y}'})}" for q in QUERIES[:25] for y in years]


def _paths(db: Path) -> tuple[list[str], list[str]]:
    with Archive.open(db, create=False) as archive:
        docs = [record_url(r.id) for c in archive.collections() for r in archive.toc(c.id)]
    rng = random.Random(17)
    rng.shuffle(docs)
    searches = [f"/search?{urlencode({'q': q, **extra})}" for q in QUERIES
                for extra in ({}, {"sort": "date"}, {"offset": "20"}, {"offset": "100"})]
    rng.shuffle(searches)
    return docs, searches


def _wait(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    raise SystemExit("cablegram serve did not start")


def run_wrk(name: str, port: int, paths: list[str], duration: int, connections: int,
            folder: Path) -> Result:
    listing = folder / f"{name}.txt"
    listing.write_text("\n".join(paths) + "\n")
    script = folder / "paths.lua"
    script.write_text(LUA)
    cmd = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-s", str(script),
           f"http://127.0.0.1:{port}"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                         env={**os.environ, "WRK_PATHS": str(listing)}).stdout
    print(out, file=sys.stderr)
    return parse_wrk(name, out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=Path("/tmp/web.db"))
    ap.add_argument("--duration", type=int, default=60)
    ap.add_argument("--baseline-duration", type=int, default=15)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "web.md")
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk")
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no archive (cablegram ingest --db {args.db} CORPUS/frus)")
    docs, searches = _paths(args.db)
    port = _free_port()
    load_before = os.getloadavg()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "cablegram", "serve", "--db", str(args.db),
                             "--port", str(port), "--workers", str(args.workers)], env=env)
    results: list[Result] = []
    try:
        _wait(port, proc)
        time.sleep(3)  # the workers open the archive, compile templates, settle their heap
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            # Warm-up: each worker opens its archive and index.
            run_wrk("warm-up", port, docs[:200] + searches, 5, args.connections, folder)
            results.append(run_wrk("baseline: static file", port, ["/static/site.css"],
                                   args.baseline_duration, args.connections, folder))
            results.append(run_wrk("document pages", port, docs, args.duration,
                                   args.connections, folder))
            results.append(run_wrk("searches with facets", port, searches, args.duration,
                                   args.connections, folder))
            cold = _cold_searches()
            random.Random(17).shuffle(cold)
            results.append(run_wrk(f"searches with facets, cold ({len(cold)} distinct)", port,
                                   cold, args.duration, args.connections, folder))
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    load_after = os.getloadavg()
    base = results[0].requests_per_s
    lines = [
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores; "
        f"{args.workers} server workers, wrk 1 thread, {args.connections} connections; "
        f"{len(docs)} document pages, {len(searches)} search pages in turn; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after.", "",
        "| mix | requests/s | × baseline | p50 ms | p99 ms | requests | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        lines.append(f"| {r.name} | {r.requests_per_s:,.0f} | {r.requests_per_s / base:.2f} | "
                     f"{r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.requests:,} | {r.errors} |")
    text = "\n".join(lines) + "\n"
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    args.out.with_suffix(".json").write_text(json.dumps(
        {"load_before": load_before, "load_after": load_after,
         "results": [asdict(r) for r in results]}, indent=2))


if __name__ == "__main__":
    main()
