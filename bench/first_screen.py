"""Where a first visit's time goes: a short probe of the map page's first screen (issue 15).

    python bench/first_screen.py [--sites 100] [--loads 5] [--json]

Loads Streamlit's blank page and the map page alternately in one headless Chromium (fresh context
per load, offline but for the app, as bench/run.py does), prints each median, their ratio and the
machine's load average; then, for the last load of the map, a timeline in ms after navigation from
the browser's own Resource Timing (the page's and the map iframe's, on one clock) and a
MutationObserver: the first websocket message, the widget chunks, the component's index.html,
streamlit-folium's main.js, the map's files, when the map's iframe was created (once per load), the
skeletons React shows until each element's chunk is in, and the script runs the load asked for. A
probe to guide work, not a bench: run.py gives the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.blank_page import BLANK_APP, blank_load  # noqa: E402
from bench.browser_driver import launched_browser, running_app, running_script  # noqa: E402
from bench.browser_metrics import (SITES_DRAWN, _ids_arg, find_map_frame, poll_frame,  # noqa: E402
                                   settle, watched_page)
from bench.generate import generate  # noqa: E402
from geodata import Filter, apply, load_layers  # noqa: E402

# Installed before the page's own scripts: when each element's skeleton count changes.
MARKS = """if (window === window.top) {
  window.__jjjSkeletons = []; window.__jjjFrames = []; var last = -1;
  new MutationObserver(function () {
    var n = document.querySelectorAll('[data-testid="stSkeleton"]').length;
    if (n !== last) { last = n; window.__jjjSkeletons.push([Math.round(performance.now()), n]); }
    document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function (f) {
      if (!f.__jjjSeen) { f.__jjjSeen = true; window.__jjjFrames.push(Math.round(performance.now())); }
    });
  }).observe(document, {childList: true, subtree: true});
}"""
ENTRIES = """() => [performance.timeOrigin, performance.getEntriesByType('resource').map(
  e => [e.name, Math.round(e.startTime), Math.round(e.responseEnd)])]"""
KEYS = ("ComponentInstance", "index.html", "main.", "/app/static/")
PUBLISHED = Path(__file__).resolve().parents[1] / "static" / "data"  # sites files the app writes


def map_load(browser, url: str, ids: list[str], detail: bool) -> dict:
    with watched_page(browser, url) as (page, watch):
        page.add_init_script(MARKS)
        start = time.monotonic()
        page.goto(url)
        waited = poll_frame(page, watch, SITES_DRAWN, _ids_arg(ids), 90)
        out = {"s": None if waited is None else time.monotonic() - start}
        if detail and waited is not None:
            out["first_message_ms"] = round((watch.received[0][0] - start) * 1000) if watch.received else None
            settle(page, watch)
            out["script_runs"] = watch.reruns_between(start, time.monotonic())
            out["skeletons"] = page.evaluate("() => window.__jjjSkeletons")
            out["map_frames"] = page.evaluate("() => window.__jjjFrames")  # created at (ms)
            out["timeline"] = timeline(page)
        return out


def timeline(page) -> list:
    """Resource entries of the page and the map iframe on the page's clock, in start order."""
    origin, rows = page.evaluate(ENTRIES)
    frame = find_map_frame(page)
    inner_origin, inner = frame.evaluate(ENTRIES) if frame else (origin, [])
    shift = round(inner_origin - origin)
    rows = [["page", *r] for r in rows] + [["map", r[0], r[1] + shift, r[2] + shift] for r in inner]
    return sorted(rows, key=lambda r: r[2])


def report(blank: list, ours: list, last: dict, load: tuple[float, float]) -> dict:
    b, o = statistics.median(blank), statistics.median(ours)
    print(f"blank page {b:.3f} s, map page {o:.3f} s (medians of {len(ours)}): {o / b:.2f} x blank; "
          f"load average {load[0]:.2f} -> {load[1]:.2f}")
    print(f"first websocket message {last['first_message_ms']} ms; script runs {last['script_runs']}; "
          f"map iframes created at {last['map_frames']} ms; skeletons (ms, shown) {last['skeletons']}")
    after = last["first_message_ms"] or 0
    chunks = [r for r in last["timeline"] if r[0] == "page" and "/static/js/" in r[1] and r[2] >= after]
    if chunks:
        print(f"widget chunks after the first message: {len(chunks)}, requested {min(r[2] for r in chunks)}-"
              f"{max(r[2] for r in chunks)} ms, all in by {max(r[3] for r in chunks)} ms")
    for where, name, begin, end in last["timeline"]:
        if any(k in name for k in KEYS):
            print(f"  {where:4} {begin:6} {end:6}  {name.split('?')[0][-70:]}")
    return {"blank_s": round(b, 3), "time_to_sites_s": round(o, 3), "vs_blank": round(o / b, 2),
            "load": load, **{k: last[k] for k in ("first_message_ms", "script_runs", "map_frames", "skeletons")}}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    before = set(PUBLISHED.glob("sites-*.json*"))
    with tempfile.TemporaryDirectory(prefix="jjj-first-") as tmp:
        data = generate(args.sites, Path(tmp) / "sites", seed=args.sites)
        layers = load_layers(data)
        ids = list(apply(Filter(), layers.sites, layers.plans)["id"])
        load_start = os.getloadavg()[0]
        with launched_browser() as browser, running_script(BLANK_APP) as blank_url, running_app(data) as url:
            blank_load(browser, blank_url, 60)
            map_load(browser, url, ids, False)  # the server's first page loads the data: not counted
            blank, ours, last = [], [], {}
            for i in range(args.loads):
                blank.append(blank_load(browser, blank_url, 60))
                last = map_load(browser, url, ids, i == args.loads - 1)
                ours.append(last["s"])
    for path in set(PUBLISHED.glob("sites-*.json*")) - before:  # this run's synthetic data only
        path.unlink(missing_ok=True)
    if None in blank or None in ours or "timeline" not in last:
        print(f"a load failed: blank {blank}, map {ours}", file=sys.stderr)
        return 1
    result = report(blank, ours, last, (load_start, os.getloadavg()[0]))
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
