"""The deployment on one machine: nginx on 127.0.0.1:PORT in front of N Streamlit replicas, all kept
alive by supervisor. Runs in the foreground; SIGTERM or Ctrl-C stops everything it started.

    deploy/run-local --replicas 2 --port 8080

Configuration is rendered from the templates beside this file into a private run directory
(logs, sockets, nginx's temp files), removed on exit unless --keep-run-dir. Every process binds to
127.0.0.1 only. `supervisorctl -c RUN_DIR/supervisord.conf status` shows the processes.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NGINX = "/usr/sbin/nginx"
LOOPBACK = "127.0.0.1"
PR_SET_PDEATHSIG = 1
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy.warm import warm  # noqa: E402


class Stopped(Exception):
    """SIGTERM or SIGINT arrived."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def fill(template: str, **values: str) -> str:
    for name, value in values.items():
        template = template.replace(f"@{name}@", str(value))
    return template


def package_dir(name: str) -> Path:
    """Where an installed package lives, without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"run-local: {name} is not installed in {sys.executable}")
    return Path(list(spec.submodule_search_locations)[0])


def replica_cpus(replicas: int, usable: list[int]) -> list[int | None]:
    """The CPU each replica is pinned to: the i-th of those this process may use, in turn (None:
    not pinned, on a machine with one CPU)."""
    return [usable[i % len(usable)] if len(usable) > 1 else None for i in range(replicas)]


def usable_cpus() -> list[int]:
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


def render(run: Path, replicas: int, port: int, replica_ports: list[int],
           cpus: list[int | None] | None = None) -> Path:
    """Write nginx.conf and supervisord.conf into `run`; the supervisord.conf path. `cpus`: the
    CPU each replica is pinned to (deploy/pin_cpu.py), None for none."""
    as_root = os.geteuid() == 0
    servers = "\n".join(f"        server {LOOPBACK}:{p} max_fails=1 fail_timeout=5s;"
                        for p in replica_ports)
    nginx = fill((HERE / "nginx.conf.template").read_text(), RUN=run, LISTEN=LOOPBACK, PORT=port,
                 SERVERS=servers, **affinity(replica_ports), ROOT=ROOT,
                 STREAMLIT_STATIC=package_dir("streamlit") / "static" / "static",
                 FOLIUM_BUILD=package_dir("streamlit_folium") / "frontend" / "build",
                 # nginx started as root drops its workers to an unprivileged user
                 USER="user nobody nogroup;" if as_root else "")
    (run / "nginx.conf").write_text(nginx)
    program = (HERE / "replica.conf.template").read_text()
    cpus = cpus or [None] * len(replica_ports)
    programs = "\n".join(fill(program, INDEX=i, REPLICA_PORT=p, PYTHON=sys.executable, ROOT=ROOT, RUN=run,
                              LAUNCH="" if cpu is None else f"{sys.executable} {HERE / 'pin_cpu.py'} {cpu} ")
                         for i, (p, cpu) in enumerate(zip(replica_ports, cpus)))
    conf = fill((HERE / "supervisord.conf.template").read_text(), RUN=run, PROGRAMS=programs,
                PROGRAM_NAMES=",".join(f"replica-{i}" for i in range(replicas)))
    path = run / "supervisord.conf"
    path.write_text(conf)
    return path


def affinity(replica_ports: list[int]) -> dict[str, str]:
    """nginx.conf's per-replica parts: replica i is named r<i> in the visitor's cookie, has its own
    upstream (the others as backups), and is recognised by its address in $upstream_addr."""
    pools = "\n".join(f"        r{i} jjj_r{i};" for i in range(len(replica_ports)))
    routes = "\n".join(f'        "~(^|[ ,]){re.escape(f"{LOOPBACK}:{p}")}$" r{i};'
                        for i, p in enumerate(replica_ports))
    upstreams = "\n".join(
        f"    upstream jjj_r{i} {{\n        server {LOOPBACK}:{p} max_fails=1 fail_timeout=5s;\n"
        + "".join(f"        server {LOOPBACK}:{q} backup;\n" for q in replica_ports if q != p)
        + "        keepalive 16;\n    }"
        for i, p in enumerate(replica_ports))
    return {"POOLS": pools, "ROUTES": routes, "REPLICA_UPSTREAMS": upstreams}


def check_nginx(run: Path) -> None:
    test = subprocess.run([NGINX, "-t", "-q", "-p", str(run), "-c", str(run / "nginx.conf"),
                           "-e", str(run / "nginx-error.log")], capture_output=True, text=True)
    if test.returncode:
        raise SystemExit(f"run-local: nginx rejects the configuration:\n{test.stderr}")


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def wait_ready(proc: subprocess.Popen, urls: list[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    waiting = list(urls)
    while waiting:
        if proc.poll() is not None:
            raise SystemExit(f"run-local: supervisord exited ({proc.returncode}) during start-up")
        if time.monotonic() > deadline:
            raise SystemExit(f"run-local: not healthy after {timeout:.0f} s: {', '.join(waiting)}")
        waiting = [u for u in waiting if not healthy(u)]
        if waiting:
            time.sleep(0.3)


class Warmer(threading.Thread):
    """Warms each replica whenever it comes (back) up: at start, and after supervisor restarts it."""

    def __init__(self, urls: list[str]):
        super().__init__(daemon=True)
        self.urls = urls
        self.up = [False] * len(urls)
        self.stopped = threading.Event()

    def warm_all(self) -> None:
        threads = [threading.Thread(target=warm, args=(u,)) for u in self.urls]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.up = [healthy(u) for u in self.urls]

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            for i, url in enumerate(self.urls):
                now = healthy(url)
                if now and not self.up[i]:
                    warm(url)
                self.up[i] = now


def _die_with_parent() -> None:
    """In supervisord's process: if run-local is killed outright, supervisord gets SIGTERM."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2, help="Streamlit processes (1-16)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    parser.add_argument("--run-dir", type=Path, help="where configs and logs go (default: a temp dir)")
    parser.add_argument("--keep-run-dir", action="store_true", help="keep logs and configs on exit")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for health")
    parser.add_argument("--pin-cpus", action=argparse.BooleanOptionalAction, default=True,
                        help="replica i runs on the i-th CPU this process may use, in turn (the "
                             "default); --no-pin-cpus lets the OS place them")
    args = parser.parse_args(argv)
    if not 1 <= args.replicas <= 16:
        parser.error("--replicas must be 1..16")
    if not 1 <= args.port <= 65535:
        parser.error("--port must be 1..65535")
    if not Path(NGINX).exists():
        parser.error(f"{NGINX} is missing: apt-get install -y nginx")

    run = args.run_dir or Path(tempfile.mkdtemp(prefix="jjj-deploy-"))
    run.mkdir(parents=True, exist_ok=True)
    run.chmod(0o711)  # nginx's workers (nobody, when started as root) reach their temp dirs
    replica_ports = [free_port() for _ in range(args.replicas)]
    cpus = replica_cpus(args.replicas, usable_cpus() if args.pin_cpus else [])
    conf = render(run, args.replicas, args.port, replica_ports, cpus)
    check_nginx(run)
    # Copy Leaflet & co. into static/vendor once, before N replicas would race to do it.
    subprocess.run([sys.executable, "-c", "from components.map_assets import install_static_assets;"
                    " install_static_assets()"], cwd=ROOT, check=True)

    env = dict(os.environ)
    # One cookie secret for all replicas: a session that moves keeps a valid XSRF token.
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    proc = subprocess.Popen([sys.executable, "-m", "supervisor.supervisord", "-c", str(conf)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
                            start_new_session=True, preexec_fn=_die_with_parent)
    def stop(signum, _frame):
        raise Stopped(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    url = f"http://{LOOPBACK}:{args.port}"
    code = 0
    try:
        replica_urls = [f"http://{LOOPBACK}:{p}" for p in replica_ports]
        wait_ready(proc, replica_urls, args.timeout)
        warmer = Warmer(replica_urls)
        warmer.warm_all()  # the dataset loaded in every replica before anyone is sent there
        warmer.start()
        wait_ready(proc, [url], args.timeout)
        print(f"READY {url} ({args.replicas} replicas on ports "
              f"{', '.join(map(str, replica_ports))}; run dir {run}; "
              f"{'CPUs ' + ', '.join(map(str, cpus)) if cpus[0] is not None else 'not pinned'}; "
              "Ctrl-C stops)", flush=True)
        while proc.poll() is None:
            time.sleep(0.2)
        print(f"run-local: supervisord exited ({proc.returncode})", file=sys.stderr)
        code = 1
    except Stopped:  # SIGTERM or Ctrl-C, at start-up or later: stop everything, exit 0
        code = 0
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        code = 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second Ctrl-C must not cut the shutdown
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        shutdown(proc)
        if not args.keep_run_dir and args.run_dir is None:
            shutil.rmtree(run, ignore_errors=True)
    return code


def shutdown(proc: subprocess.Popen, grace: float = 30) -> None:
    """supervisord stops every program (TERM, then KILL after stopwaitsecs); then its group goes."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # anything left in supervisord's session
    except ProcessLookupError:
        pass
    proc.wait()


if __name__ == "__main__":
    sys.exit(main())
