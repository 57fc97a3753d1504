"""The app under load: one streamlit server on a free loopback port, and what /proc says about it.

Like bench/browser_driver.running_app (same command line), but it hands back the process, so the
load can read its memory and CPU, and it sends the server's log to a file: 50 sessions can log
more than a pipe nobody reads holds, which would stall the server.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from bench.browser_driver import running_server as driver_server

CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    url: str
    proc: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.proc.pid

    def rss_mb(self) -> float:
        return _status_kb(self.pid, "VmRSS") / 1024

    def threads(self) -> int:
        return int(_status_kb(self.pid, "Threads"))

    def cpu_s(self) -> float:
        """User + system CPU seconds the server has used so far."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK

    def log_problems(self, limit: int = 8) -> tuple[int, list[str]]:
        """Count of log lines that report an error or traceback, and the first few."""
        lines = self.log.read_text(errors="replace").splitlines()
        bad = [ln for ln in lines if any(w in ln for w in ("Traceback", "ERROR", "Error", "Exception"))]
        return len(bad), bad[:limit]


def _status_kb(pid: int, name: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(name + ":"):
            return float(line.split()[1])
    raise KeyError(name)


@contextlib.contextmanager
def running_server(timeout: float = 60):
    """The app on a loopback port (the browser tests' launcher), with its process and log."""
    with driver_server(timeout=timeout) as (url, proc, log):
        yield Server(url, proc, log)
