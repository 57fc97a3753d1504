"""The local deployment (`deploy/run-local`: nginx + N replicas under supervisor) as a context
manager, for the load benchmark and the deployment test: where it listens, which replica holds how
many sessions, and a way to kill one the way a crash would (SIGKILL).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLK_TCK = os.sysconf("SC_CLK_TCK")
RUNNING: set[subprocess.Popen] = set()  # run-local processes started here (a watchdog may stop them)
READY = re.compile(r"^READY (\S+) \(\d+ replicas on ports ([\d, ]+); run dir (\S+);")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Deployment:
    url: str  # nginx, the only address viewers use
    replica_ports: list[int]
    run_dir: Path
    proc: subprocess.Popen  # deploy/run-local
    output: list[str] = field(default_factory=list)

    def replica_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.replica_ports[i]}"

    def supervisorctl(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "supervisor.supervisorctl", "-c",
                               str(self.run_dir / "supervisord.conf"), *args],
                              capture_output=True, text=True, timeout=30)
        return done.stdout.strip()

    def replica_pid(self, i: int) -> int | None:
        out = self.supervisorctl("pid", f"replicas:replica-{i}")
        return int(out) if out.isdigit() and int(out) > 0 else None

    def kill(self, i: int) -> int:
        """SIGKILL replica i, as a crash would; its pid. supervisor starts it again."""
        pid = self.replica_pid(i)
        if pid is None:
            raise RuntimeError(f"replica {i} is not running")
        os.kill(pid, signal.SIGKILL)
        return pid

    def active_sessions(self, i: int) -> int | None:
        """Sessions replica i holds now (its /_stcore/metrics), None while it is down."""
        try:
            with urllib.request.urlopen(self.replica_url(i) + "/_stcore/metrics?families=active_sessions",
                                        timeout=3) as r:
                text = r.read().decode()
        except OSError:
            return None
        for line in text.splitlines():
            if line.startswith("active_sessions"):
                return int(float(line.split()[-1]))
        return 0

    def healthy(self, i: int) -> bool:
        try:
            with urllib.request.urlopen(self.replica_url(i) + "/_stcore/health", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def wait_healthy(self, i: int, timeout: float = 90) -> float:
        """Seconds until replica i answers its health check again."""
        start = time.monotonic()
        while not self.healthy(i):
            if time.monotonic() - start > timeout:
                raise TimeoutError(f"replica {i} not healthy after {timeout:.0f} s")
            time.sleep(0.2)
        return time.monotonic() - start

    def pids(self) -> list[int]:
        """The replicas' pids (asked of supervisor again only when one has gone)."""
        cached = getattr(self, "_pids", None)
        if not cached or not all(Path(f"/proc/{p}").exists() for p in cached):
            cached = [p for p in (self.replica_pid(i) for i in range(len(self.replica_ports))) if p]
            self._pids = cached
        return cached

    def replica_cpus(self, i: int) -> set[int] | None:
        """The CPUs replica i may run on (its affinity), None while it is down."""
        pid = self.replica_pid(i)
        try:
            return os.sched_getaffinity(pid) if pid else None
        except OSError:
            return None

    def rss_mb(self) -> float:
        """Resident memory of all replicas together."""
        return sum(_status_kb(p, "VmRSS") for p in self.pids()) / 1024

    def cpu_s(self) -> float:
        """CPU seconds the replicas now running have used."""
        return sum(_cpu_s(p) for p in self.pids())

    def nginx_cpu_s(self) -> float:
        """CPU seconds nginx (master and workers) has used."""
        out = self.supervisorctl("pid", "nginx")
        if not out.isdigit():
            return 0.0
        try:
            workers = Path(f"/proc/{out}/task/{out}/children").read_text().split()
        except OSError:
            workers = []
        return sum(_cpu_s(int(p)) for p in [out, *workers])


def _status_kb(pid: int, name: str) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _cpu_s(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


@contextlib.contextmanager
def running_deployment(replicas: int = 2, port: int | None = None, data_dir=None, timeout: float = 180,
                       pin_cpus: bool = True):
    """deploy/run-local on 127.0.0.1, until the block ends (then SIGTERM, as a user's Ctrl-C).
    `pin_cpus=False`: its replicas are not pinned to CPUs (the A/B in bench/load.py)."""
    env = dict(os.environ, PYTHON=sys.executable)
    if data_dir:
        env["JJJ_DATA_DIR"] = str(data_dir)
    port = port or free_port()
    proc = subprocess.Popen([str(ROOT / "deploy" / "run-local"), "--replicas", str(replicas),
                             "--port", str(port), "--timeout", str(timeout),
                             *([] if pin_cpus else ["--no-pin-cpus"])],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    RUNNING.add(proc)
    output: list[str] = []
    ready = threading.Event()
    found: dict = {}

    def read():  # the output is read to the end, so run-local never blocks on a full pipe
        for line in proc.stdout:
            output.append(line.rstrip())
            match = READY.match(line)
            if match:
                found["match"] = match
                ready.set()
        ready.set()

    threading.Thread(target=read, daemon=True).start()
    try:
        if not ready.wait(timeout + 30) or "match" not in found:
            raise RuntimeError("deploy/run-local did not start:\n" + "\n".join(output[-30:]))
        m = found["match"]
        yield Deployment(m.group(1), [int(p) for p in m.group(2).split(", ")], Path(m.group(3)),
                         proc, output)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        RUNNING.discard(proc)
