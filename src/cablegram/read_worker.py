"""Reading files in child processes, so that reading and storing use every core.

Each `ReadWorker` has one child, sends it one JSON line [path, format, collection] per file
and gets back each file's `archive._Read`, pickled onto the pipe; `ReadWorkers` holds
several, for as many threads. Where the system can fork, the child is forked from the
ingest once the linker is built (`setup`): the authorities and the linker's automata are
made once and shared copy-on-write, not rebuilt from JSON in each child. Elsewhere the child
is `python -m cablegram.read_worker [AUTHORITIES]`: given the file of the authorities
(`cablegram.linking.Handoff`), it waits for it when it first has records to link and loads
it once; started this way it imports only cablegram, never the caller's main module. The
child's pickles are trusted as the parent's own: the parent started it with its own code.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import pickle
import queue
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

from cablegram.errors import CablegramError

if TYPE_CHECKING:
    from cablegram.archive import _Read
    from cablegram.linking import LinkSetup

# What a forked child links with: the parent's setup, or why there is none (None: no links).
Link = Callable[[], "LinkSetup | None"]
# The parent's ends of every forked child's pipes: each new child closes them, or a child
# would hold another's input open and that one would never see its end.
_PARENT_ENDS: dict[int, object] = {}


class _Child(Protocol):
    """What a worker needs of its child: `subprocess.Popen` or `_Forked`."""

    stdin: IO[bytes] | None
    stdout: IO[bytes] | None

    def poll(self) -> int | None: ...
    def wait(self) -> int: ...


class _Forked:
    """A child forked from this process that serves `serve` over two pipes."""

    def __init__(self, link: Link | None) -> None:
        child_in, parent_out = os.pipe()
        parent_in, child_out = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: it never returns from here
            code = 1
            try:
                for fd in (parent_out, parent_in, *_PARENT_ENDS):
                    with contextlib.suppress(OSError):
                        os.close(fd)
                with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
                    serve(os.fdopen(child_in, "rb"), os.fdopen(child_out, "wb"), link)
                code = 0
            finally:
                # Nothing of the parent's (its database, temporary folders) is closed or
                # flushed by the child: it leaves at once.
                os._exit(code)
        os.close(child_in)
        os.close(child_out)
        self._fds = (parent_out, parent_in)
        # Keyed by number, owned by this child: a number closed and reused by a later child
        # is that child's, and this one's wait() must not forget it.
        _PARENT_ENDS.update(dict.fromkeys(self._fds, self))
        self.pid = pid
        self.returncode: int | None = None
        self.stdin: IO[bytes] | None = os.fdopen(parent_out, "wb")
        self.stdout: IO[bytes] | None = os.fdopen(parent_in, "rb")

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        for fd in self._fds:
            if _PARENT_ENDS.get(fd) is self:
                del _PARENT_ENDS[fd]
        return self.returncode


class ReadWorker:
    """One child process that reads files in the order asked; restarted if it dies.

    `link`: where the system can fork, what the forked child links with; else `link_file`,
    the authorities the started child loads (neither: records are not linked).
    """

    def __init__(self, link_file: Path | None = None, link: Link | None = None) -> None:
        self._proc: _Child | None = None
        self._link_file = link_file
        self._link = link

    def _start(self) -> _Child:
        if hasattr(os, "fork") and self._link_file is None:
            return _Forked(self._link)
        src = str(Path(__file__).resolve().parents[1])  # the cablegram the parent runs
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
        args = [str(self._link_file)] if self._link_file is not None else []
        return subprocess.Popen([sys.executable, "-m", "cablegram.read_worker", *args],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def start(self) -> _Child:
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
            # Unpickled from the pipe as it comes: the whole pickle of a volume is never
            # held as bytes on either side (tens of MB at the peak of both processes).
            result: _Read = pickle.load(proc.stdout)
            return result
        except (OSError, EOFError, pickle.UnpicklingError):
            pass  # the pipe broke or ended: the child is gone
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

    def __init__(self, n: int, link_file: Path | None = None, link: Link | None = None
                 ) -> None:
        self._free: queue.SimpleQueue[ReadWorker] = queue.SimpleQueue()
        self._all = [ReadWorker(link_file, link) for _ in range(n)]
        # Forked children share what the parent has built (the linker): the collector is
        # kept off it, so that its passes write on none of those pages in any process.
        gc.collect()
        gc.freeze()
        try:
            for w in self._all:
                self._free.put(w)
                # Started now: each loads the authorities while the first files are hashed
                # (a forked one has them already).
                w.start()
        finally:
            gc.unfreeze()

    def read(self, path: Path, format: str, collection: str | None = None) -> _Read:
        worker = self._free.get()
        try:
            return worker.read(path, format, collection)
        finally:
            self._free.put(worker)

    def close(self) -> None:
        for w in self._all:
            w.close()


def serve(inp: IO[bytes], out: IO[bytes], link: Link | None = None) -> None:
    """The child's loop: read (and link with `link()`) each file named on `inp`, write its
    result to `out`."""
    from cablegram.archive import read_file
    from cablegram.store.sqlite import doc_rows

    for line in inp:
        path, format, collection = json.loads(line)
        read = read_file(Path(path), format, link, collection)
        # The rows stored (the records' JSON among them) are made here: the store then only
        # inserts them, and they pickle ~20x faster than the records, which stay here.
        read.rows = [doc_rows(b.records) for b in read.batches]
        for b in read.batches:
            b.records = []
        pickle.dump(read, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


def _loaded(link_file: Path | None) -> Link:
    """For a started child: the authorities of `link_file`, loaded once when first asked."""
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

    return setup


if __name__ == "__main__":
    # The results get the real stdout to themselves; anything a reader prints goes to stderr.
    results = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    # The parent gone or interrupted: nothing is left to report to.
    with contextlib.suppress(BrokenPipeError, KeyboardInterrupt):
        serve(sys.stdin.buffer, results,
              _loaded(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
