"""Reading files in child processes, so that reading and storing use every core.

Each `ReadWorker` starts one child, `python -m cablegram.read_worker [AUTHORITIES]`, sends it
one JSON line [path, format] per file and gets back each file's `archive._Read`, pickled and
length-prefixed; `ReadWorkers` holds several, for as many threads. Given the file of the
authorities (`cablegram.linking.Handoff`), the child waits for it when it first has records
to link, loads it once, and links every record it reads. A child started this way
imports only cablegram, never the caller's main module (as multiprocessing's spawn would):
it is safe whatever program calls it. The child's pickles are trusted as the parent's own:
the parent started it with its own code.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import queue
import struct
import subprocess
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from cablegram.errors import CablegramError

if TYPE_CHECKING:
    from cablegram.archive import _Read
    from cablegram.linking import LinkSetup

_LENGTH = struct.Struct("<Q")


class ReadWorker:
    """One child process that reads files in the order asked; restarted if it dies.

    `link_file`: the authorities to link with (None: records are not linked).
    """

    def __init__(self, link_file: Path | None = None) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self._link_file = link_file

    def _start(self) -> subprocess.Popen[bytes]:
        src = str(Path(__file__).resolve().parents[1])  # the cablegram the parent runs
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
        args = [str(self._link_file)] if self._link_file is not None else []
        return subprocess.Popen([sys.executable, "-m", "cablegram.read_worker", *args],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def start(self) -> subprocess.Popen[bytes]:
        """The child, started unless it runs already."""
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        return self._proc

    def read(self, path: Path, format: str, collection: str | None = None) -> _Read:
        """The file read by the child; a child that dies becomes this file's error."""
        from cablegram.archive import _Read

        proc = self.start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps([str(path), format, collection]).encode() + b"\n")
            proc.stdin.flush()
            head = proc.stdout.read(_LENGTH.size)
            if len(head) == _LENGTH.size:
                (n,) = _LENGTH.unpack(head)
                body = proc.stdout.read(n)
                if len(body) == n:
                    result: _Read = pickle.loads(body)
                    return result
        except OSError:
            pass  # the pipe broke: the child is gone
        code = self.close()
        return _Read([], f"internal error: the reader process ended (exit code {code})")

    def close(self) -> int | None:
        """End the child (its input closed, it leaves its loop); its exit code."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        assert proc.stdin is not None and proc.stdout is not None
        with contextlib.suppress(OSError):  # a broken pipe: the child is gone already
            proc.stdin.close()
        proc.stdout.close()
        return proc.wait()


class ReadWorkers:
    """`n` reader processes, for as many threads: each read takes a free one."""

    def __init__(self, n: int, link_file: Path | None = None) -> None:
        self._free: queue.SimpleQueue[ReadWorker] = queue.SimpleQueue()
        self._all = [ReadWorker(link_file) for _ in range(n)]
        for w in self._all:
            self._free.put(w)
            # Started now: each loads the authorities while the first files are hashed.
            if link_file is not None:
                w.start()

    def read(self, path: Path, format: str, collection: str | None = None) -> _Read:
        worker = self._free.get()
        try:
            return worker.read(path, format, collection)
        finally:
            self._free.put(worker)

    def close(self) -> None:
        for w in self._all:
            w.close()


def serve(inp: IO[bytes], out: IO[bytes], link_file: Path | None = None) -> None:
    """The child's loop: read (and link) each file named on `inp`, write its result to `out`."""
    from cablegram.archive import read_file
    from cablegram.store.sqlite import record_json

    setups: list[LinkSetup | None] = []
    failed: list[str] = []

    def setup() -> LinkSetup | None:
        # Waited for (and made) once, when the first records are there to link: the first
        # file is read while the parent is still loading the authorities.
        if link_file is None:
            return None
        if not setups and not failed:
            from cablegram.linking import wait_for_setup

            try:
                setups.append(wait_for_setup(link_file))
            except Exception as e:
                failed.append(f"the authorities could not be loaded in the reader process: "
                              f"{type(e).__name__}: {e} (run `cablegram link`)")
        if failed:
            raise CablegramError(failed[0])
        return setups[0]

    for line in inp:
        path, format, collection = json.loads(line)
        read = read_file(Path(path), format, setup, collection)
        # The records' JSON is made here: the store, the slower side, then only inserts it.
        read.json = [[record_json(r) for r in b.records] for b in read.batches]
        body = pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_LENGTH.pack(len(body)))
        out.write(body)
        out.flush()


if __name__ == "__main__":
    # The results get the real stdout to themselves; anything a reader prints goes to stderr.
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # The parent gone or interrupted: nothing is left to report to.
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        serve(sys.stdin.buffer, results, Path(sys.argv[1]) if len(sys.argv) > 1 else None)
