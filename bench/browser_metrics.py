"""What a user feels, measured in headless Chromium: time to sites, reruns on pan/zoom, filter
round trip, click -> card. Every wait is bounded; a failure is reported, never hangs the run.

Pages are offline: every request that is not for the app's own server is aborted in the browser,
so nothing leaves 127.0.0.1 (tiles stay grey, as in the browser tests).
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402

from bench.browser_driver import MAP_FRAME, click_site, page_in, reveal_site  # noqa: E402

POLL_MS = 50
STATIC_DATA = "/app/static/data/"  # where the app publishes layer data (sites, boundaries, zones)
# Sites drawn: the layer holds all n ids AND they are on screen: cluster icons when clustered (the
# layer announces itself before markercluster has finished its chunked loading); otherwise every
# exactly located site as its own marker or counted in a stack (facilities that nearly coincide
# on screen are drawn as one stack showing how many it holds), and every place badge (sites known
# only as an area or a city are drawn as their place's badge: the location model).
SITES_DRAWN = """([n, first, last]) => {
  var s = window.jjjLayers && window.jjjLayers.site;
  if (!s || s.ids.length !== n || (n && (s.ids[0] !== first || s.ids[n - 1] !== last))) return false;
  if (s.clustered) return !!document.querySelector('.marker-cluster, path.jjj-site');
  var stacked = 0;
  document.querySelectorAll('.jjj-stack span').forEach(function (e) { stacked += +e.textContent || 0; });
  return document.querySelectorAll('path.jjj-site').length + stacked === s.exact &&
    document.querySelectorAll('.jjj-badge').length >= Object.keys(s.badges || {}).length;
}"""
NAIVE_DRAWN = "([n]) => document.querySelectorAll('.leaflet-marker-icon').length >= n"
COUNT_MOVES = """() => { window.__benchMoves = 0;
  window.map.on('moveend', function () { window.__benchMoves += 1; }); }"""


@dataclass
class Watch:
    """What a page sent to the server and the script errors it raised, as they happen."""

    sent: list[tuple[float, str]] = field(default_factory=list)  # (time, BackMsg kind)
    received: list[tuple[float, int]] = field(default_factory=list)  # (time, bytes)
    fetched: list[tuple[float, object]] = field(default_factory=list)  # (time, finished request)
    errors: list[str] = field(default_factory=list)

    def static_data_bytes(self, start: float, end: float) -> int:
        """Bytes of the files the map fetched from the app's static/data/ (published layer data)."""
        total = 0
        for t, request in self.fetched:
            if start <= t <= end and STATIC_DATA in request.url:
                with contextlib.suppress(Exception):
                    total += max(0, request.sizes()["responseBodySize"])
        return total

    def bytes_between(self, start: float, end: float) -> int:
        """Bytes the server pushed over the websocket (whole page: map, widgets, card)."""
        return sum(size for t, size in self.received if start <= t <= end)

    def reruns_between(self, start: float, end: float) -> int:
        return sum(1 for t, kind in self.sent if start <= t <= end and kind == "rerun_script")

    def frames_between(self, start: float, end: float) -> int:
        return sum(1 for t, _ in self.sent if start <= t <= end)


@contextlib.contextmanager
def watched_page(browser, base_url: str):
    """A page in a fresh context, offline but for base_url, watching websocket frames and errors."""
    with page_in(browser) as page:
        watch = Watch()
        page.route(re.compile(r"^(?!" + re.escape(base_url) + r")"), lambda route: route.abort())
        page.on("pageerror", lambda exc: watch.errors.append(str(exc)[:300]))
        page.on("requestfinished", lambda request: watch.fetched.append((time.monotonic(), request)))
        page.on("websocket", lambda ws: _watch_socket(ws, watch))
        yield page, watch


def _watch_socket(ws, watch: Watch) -> None:
    ws.on("framesent", lambda payload: watch.sent.append((time.monotonic(), _backmsg_kind(payload))))
    ws.on("framereceived", lambda payload: watch.received.append((time.monotonic(), len(payload))))


def _backmsg_kind(payload) -> str:
    if isinstance(payload, str):
        return "text"
    msg = BackMsg()
    try:
        msg.ParseFromString(payload)
    except Exception:  # noqa: BLE001 - anything unparseable is just "other"
        return "other"
    return msg.WhichOneof("type") or "other"


def find_map_frame(page):
    return next((f for f in page.frames if MAP_FRAME in f.url), None)


def poll_frame(page, watch: Watch, js: str, arg, timeout_s: float) -> float | None:
    """Seconds until `js(arg)` is true in the map iframe; None on timeout or a script error."""
    start = time.monotonic()
    errors = len(watch.errors)
    while time.monotonic() - start < timeout_s:
        frame = find_map_frame(page)
        if frame is not None:
            with contextlib.suppress(Exception):  # the frame may be (re)loading
                if frame.evaluate(js, arg):
                    return time.monotonic() - start
        if len(watch.errors) > errors:
            return None  # the map script threw: it will not draw
        page.wait_for_timeout(POLL_MS)  # also lets Playwright process events (new frames)
    return None


def settle(page, watch: Watch, quiet_s: float = 1.5, timeout_s: float = 30) -> None:
    """Wait until the server has pushed nothing for quiet_s (a rerun the load triggered is over)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        last = max((t for t, _ in watch.received), default=start)
        if time.monotonic() - max(last, start) >= quiet_s:
            return
        page.wait_for_timeout(100)


def time_to_sites(page, watch: Watch, url: str, ids: list[str], timeout_s: float) -> float | None:
    """From page.goto until the map's sites layer holds `ids` and its markers are on screen."""
    start = time.monotonic()
    page.goto(url, timeout=timeout_s * 1000)
    left = timeout_s - (time.monotonic() - start)
    waited = poll_frame(page, watch, SITES_DRAWN, _ids_arg(ids), left)
    return None if waited is None else time.monotonic() - start


def naive_time_to_markers(page, watch: Watch, url: str, n: int, timeout_s: float) -> float | None:
    start = time.monotonic()
    page.goto(url, timeout=timeout_s * 1000)
    waited = poll_frame(page, watch, NAIVE_DRAWN, [n], timeout_s - (time.monotonic() - start))
    return None if waited is None else time.monotonic() - start


def _ids_arg(ids: list[str]) -> list:
    return [len(ids), ids[0] if ids else "", ids[-1] if ids else ""]


GESTURES = 7  # three drags, four wheel zooms (_drag_and_zoom)


def pan_zoom_reruns(page, watch: Watch) -> dict:
    """Reruns the server was asked for during drags and wheel zooms, minus those of an equally
    long idle spell just before (heartbeats and the like are not reruns; the idle spell should
    show 0 as well). The map reports its view when a gesture ends (debounced), so the server
    can keep the URL and the link in step: the design allows one cheap rerun per gesture end.
    `bytes` is what the server sent back meanwhile: small when those runs left the map alone."""
    frame = find_map_frame(page)
    frame.evaluate(COUNT_MOVES)
    settle(page, watch)
    idle_start = time.monotonic()
    page.wait_for_timeout(4000)
    idle_end = time.monotonic()
    _drag_and_zoom(page)
    page.wait_for_timeout(2000)  # a rerun would be requested well within this
    end = time.monotonic()
    baseline = watch.reruns_between(idle_start, idle_end)
    return {"reruns": watch.reruns_between(idle_end, end) - baseline, "idle_reruns": baseline,
            "gestures": GESTURES, "bytes": watch.bytes_between(idle_end, end),
            "frames": watch.frames_between(idle_end, end), "idle_frames":
                watch.frames_between(idle_start, idle_end),
            "moves": frame.evaluate("() => window.__benchMoves")}


def _drag_and_zoom(page) -> None:
    """Three drags and two wheel zooms in, two out, in the middle of the map."""
    box = page.locator(f"iframe[src*='{MAP_FRAME}']").bounding_box()
    cx, cy = box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.5
    for dx, dy in ((160, 60), (-120, 100), (-40, -160)):
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx + dx, cy + dy, steps=10)
        page.mouse.up()
        page.wait_for_timeout(300)
    for delta in (-200, -200, 200, 200):
        page.mouse.move(cx, cy)
        page.mouse.wheel(0, delta)
        page.wait_for_timeout(600)


def filter_roundtrip(page, watch: Watch, region: str, expected: list[str], timeout_s: float) -> float | None:
    """From choosing `region` in the sidebar's Region filter until the map holds `expected`."""
    page.locator(".st-key-filter_region input").click(timeout=timeout_s * 1000)
    option = page.get_by_role("option", name=re.compile(rf"^{re.escape(region)} \("))
    option.wait_for(timeout=timeout_s * 1000)
    start = time.monotonic()
    option.click()
    waited = poll_frame(page, watch, SITES_DRAWN, _ids_arg(expected), timeout_s)
    page.keyboard.press("Escape")  # close the dropdown
    return None if waited is None else time.monotonic() - start


def click_opens_card(page, site_id: str, name: str, timeout_s: float = 30) -> tuple[bool, str]:
    """Bring the site onto the screen, click it; its card must open and the URL name it."""
    try:
        frame = find_map_frame(page)
        reveal_site(frame, site_id, timeout=timeout_s * 1000)
        click_site(page, frame, site_id)
        page.wait_for_function(f"() => location.search.includes('site={site_id}')",
                               timeout=timeout_s * 1000)
        card = page.locator(".st-key-site_card")
        card.get_by_text(name, exact=False).first.wait_for(timeout=timeout_s * 1000)
        return True, "card and URL ok"
    except Exception as exc:  # noqa: BLE001 - the check reports what went wrong instead of stopping
        return False, f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"
