"""Many viewers: N protocol-level sessions against ONE app instance on 127.0.0.1, plus one browser.

    .venv/bin/python bench/load.py [--sessions 50] [--seconds 60] [--json]

Phases, each bounded in time:
1. start the app (`streamlit run app.py` on a free loopback port);
2. verify the protocol driver on one session: a Region change, a Focus change and a site pick must
   come back with the right "N of 90 sites match" text and the site card's subheader;
3. baseline: one protocol session alone, the same actions (every ~0.4 s: alone, its pace does not
   load the server, and it gives enough reruns for a p95), ~15 s; then the server's RSS;
4. one browser alone for a few seconds (what a person feels on an idle server);
5. load: N protocol sessions (each changes a filter or picks a site every ~2 s, jittered, and
   checks every result) and one browser changing a filter every ~3 s, for D seconds; RSS and CPU
   sampled every second;
6. close every session, stop the browser and the server; print the table (and, with --json, one
   JSON object on the last line).

The protocol driver is bench/load_protocol.py, the simulated viewer bench/load_user.py, the browser
bench/load_browser.py. Nothing but 127.0.0.1 is touched; a watchdog ends everything if the whole run
overruns its budget.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if sys.path and Path(sys.path[0]).resolve() == ROOT / "bench":
    sys.path[0] = str(ROOT)  # run as a script: import bench.*, not bench's modules as top-level ones
elif str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load_protocol import ProtocolError, Session  # noqa: E402
from bench.load_server import Server, running_server  # noqa: E402
from bench.load_user import NONE_LABEL, Action, Truth, User  # noqa: E402

GOAL = 3.0  # p95 under load <= GOAL x p95 of a single session
RUN_TIMEOUT = 60.0  # one rerun; longer counts as an error (timeout)
PERIOD = (1.5, 2.5)  # seconds between one viewer's actions (uniform jitter around ~2 s)
# The single-session baseline acts faster: alone, its pace does not load the server, and ~2 s
# would give 7 reruns in 15 s, too few for a p95.
BASELINE_PERIOD = (0.3, 0.5)
MAP_READY = '{"last_object_clicked_count":0,"last_object_clicked_tooltip":null}'
SEE = 0.3  # a viewer looks at a result at least this long before acting again


@dataclass
class Tally:
    """What a phase saw: rerun latencies, initial page loads, and errors by kind."""

    latencies: list[float] = field(default_factory=list)
    initial: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    actions: Counter = field(default_factory=Counter)
    bytes: int = 0
    refs: int = 0
    runs: int = 0  # script runs asked for (page loads count two)

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        if len(self.examples) < 10:
            self.examples.append(f"{kind}: {detail}"[:400])


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


# --- the protocol viewers -------------------------------------------------------------------------

async def open_user(url: str, truth: Truth, seed: int, tally: Tally) -> User:
    session = Session(url, timeout=RUN_TIMEOUT)
    await session.connect()
    run = await session.rerun()
    tally.runs += 1
    latency, received = run.latency, run.bytes
    for component in session.components():
        # As in the browser: once the map has drawn, st_folium reports its (empty) click state,
        # and that is a second full run of the page load.
        session.set_json(component, MAP_READY)
        run = await session.rerun()
        tally.runs += 1
        latency, received = latency + run.latency, received + run.bytes
    tally.initial.append(latency)
    tally.bytes += received
    user = User(session, truth, random.Random(seed))
    for key in ("filter_region", "filter_focus", "site_select"):
        if key not in session.widgets:
            raise ProtocolError(f"no widget keyed {key} in the first run")
    for problem in user.check(Action("initial", "first run", expect_count=truth.total), run):
        tally.error("wrong_result", problem)
    return user


async def verify(url: str, truth: Truth) -> list[str]:
    """One session: each kind of action must do the real work, or the load would measure nothing."""
    tally = Tally()
    user = await open_user(url, truth, 0, tally)
    session = user.session
    lines = [f"first run: '{truth.total} of {truth.total} sites match', websocket extensions "
             f"{session.extensions or 'none'}"]
    try:
        if tally.errors:
            raise AssertionError(tally.examples)
        steps = [
            lambda: user.change_filter("region", next(
                o for o in session.widget("filter_region").options if o.startswith("Beijing"))),
            lambda: user.change_filter("focus", session.widget("filter_focus").options[0]),
            lambda: user.pick_site(next(o for o in session.widget("site_select").options
                                        if o != NONE_LABEL)),
            lambda: user.change_filter("region", ""),  # cleared; the chosen site stays
        ]
        for step in steps:
            action = step()  # options (and their counts) come from the previous run
            run = await session.rerun()
            problems = user.check(action, run)
            if problems:
                raise AssertionError("; ".join(problems))
            seen = f"'{action.expect_count} of {truth.total} sites match'" + (
                f" and the card's subheader {action.expect_heading!r}" if action.expect_heading else "")
            lines.append(f"{action.kind} {action.detail}: {run.latency:.2f} s, {seen} seen")
    finally:
        await session.close()
    return lines


async def viewer(url: str, truth: Truth, seed: int, start_at: float, window: dict, tally: Tally,
                 connected: list, period: tuple[float, float] = PERIOD) -> None:
    """Connect and load the page at start_at; once the window opens, act every ~2 s until it
    closes. Every failure is counted; a session that failed stops."""
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    try:
        user = await open_user(url, truth, seed, tally)
    except ProtocolError as exc:
        tally.error("timeout" if "within" in str(exc) else "protocol", f"page load: {exc}")
        return
    except (OSError, asyncio.TimeoutError) as exc:
        tally.error("connect", repr(exc))
        return
    except Exception as exc:  # noqa: BLE001 - websockets.ConnectionClosed and the like
        tally.error("socket", f"page load: {exc!r}")
        return
    finally:
        window["loaded"] += 1
        if window["loaded"] == window["n"]:
            window["all_loaded"].set()
    connected.append(user.session)
    await window["go"].wait()
    rng = random.Random(seed + 1)
    next_at = time.monotonic() + rng.uniform(0, period[1])
    while True:
        await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        if time.monotonic() >= window["end"]:
            break
        action = user.next_action()
        sent = time.monotonic()
        try:
            run = await user.session.rerun()
        except ProtocolError as exc:
            tally.error("timeout" if "within" in str(exc) else "protocol", str(exc))
            break
        except Exception as exc:  # noqa: BLE001 - websockets.ConnectionClosed, OSError
            tally.error("socket", repr(exc))
            break
        tally.latencies.append(run.latency)
        tally.runs += 1
        tally.actions[action.kind] += 1
        tally.bytes += run.bytes
        tally.refs += run.refs
        for problem in user.check(action, run):
            kind = "exception" if problem.startswith("exception") else (
                "status" if problem.startswith("script_finished") else "wrong_result")
            tally.error(kind, problem)
        next_at = max(sent + rng.uniform(*period), time.monotonic() + SEE)
    # the session stays open: the caller closes every one once RSS was read with all connected


async def run_viewers(url: str, truth: Truth, n: int, seconds: float, ramp: float, tally: Tally,
                      server: Server | None = None, seed: int = 1000, on_go=None,
                      period: tuple[float, float] = PERIOD) -> dict:
    """n viewers: they connect and load the page (staggered over `ramp`, all of them, however
    long the server takes, within a bound), then all act for `seconds`. RSS is sampled each second;
    CPU and rates are for the acting window."""
    connected: list[Session] = []
    samples: list[float] = []  # rss MB
    window = {"n": n, "loaded": 0, "all_loaded": asyncio.Event(), "go": asyncio.Event(), "end": 0.0}
    stop = asyncio.Event()

    async def sample():
        while not stop.is_set():
            if server is not None:
                samples.append(server.rss_mb())
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except asyncio.TimeoutError:
                pass

    sampler = asyncio.create_task(sample())
    start = time.monotonic()
    tasks = [asyncio.create_task(viewer(url, truth, seed + 7 * i, start + ramp * i / max(1, n), window,
                                        tally, connected, period)) for i in range(n)]
    load_bound = ramp + 2 * RUN_TIMEOUT + 10  # two runs per page load, each with its own timeout
    try:
        await asyncio.wait_for(window["all_loaded"].wait(), load_bound)
    except asyncio.TimeoutError:
        tally.error("timeout", f"not every page loaded within {load_bound:.0f} s")
    loading_s = time.monotonic() - start
    cpu0, client0, runs0 = (server.cpu_s() if server else 0.0), time.process_time(), tally.runs
    go = time.monotonic()
    window["end"] = go + seconds
    window["go"].set()
    if on_go is not None:
        on_go()
    # every run has its own timeout; this bounds the drain after the window as well
    done, pending = await asyncio.wait(tasks, timeout=seconds + RUN_TIMEOUT + 10)
    for task in pending:
        task.cancel()
        tally.error("timeout", "viewer still running after the phase's bound")
    wall = time.monotonic() - go
    out = {"wall_s": wall, "loading_s": loading_s, "connected": len(connected),
           "server_cpu_s": (server.cpu_s() - cpu0) if server else None,
           "client_cpu_s": time.process_time() - client0, "runs": tally.runs - runs0,
           "rss_connected_mb": server.rss_mb() if server else None,
           "rss_peak_mb": max(samples, default=None),
           "threads": server.threads() if server else None}
    stop.set()
    await sampler
    await asyncio.gather(*(s.close() for s in connected), return_exceptions=True)
    return out


# --- the browser ----------------------------------------------------------------------------------

async def start_browser(url: str, seconds: float, ready_timeout: float = 120):
    """The browser subprocess, once its page shows the map; it acts when told GO (see go_browser)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.load_browser", url, str(seconds), cwd=ROOT,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)
    try:
        line = await asyncio.wait_for(proc.stdout.readline(), ready_timeout)
    except asyncio.TimeoutError:
        line = b""
    if line.strip() != b"READY":
        proc.kill()
        await proc.wait()
        return None
    return proc


def go_browser(proc) -> None:
    if proc is not None:
        proc.stdin.write(b"GO\n")
        proc.stdin.close()


async def browser_result(proc, timeout: float) -> dict:
    if proc is None:
        return {"changes": [], "errors": ["the browser never became ready"], "page_errors": []}
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        return {"changes": [], "errors": ["the browser overran its time"], "page_errors": []}
    lines = out.decode(errors="replace").strip().splitlines()
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        return {"changes": [], "errors": [f"unreadable browser output: {lines[-1:]}"], "page_errors": []}


async def browser_phase(url: str, seconds: float) -> dict:
    proc = await start_browser(url, seconds)
    go_browser(proc)
    return await browser_result(proc, seconds + 90)


# --- the whole run --------------------------------------------------------------------------------

async def bench(server: Server, sessions: int, seconds: float, baseline_s: float, browser_alone_s: float,
                log) -> dict:
    url = server.url
    truth = Truth()
    result: dict = {"sessions": sessions, "seconds": seconds, "url": url, "cpus": os.cpu_count(),
                    "loadavg_start": os.getloadavg()[0]}
    log(f"server {url} (pid {server.pid}), machine load average {result['loadavg_start']:.2f}, "
        f"{os.cpu_count()} CPUs")

    rss_idle = server.rss_mb()
    verified = await asyncio.wait_for(verify(url, truth), 4 * RUN_TIMEOUT)
    for line in verified:
        log(f"verify: {line}")

    single = Tally()
    info = await run_viewers(url, truth, 1, baseline_s, 0, single, server, seed=1,
                             period=BASELINE_PERIOD)
    await asyncio.sleep(2)
    rss_base = server.rss_mb()
    result["single"] = summary(single, info)
    log(f"baseline: 1 session, {len(single.latencies)} reruns, p50 {fmt(result['single']['p50'])}, "
        f"p95 {fmt(result['single']['p95'])}")

    if browser_alone_s > 0:
        alone = await browser_phase(url, browser_alone_s)
        result["browser_alone"] = browser_summary(alone)
        log(f"browser alone: {len(alone['changes'])} filter changes, p50 "
            f"{fmt(result['browser_alone']['p50'])}")

    ramp = min(5.0, seconds / 4)
    log(f"load: {sessions} sessions for {seconds:.0f} s (connecting over {ramp:.0f} s) + 1 browser")
    browser = await start_browser(url, seconds)
    load = Tally()
    info = await run_viewers(url, truth, sessions, seconds, ramp, load, server, seed=1000,
                             on_go=lambda: go_browser(browser))
    browsed = await browser_result(browser, 120)
    await asyncio.sleep(5)
    rss_closed = server.rss_mb()
    result["load"] = summary(load, info)
    result["browser"] = browser_summary(browsed)
    sessions_on = info["connected"] + (1 if browser is not None else 0)
    result["memory"] = {
        "rss_idle_mb": round(rss_idle, 1), "rss_baseline_mb": round(rss_base, 1),
        "rss_connected_mb": round(info["rss_connected_mb"], 1), "rss_peak_mb": round(info["rss_peak_mb"], 1),
        "rss_after_close_mb": round(rss_closed, 1), "sessions_connected": sessions_on,
        "per_session_mb": round((info["rss_connected_mb"] - rss_base) / max(1, sessions_on), 2)}
    p95s, p95l = result["single"]["p95"], result["load"]["p95"]
    result["ratio_p95"] = round(p95l / p95s, 2) if p95s and p95l else None
    result["errors"] = sum(load.errors.values()) + sum(single.errors.values()) + len(browsed["errors"])
    result["pass"] = bool(result["ratio_p95"] is not None and result["ratio_p95"] <= GOAL
                          and result["errors"] == 0)
    result["loadavg_end"] = os.getloadavg()[0]
    count, lines = server.log_problems()
    result["server_log"] = {"path": str(server.log), "problem_lines": count, "first": lines}
    return result


def summary(tally: Tally, info: dict) -> dict:
    lat = tally.latencies
    return {"reruns": len(lat), "p50": rnd(pct(lat, 50)), "p95": rnd(pct(lat, 95)),
            "max": rnd(max(lat) if lat else None), "mean": rnd(statistics.fmean(lat) if lat else None),
            "reruns_per_s": round(len(lat) / info["wall_s"], 2),
            "initial_p50": rnd(pct(tally.initial, 50)), "initial_max": rnd(max(tally.initial, default=None)),
            "actions": dict(tally.actions), "errors": dict(tally.errors), "error_examples": tally.examples,
            "connected": info["connected"], "mb_received": round(tally.bytes / 2**20, 1),
            "cache_refs": tally.refs, "server_cpu_cores": round(info["server_cpu_s"] / info["wall_s"], 2),
            "server_cpu_s_per_rerun": round(info["server_cpu_s"] / max(1, info["runs"]), 3),
            "page_loads_took_s": round(info["loading_s"], 1),
            "client_cpu_cores": round(info["client_cpu_s"] / info["wall_s"], 2),
            "server_threads": info["threads"]}


def browser_summary(out: dict) -> dict:
    secs = [c["seconds"] for c in out["changes"]]
    return {"changes": len(secs), "p50": rnd(pct(secs, 50)), "p95": rnd(pct(secs, 95)),
            "max": rnd(max(secs, default=None)), "page_load_s": out.get("load_s"),
            "reruns_per_change": round(out.get("reruns_sent", 0) / len(secs), 2) if secs else None,
            "errors": out["errors"], "page_errors": out["page_errors"][:5]}


def rnd(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def fmt(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f} s"


def table(r: dict) -> str:
    s, l, b, m = r["single"], r["load"], r["browser"], r["memory"]
    ba = r.get("browser_alone")
    rows = [
        ("", "single session", f"{r['sessions']} sessions"),
        ("reruns measured (acting window)", s["reruns"], l["reruns"]),
        ("reruns / s (all sessions)", s["reruns_per_s"], l["reruns_per_s"]),
        ("rerun latency p50", fmt(s["p50"]), fmt(l["p50"])),
        ("rerun latency p95", fmt(s["p95"]), fmt(l["p95"])),
        ("rerun latency max", fmt(s["max"]), fmt(l["max"])),
        ("page load (2 runs) p50 / max", f"{fmt(s['initial_p50'])} / {fmt(s['initial_max'])}",
         f"{fmt(l['initial_p50'])} / {fmt(l['initial_max'])}"),
        ("all pages loaded after", fmt(s["page_loads_took_s"]), fmt(l["page_loads_took_s"])),
        ("errors", sum(s["errors"].values()), sum(l["errors"].values())),
        ("server CPU (cores busy)", s["server_cpu_cores"], l["server_cpu_cores"]),
        ("server CPU s per run", s["server_cpu_s_per_rerun"], l["server_cpu_s_per_rerun"]),
        ("load client CPU (cores)", s["client_cpu_cores"], l["client_cpu_cores"]),
        ("MB received by clients", s["mb_received"], l["mb_received"]),
        ("browser filter -> map p50",
         fmt(ba["p50"]) + " (alone)" if ba else "—", fmt(b["p50"])),
        ("browser filter -> map p95",
         fmt(ba["p95"]) + " (alone)" if ba else "—", fmt(b["p95"])),
        ("browser changes measured", ba["changes"] if ba else "—", b["changes"]),
        ("browser reruns sent per change", ba["reruns_per_change"] if ba else "—", b["reruns_per_change"]),
    ]
    width = max(len(str(a)) for a, _, _ in rows) + 2
    out = [f"{str(a):<{width}}{str(x):>22}{str(y):>22}" for a, x, y in rows]
    out.append("")
    out.append(f"p95(load) / p95(single) = {r['ratio_p95']}  (goal <= {GOAL:g}): "
               f"{'PASS' if r['ratio_p95'] is not None and r['ratio_p95'] <= GOAL else 'FAIL'}")
    out.append(f"errors: {r['errors']} (expect 0)" + (f"  {l['errors']}" if l["errors"] else "")
               + (f"  browser: {b['errors']}" if b["errors"] else ""))
    for example in l["error_examples"][:5]:
        out.append(f"  e.g. {example}")
    out.append(f"server RSS: idle {m['rss_idle_mb']} MB, after 1 session {m['rss_baseline_mb']} MB, "
               f"{m['sessions_connected']} sessions connected {m['rss_connected_mb']} MB "
               f"(peak {m['rss_peak_mb']}), 5 s after closing {m['rss_after_close_mb']} MB "
               "(closed sessions are kept for server.disconnectedSessionTTL, 120 s)")
    out.append(f"memory per session: {m['per_session_mb']} MB "
               f"((RSS connected - RSS after 1 session) / {m['sessions_connected']})")
    out.append(f"server log: {r['server_log']['problem_lines']} error/traceback lines ({r['server_log']['path']})")
    out.append(f"machine: {r['cpus']} CPUs, load average {r['loadavg_start']:.2f} at start, "
               f"{r['loadavg_end']:.2f} at end")
    out.append(f"overall: {'PASS' if r['pass'] else 'FAIL'}")
    return "\n".join(out)


def watchdog(budget: float, state: dict) -> threading.Timer:
    """Ends everything if the run overruns: the server and the browser are killed, exit 3."""
    def fire():
        print(f"load.py: overall timeout of {budget:.0f} s reached; stopping", file=sys.stderr, flush=True)
        server = state.get("server")
        if server is not None:
            server.proc.kill()
        os._exit(3)
    timer = threading.Timer(budget, fire)
    timer.daemon = True
    timer.start()
    return timer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline-seconds", type=float, default=15)
    parser.add_argument("--browser-alone-seconds", type=float, default=12,
                        help="a browser alone before the load (0: skip)")
    parser.add_argument("--json", action="store_true", help="print one JSON object on the last line")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 500 or not 1 <= args.seconds <= 1800:
        parser.error("sessions must be 1..500 and seconds 1..1800")
    budget = (120 + 4 * RUN_TIMEOUT + args.baseline_seconds + 2 * RUN_TIMEOUT
              + args.browser_alone_seconds + 150 + args.seconds + 2 * RUN_TIMEOUT + 150)
    state: dict = {}
    timer = watchdog(budget, state)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr if args.json else sys.stdout, flush=True)

    try:
        with running_server() as server:
            state["server"] = server
            result = asyncio.run(bench(server, args.sessions, args.seconds, args.baseline_seconds,
                                       args.browser_alone_seconds, log))
    finally:
        timer.cancel()
    print(table(result))
    if args.json:
        print(json.dumps(result))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
