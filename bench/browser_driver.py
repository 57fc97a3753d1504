"""Drive Debian's Chromium with Playwright against a dashboard served on 127.0.0.1.

Shared by the browser tests, the benchmarks and scripts/screenshot.py (tools never import tests/)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
MAP_FRAME = "streamlit_folium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(data_dir: str | os.PathLike | None = None, timeout: float = 60, base_path: str = ""):
    """A streamlit server for app.py on a free loopback port; yields its base URL (which ends in
    `/base_path` when one is given: Streamlit's server.baseUrlPath, as behind a proxy)."""
    with running_server(data_dir, timeout, base_path=base_path) as (url, _proc, _log):
        yield url


@contextlib.contextmanager
def running_script(script: str | os.PathLike, data_dir: str | os.PathLike | None = None,
                   timeout: float = 60):
    """A streamlit server for any script (e.g. a benchmark's) on a free loopback port; yields its URL."""
    with running_server(data_dir, timeout, script) as (url, _proc, _log):
        yield url


@contextlib.contextmanager
def running_server(data_dir: str | os.PathLike | None = None, timeout: float = 60,
                   script: str | os.PathLike | None = None, port: int | None = None,
                   base_path: str = ""):
    """(url, process, log path) of a streamlit server for `script` (app.py) on a loopback port
    (`port`: a given one, e.g. to restart a server where a browser is still connected).

    Its output goes to a log file, never to an unread pipe (a full pipe would stall the server)."""
    port = port or free_port()
    env = dict(os.environ)
    if data_dir:
        env["JJJ_DATA_DIR"] = str(data_dir)
    cmd = [sys.executable, "-m", "streamlit", "run", str(script or ROOT / "app.py"),
           "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
           *(["--server.baseUrlPath", base_path] if base_path else [])]
    log = Path(tempfile.mkstemp(prefix="jjj-server-", suffix=".log")[1])
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}" + (f"/{base_path.strip('/')}" if base_path.strip("/") else "")
    try:
        wait_healthy(url, proc, log, timeout)
        yield url, proc, log
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def wait_healthy(url: str, proc, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy at {url}")


@contextlib.contextmanager
def browser_page(width: int = 1400, height: int = 1000):
    with launched_browser() as browser:
        with page_in(browser, width, height) as page:
            yield page


@contextlib.contextmanager
def launched_browser():
    """Headless Debian Chromium, launched the one way every browser test and benchmark uses."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def page_in(browser, width: int = 1400, height: int = 1000):
    """A page in a fresh context (no cache, cookies or storage shared with other pages)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


def map_frame(page, timeout: float = 60_000):
    """The streamlit-folium iframe once Leaflet has built the map in it."""
    page.wait_for_selector(f"iframe[src*='{MAP_FRAME}']", timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        for frame in page.frames:
            if MAP_FRAME in frame.url:
                with contextlib.suppress(Exception):
                    if frame.evaluate("() => !!(window.map && window.L)"):
                        return frame
        time.sleep(0.2)
    raise TimeoutError("the map never appeared")


def wait_for_sites(frame, layer: str = "site", timeout: float = 60_000, expect=None,
                   selected: str | None = None) -> list[str]:
    """Site ids the map's sites layer holds, once drawn (and equal to `expect` when given); with
    `selected`, once the map highlights that site's marker ("": none), i.e. has drawn the server's
    answer to a click (the layer drawn before the click holds the same ids)."""
    deadline, ids, marked = time.monotonic() + timeout / 1000, None, None
    while time.monotonic() < deadline:
        ids = frame.evaluate(f"() => window.jjjLayers && window.jjjLayers['{layer}'] ? "
                             f"window.jjjLayers['{layer}'].ids : null")
        marked = None if selected is None else frame.evaluate("""(layer) => { var out = [];
          window.map.eachLayer(function (l) { var c = " " + ((l.options || {}).className || "") + " ";
            if (c.indexOf(" jjj-" + layer + " ") >= 0 && c.indexOf(" jjj-selected ") >= 0) { out.push(l.jjjId); } });
          return out; }""", layer)  # the sites whose markers the map draws highlighted
        if ids is not None and (expect is None or sorted(ids) == sorted(expect)) and \
                (selected is None or marked == ([selected] if selected else [])):
            return list(ids)
        time.sleep(0.2)
    raise TimeoutError(f"sites layer not drawn as expected (last: {ids!r}, highlighted: {marked!r})")


def open_map(page, url: str, layer: str = "site", expect=None, timeout: float = 60_000):
    """Open `url` as a visitor does and wait until the map's sites are drawn and the rest of the
    page has come (a first visit draws the map first, the controls right after: the language
    switch is in every whole page); returns the map's frame (every browser journey's first step)."""
    page.goto(url)
    frame = map_frame(page, timeout)
    wait_for_sites(frame, layer, timeout, expect)
    page.locator(".st-key-lang_switch").first.wait_for(state="attached", timeout=timeout)
    return frame


def drawn_markers(frame, layer: str = "site") -> int:
    return frame.locator(f"path.jjj-{layer}").count()


def click_site(page, frame, site_id: str, layer: str = "site") -> None:
    """Click the marker of `site_id` where it is drawn on screen, after centring the map on it."""
    page.locator(f"iframe[src*='{MAP_FRAME}']").scroll_into_view_if_needed()  # e.g. on a phone
    box = page.locator(f"iframe[src*='{MAP_FRAME}']").bounding_box()
    # Markers move while a zoom animation (e.g. the fit to the filtered sites) runs: wait it out.
    frame.wait_for_function("() => !window.map._animatingZoom", timeout=30_000, polling=100)
    point = frame.evaluate(
        """(id) => {
          var found = null;  // markers carry their id (tooltips are built on first touch)
          window.map.eachLayer(function (l) {
            if (!found && l.getLatLng && l.jjjId === id[1] && (l.options.className || "").split(" ").indexOf("jjj-" + id[0]) >= 0) {
              found = l;
            }
          });
          if (!found) return null;
          window.map.panTo(found.getLatLng(), {animate: false});  // out from under the legend
          var p = window.map.latLngToContainerPoint(found.getLatLng());
          return [p.x, p.y];
        }""", [layer, site_id])
    if point is None:
        raise LookupError(f"site {site_id} is not drawn on the map")
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


def drawn_badges(frame) -> dict[str, str]:
    """Place key -> the badge's own text, for every area/city badge on the map."""
    return frame.evaluate("""() => {
      var out = {};
      window.map.eachLayer(function (l) {
        if (l._icon && l.jjjCount !== undefined) { out[l.jjjId] = l._icon.innerText; }
      });
      return out;
    }""")


def click_badge(page, frame, key: str) -> None:
    """Click the badge of the place `key` (an area id or "city:Name"), centred on the map first.
    A badge counted with its neighbours in a group badge is reached as a person does: a click on
    the group zooms in until it shows on its own. A badge is an element (not an SVG path):
    Playwright clicks it where it is, after any reflow."""
    for _ in range(8):
        badges_laid_out(frame)
        found = frame.evaluate(
            """(key) => {
              var found = null;
              window.map.eachLayer(function (l) {
                if (!found && l._icon && l.jjjCount !== undefined && l.jjjId === key) { found = l; }
              });
              if (found) { window.map.panTo(found.getLatLng(), {animate: false}); }
              return !!found;
            }""", key)
        if not found:
            raise LookupError(f"no badge for {key} on the map")
        badges_laid_out(frame)  # again after the move
        badge = frame.locator(f'.jjj-badge[data-place="{key}"]')
        if "jjj-badge-merged" not in (badge.get_attribute("class") or ""):
            badge.locator("span").click(timeout=30_000)
            return
        frame.locator(f'.jjj-badge-group[data-places~="{key}"] span').click(timeout=30_000)
    raise LookupError(f"the badge of {key} never showed on its own")


def badges_laid_out(frame, timeout: float = 30_000) -> None:
    """Wait until the map has stopped moving and its badges are laid out (place_badges.js lays them
    out in the frame after a move, a redraw or a control's resize): one frame, then, after its
    rendering (resizes seen), one more. Frames come late on a loaded machine, never out of order."""
    frame.wait_for_function("() => !window.map._animatingZoom && !(window.map._panAnim && "
                            "window.map._panAnim._inProgress)", timeout=timeout, polling=100)
    frame.evaluate("() => new Promise(function (done) { requestAnimationFrame(function () {"
                   " setTimeout(function () { requestAnimationFrame(done); }, 0); }); })")


def shown_badges(frame) -> list[dict]:
    """What a person sees of the badges: for each badge drawn (a place's, or a group's), its text,
    its box and its place's point (frame pixels), the places it stands for (a group: several)."""
    return frame.evaluate("""() => Array.from(document.querySelectorAll('.jjj-badge')).filter(
        function (icon) { return icon.querySelector('span').getBoundingClientRect().width > 0; }
      ).map(function (icon) {
        var b = icon.querySelector('span').getBoundingClientRect(), a = icon.getBoundingClientRect();
        return {text: icon.innerText.trim(), box: [b.left, b.top, b.right, b.bottom], at: [a.left, a.top],
                places: (icon.dataset.places || icon.dataset.place).split(' '),
                group: icon.classList.contains('jjj-badge-group')};
      })""")


def reveal_site(frame, site_id: str, zoom: int = 16, timeout: float = 30_000) -> None:
    """Bring one site's marker onto the screen, clustered or not, so click_site can click it.

    Centres the map on it at a zoom where clusters have broken up (the layer stops clustering at
    14); if it still sits in a cluster there, spiderfies that cluster. (Leaflet.markercluster's
    own zoomToShowLayer only works for icon markers, never for circle markers.)"""
    # Leaflet ignores setView while a zoom animation runs (e.g. the layer's fitBounds on load).
    frame.wait_for_function("() => !window.map._animatingZoom", timeout=timeout, polling=100)
    outcome = frame.evaluate(
        """([id, zoom, timeout]) => new Promise(function (resolve) {
          var found = null, owner = null, map = window.map;
          var holds = function (l) {
            return !!(l.getLatLng && l.jjjId === id && l.options.className === "jjj-site");
          };
          map.eachLayer(function (l) {
            if (found) return;
            if (l.getVisibleParent && l.getLayers) {  // a MarkerClusterGroup: search its markers
              var all = l.getLayers();
              for (var i = 0; i < all.length && !found; i++) {
                if (holds(all[i])) { found = all[i]; owner = l; }
              }
            } else if (holds(l)) { found = l; }
          });
          if (!found) { resolve("not in any layer"); return; }
          setTimeout(function () { resolve("not shown after " + timeout + " ms"); }, timeout);
          map.setView(found.getLatLng(), zoom, {animate: false});
          var settled = function () {
            if ((owner && owner._inZoomAnimation) || map._animatingZoom) { setTimeout(settled, 50); return; }
            if (map.hasLayer(found)) { resolve("shown"); return; }
            var cluster = owner && owner.getVisibleParent(found);
            if (!cluster || !cluster.spiderfy) { resolve("neither drawn nor in a visible cluster"); return; }
            owner.once("spiderfied", function () { resolve("shown"); });
            cluster.spiderfy();
          };
          settled();
        })""", [site_id, zoom, timeout])
    if outcome != "shown":
        raise LookupError(f"site {site_id} could not be brought onto the map: {outcome}")
    frame.wait_for_function(  # no spider or zoom animation left before anyone clicks it
        "() => !window.map._animatingZoom && !document.querySelector('.leaflet-cluster-anim')",
        timeout=timeout, polling=100)
