"""The app under load: one streamlit server on a free loopback port, and what /proc says about it.

Like tests/browser/driver.running_app (same command line), but it hands back the process, so the
load can read its memory and CPU, and it sends the server's log to a file: 50 sessions can log
more than a pipe nobody reads holds, which would stall the server.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.browser.driver import ROOT, free_port, wait_healthy

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
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="jjj-load-server-", suffix=".log")[1])
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
           "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", proc, log)
    try:
        wait_healthy(server.url, proc, log, timeout)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


