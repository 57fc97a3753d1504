"""One real browser viewer alongside the protocol load: what a person feels.

Run as a subprocess of bench/load.py (so its Playwright driver does not share the load client's
interpreter): ``python -m bench.load_browser URL SECONDS``. It opens the Map page in Debian's
Chromium (launched as the browser tests launch it), prints ``READY`` once the map shows all sites,
then every ~3 s changes the sidebar's Region filter (picks a region, then removes it with
Backspace, as a person would) from the moment it reads ``GO`` on stdin, and times each change until the map iframe's
``window.jjjLayers.site.ids`` holds exactly the sites `geodata.apply` says match. Its last line
is a JSON object. The page is offline except for the app: every other request is aborted, so
nothing leaves 127.0.0.1 (tiles stay grey).
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402

from geodata import Filter, apply, data_dir, load_layers  # noqa: E402
from bench.browser_driver import MAP_FRAME, launched_browser, page_in  # noqa: E402

POLL_S = 0.05
IDS = """() => window.jjjLayers && window.jjjLayers.site ? window.jjjLayers.site.ids : null"""


def expected_ids(layers, region: str | None) -> list[str]:
    flt = Filter(region=(region,)) if region else Filter()
    return sorted(apply(flt, layers.sites, layers.plans)["id"])


def wait_ids(page, expect: list[str], timeout_s: float) -> float | None:
    """Seconds until the map's site layer holds `expect`; None on timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        for frame in page.frames:
            if MAP_FRAME in frame.url:
                with contextlib.suppress(Exception):  # the frame may be (re)loading
                    ids = frame.evaluate(IDS)
                    if ids is not None and len(ids) == len(expect) and sorted(ids) == expect:
                        return time.monotonic() - start
        page.wait_for_timeout(POLL_S * 1000)
    return None


def main(url: str, seconds: float, timeout_s: float = 60.0) -> dict:
    layers = load_layers(data_dir())
    labels = {k: layers.vocab.label("region", k, "en") for k in layers.vocab.keys("region")}
    regions = [k for k in labels if expected_ids(layers, k)]  # a region with sites
    rng = random.Random(7)
    out = {"changes": [], "errors": [], "page_errors": [], "load_s": None, "reruns_sent": 0}
    sent: list[str] = []
    with launched_browser() as browser, page_in(browser) as page:
        page.route(re.compile(r"^(?!" + re.escape(url) + r")"), lambda route: route.abort())
        page.on("pageerror", lambda exc: out["page_errors"].append(str(exc)[:200]))
        page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(_kind(payload))))
        start = time.monotonic()
        page.goto(url, timeout=timeout_s * 1000)
        if wait_ids(page, expected_ids(layers, None), timeout_s) is None:
            out["errors"].append("the map never showed all sites")
            print("READY", flush=True)
            return out
        out["load_s"] = round(time.monotonic() - start, 3)
        settle = time.monotonic() + 15  # the page load's 2nd run: st_folium reports its state
        while sent.count("rerun_script") < 2 and time.monotonic() < settle:
            page.wait_for_timeout(100)
        page.wait_for_timeout(1000)
        wait_ids(page, expected_ids(layers, None), timeout_s)
        print("READY", flush=True)
        if sys.stdin.readline().strip() != "GO":  # the load is ready too (EOF: it gave up)
            return out
        sent.clear()  # from here on: reruns the browser asked for, per filter change
        box = page.locator(".st-key-filter_region input")
        end = time.monotonic() + seconds
        selected = None
        while time.monotonic() < end - 1:
            tick = time.monotonic()
            try:
                box.click(timeout=timeout_s * 1000)
                if selected is None:
                    region = rng.choice(regions)
                    option = page.get_by_role("option", name=re.compile(rf"^{re.escape(labels[region])} \("))
                    option.wait_for(timeout=timeout_s * 1000)
                    expect, t0 = expected_ids(layers, region), time.monotonic()
                    option.click()
                    selected, what = region, f"region={region}"
                else:
                    expect, t0 = expected_ids(layers, None), time.monotonic()
                    page.keyboard.press("Backspace")
                    selected, what = None, "region cleared"
                page.keyboard.press("Escape")
                waited = wait_ids(page, expect, timeout_s)
                if waited is None:
                    out["errors"].append(f"{what}: the map did not show the {len(expect)} sites "
                                         f"within {timeout_s:.0f} s")
                else:
                    out["changes"].append({"what": what, "seconds": round(time.monotonic() - t0, 3),
                                           "sites": len(expect)})
            except Exception as exc:  # noqa: BLE001 - report, keep the run bounded
                out["errors"].append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
                break
            page.wait_for_timeout(max(0.2, 3.0 + rng.uniform(-0.5, 0.5) - (time.monotonic() - tick)) * 1000)
        out["reruns_sent"] = sent.count("rerun_script")
    return out


def _kind(payload) -> str:
    msg = BackMsg()
    try:
        msg.ParseFromString(payload if isinstance(payload, bytes) else b"")
    except Exception:  # noqa: BLE001 - not a BackMsg
        return "other"
    return msg.WhichOneof("type") or "other"


if __name__ == "__main__":
    result = main(sys.argv[1].rstrip("/"), float(sys.argv[2]))
    print(json.dumps(result), flush=True)
