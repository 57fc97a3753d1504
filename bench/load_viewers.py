"""Protocol-level viewers for bench/load.py: open the page, act every ~2 s, check every result, and
(when their replica dies) reconnect through nginx and check they came back with their view.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

from bench.load_protocol import ProtocolError, Session
from bench.load_user import COUNT, NONE_LABEL, Action, Truth, User
from components.text import md_escape

RUN_TIMEOUT = 60.0  # one rerun; longer counts as an error (timeout)
PERIOD = (1.5, 2.5)  # seconds between one viewer's actions (uniform jitter around ~2 s)
MAP_READY = '{"last_object_clicked_count":0,"last_object_clicked_tooltip":null}'
SEE = 0.3  # a viewer looks at a result at least this long before acting again
RECONNECT_WITHIN = 30.0  # a dropped viewer keeps trying (as the browser does) this long


@dataclass
class Tally:
    """What a phase saw: rerun latencies, initial page loads, errors by kind, and reconnections."""

    latencies: list[float] = field(default_factory=list)
    initial: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    actions: Counter = field(default_factory=Counter)
    bytes: int = 0
    refs: int = 0
    runs: int = 0  # script runs asked for (page loads count two)
    dropped: int = 0  # sessions whose websocket closed under them (their replica died)
    back: list[float] = field(default_factory=list)  # seconds from the drop to the view checked back
    lost_view: list[str] = field(default_factory=list)

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


def first_visit_cookie(url: str) -> str | None:
    """The affinity cookie nginx sets on a new visitor's first page load, as the browser gets it
    ("jjj_replica=r1"); None without nginx in front."""
    request = urllib.request.Request(url.rstrip("/") + "/", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=RUN_TIMEOUT) as response:
        for value in response.headers.get_all("Set-Cookie") or []:
            if value.startswith("jjj_replica="):
                return value.split(";", 1)[0]
    return None


async def open_user(url: str, truth: Truth, seed: int, tally: Tally) -> User:
    """A new viewer: the page (its affinity cookie, as nginx sets it), then the page's two runs."""
    cookie = await asyncio.get_running_loop().run_in_executor(None, first_visit_cookie, url)
    session = Session(url, timeout=RUN_TIMEOUT, cookie=cookie)
    await session.connect()
    run = await session.rerun()
    tally.runs += 1
    latency, received = run.latency, run.bytes
    for component in session.components():
        # As in the browser: once the map has drawn, st_folium reports its (empty) click state.
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


def current_view(user: User) -> Action:
    """What the viewer should see now: its filter's count and, if a site is chosen, its card."""
    site = user.session.value("site_select")
    return Action("view", "the view held", expect_count=user.truth.count(user.flt),
                  expect_heading=None if site in (None, NONE_LABEL) else md_escape(site))


async def come_back(user: User, dropped_at: float, tally: Tally) -> bool:
    """The page's reconnect: a new websocket through nginx (same cookie), then a rerun with the
    widget states and query string the page holds. True once the result shows the same view;
    the time counts from `dropped_at` (the kill)."""
    tally.dropped += 1
    expect = current_view(user)
    while time.monotonic() - dropped_at < RECONNECT_WITHIN:
        await user.session.close()
        try:
            await user.session.connect()
            run = await user.session.rerun()
            if not any(COUNT.match(m) for m in run.markdown):
                # a new session's first run of a link without a position draws the map only
                # (components/page_frame.sites_first): the map's report brings the rest
                for component in user.session.components():
                    user.session.set_json(component, MAP_READY)
                    run = await user.session.rerun()
        except Exception:  # noqa: BLE001 - refused, 502, closed again: retry as the browser does
            await asyncio.sleep(0.5)
            continue
        problems = user.check(expect, run)
        if problems:
            tally.lost_view.append("; ".join(problems)[:300])
            return False
        tally.back.append(time.monotonic() - dropped_at)
        return True
    tally.lost_view.append(f"no reconnection within {RECONNECT_WITHIN:.0f} s")
    return False


async def viewer(url: str, truth: Truth, seed: int, start_at: float, window: dict, tally: Tally,
                 connected: list, period: tuple[float, float] = PERIOD, survive: bool = False) -> None:
    """Connect and load the page at start_at; once the window opens, act every ~2 s until it
    closes. Every failure is counted; a session that failed stops (unless `survive`: then a
    dropped connection is a replica's death, and the viewer comes back as a browser would)."""
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
        if survive:  # a browser sees its websocket close at once, not at its next click
            closed = asyncio.ensure_future(user.session.ws.wait_closed())
            await asyncio.wait([closed], timeout=max(0.0, next_at - time.monotonic()))
            closed.cancel()
            if user.session.ws.close_code is not None or closed.done() and not closed.cancelled():
                if not await come_back(user, window.get("killed_at") or time.monotonic(), tally):
                    break
                next_at = time.monotonic() + rng.uniform(*period)
                continue
        else:
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        if time.monotonic() >= window["end"]:
            break
        held = (dict(user.session.states), user.flt)
        action = user.next_action()
        sent = time.monotonic()
        try:
            run = await user.session.rerun(action.fragment)
        except ProtocolError as exc:
            tally.error("timeout" if "within" in str(exc) else "protocol", str(exc))
            break
        except Exception as exc:  # noqa: BLE001 - websockets.ConnectionClosed, OSError
            if not survive:
                tally.error("socket", repr(exc))
                break
            user.session.states, user.flt = held  # the action never reached a live server
            if not await come_back(user, window.get("killed_at") or sent, tally):
                break
            next_at = time.monotonic() + rng.uniform(*period)
            continue
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
                      target=None, seed: int = 1000, on_go=None, period: tuple[float, float] = PERIOD,
                      survive: bool = False, window: dict | None = None) -> dict:
    """n viewers: they connect and load the page (staggered over `ramp`, all of them, however
    long the servers take, within a bound), then all act for `seconds`. RSS is sampled each
    second; CPU and rates are for the acting window. `target` (a Deployment) is measured."""
    connected: list[Session] = []
    samples: list[float] = []  # rss MB
    window = window if window is not None else {}  # the caller may set "killed_at" in it
    window.update({"n": n, "loaded": 0, "all_loaded": asyncio.Event(), "go": asyncio.Event(), "end": 0.0})
    stop = asyncio.Event()

    async def sample():
        while not stop.is_set():
            if target is not None:
                samples.append(target.rss_mb())
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except asyncio.TimeoutError:
                pass

    sampler = asyncio.create_task(sample())
    start = time.monotonic()
    tasks = [asyncio.create_task(viewer(url, truth, seed + 7 * i, start + ramp * i / max(1, n), window,
                                        tally, connected, period, survive)) for i in range(n)]
    load_bound = ramp + 2 * RUN_TIMEOUT + 10  # two runs per page load, each with its own timeout
    try:
        await asyncio.wait_for(window["all_loaded"].wait(), load_bound)
    except asyncio.TimeoutError:
        tally.error("timeout", f"not every page loaded within {load_bound:.0f} s")
    loading_s = time.monotonic() - start
    cpu0 = target.cpu_s() if target else 0.0
    proxy0 = target.nginx_cpu_s() if target else 0.0
    client0, runs0 = time.process_time(), tally.runs
    go = time.monotonic()
    window["end"] = go + seconds
    window["go"].set()
    if on_go is not None:
        on_go()
    # every run has its own timeout; this bounds the drain after the window as well
    done, pending = await asyncio.wait(tasks, timeout=seconds + RUN_TIMEOUT + RECONNECT_WITHIN + 10)
    for task in pending:
        task.cancel()
        tally.error("timeout", "viewer still running after the phase's bound")
    wall = time.monotonic() - go
    out = {"wall_s": wall, "loading_s": loading_s, "connected": len(connected),
           "server_cpu_s": (target.cpu_s() - cpu0) if target else None,
           "proxy_cpu_s": (target.nginx_cpu_s() - proxy0) if target else None,
           "client_cpu_s": time.process_time() - client0, "runs": tally.runs - runs0,
           "rss_connected_mb": target.rss_mb() if target else None,
           "rss_peak_mb": max(samples, default=None),
           "per_replica": [target.active_sessions(i) for i in range(len(target.replica_ports))]
           if target else None}
    stop.set()
    await sampler
    await asyncio.gather(*(s.close() for s in connected), return_exceptions=True)
    return out
