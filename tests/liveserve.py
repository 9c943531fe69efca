"""A real ``./leda serve`` (tools/serve.py) on a free port, driven like a browser would.

Used by tests/test_serve.py and benchmarks/bench.py. Edit-to-reload is measured as
the livereload script in the page measures it: from writing the file until the
server answers the page's long poll (``/livereload/<epoch>/<id>``) with a newer
epoch, and until the page it then serves shows the edit.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent / "tools"
_RELOAD = re.compile(r"livereload\((\d+),\s*(\d+)\)")
# What the server adds to every HTML page it serves (mkdocs.livereload).
_INJECTED = re.compile(
    r"<script>\s*var livereload = function\(epoch, requestId\).*?"
    r"livereload\(\d+, \d+\);\s*</script>(?=</body>)",
    re.S,
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def strip_livereload(html: bytes) -> bytes:
    return _INJECTED.sub("", html.decode("utf-8")).encode("utf-8")


class LiveServe:
    """``tools/serve.py`` serving ``project`` until ``stop()``; its log is kept in ``log``."""

    def __init__(self, project: Path, *args: str, engine: str | None = None, timeout=300):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        if engine:
            env["LEDA_ENGINE"] = engine
        cmd = [sys.executable, str(TOOLS / "serve.py"), "-f", str(project / "mkdocs.yml")]
        cmd += ["-a", f"127.0.0.1:{self.port}", *args]
        self.process = subprocess.Popen(
            cmd,
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        deadline = time.monotonic() + timeout
        while not any("Serving on" in line for line in self.lines):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("serve did not start:\n" + self.log)
            time.sleep(0.05)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def log(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str, timeout: float = 120) -> bytes:
        with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
            return response.read()

    def epoch(self, path: str) -> tuple[int, int]:
        """The build epoch and request id the livereload script in ``path`` polls with."""
        match = _RELOAD.search(self.get(path).decode("utf-8"))
        assert match, f"no livereload script in {path}"
        return int(match[1]), int(match[2])

    def edit_and_wait(
        self, page: str, path: Path, old: str, new: str, shows: str | None = None, timeout=120
    ):
        """Replace ``old`` by ``new`` in ``path``; wait for the reload; (seconds, seconds).

        The first figure is until the reload signal, the second until ``page`` shows
        ``shows`` (by default ``new``). A rebuild that fails (the server logs an error)
        raises.
        """
        shows = new if shows is None else shows
        epoch, request = self.epoch(page)
        errors_before = self.log.count("ERROR")
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        started = time.perf_counter()
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        deadline = time.monotonic() + timeout
        while True:  # the page's long poll; the server answers when a newer build is out
            answer = self.get(f"livereload/{epoch}/{request}", timeout=timeout)
            if int(answer) > epoch:
                break
            if time.monotonic() > deadline or self.log.count("ERROR") > errors_before:
                raise RuntimeError("no reload after the edit:\n" + self.log[-3000:])
        signalled = time.perf_counter() - started
        while shows.encode("utf-8") not in self.get(page):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{page} does not show {shows!r}:\n" + self.log[-3000:])
            time.sleep(0.01)
        return signalled, time.perf_counter() - started

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._reader.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
