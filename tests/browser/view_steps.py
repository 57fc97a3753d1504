"""What a person does and reads in the view journeys (tests/browser/test_view_browser.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from bench.browser_driver import map_frame, wait_for_sites

SIZES = {"desktop": (1400, 1000), "laptop": (1280, 720), "phone": (390, 844)}
OTHER = {"en": "zh", "zh": "en"}
LANG_BUTTON = {"en": "English", "zh": "中文"}
# A site known only as somewhere in an area (no marker of its own): id, its place, its name.
XIONGAN = ("xiongan-medical-complex", "xiongan-new-area-extent",
           {"en": "Xiong'an integrated medical complex", "zh": "雄安新区医疗综合体"})
XIONGAN_GROUP = {"en": "in Xiong'an New Area", "zh": "雄安新区内"}


def shot(page, name: str, tmp_path: Path) -> None:
    """A screenshot of a journey's end: into $JJJ_SHOTS when set (the closing note's), else tmp."""
    folder = Path(os.environ.get("JJJ_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))


def params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def map_view(frame) -> tuple[float, float, int]:
    return tuple(frame.evaluate(
        "() => { var c = window.map.getCenter(); return [c.lat, c.lng, window.map.getZoom()]; }"))


def settle(page, frame, quiet_ms: int = 1200, timeout: float = 30) -> tuple[float, float, int]:
    """Wait until the map has stopped moving and the app is idle; returns the map's view."""
    deadline = time.monotonic() + timeout
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        frame.wait_for_function("() => !window.map._animatingZoom", timeout=30_000)
        now = (map_view(frame), page.url, running(page))
        if now != last or now[2]:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_ms / 1000:
            return now[0]
        page.wait_for_timeout(150)
    raise TimeoutError(f"the page never settled (last: {last})")


def running(page) -> bool:
    return page.locator("[data-testid='stStatusWidget']").count() > 0


# The site markers Leaflet has on the map (what is drawn), found the way a user's eye would:
# by what the map holds, not by what our layer script says it drew.
MARKERS = """(function () { var out = []; window.map.eachLayer(function (l) {
    if (l.jjjId && l.options.className && l.options.className.indexOf('jjj-site') === 0) out.push(l);
  }); return out; })()"""


def selected_on_map(frame) -> list[str]:
    """Ids of the markers drawn highlighted: the black ring the eye sees as selected."""
    return frame.evaluate("() => " + MARKERS + """
        .filter(m => m._path && m._path.isConnected && m._path.getAttribute('stroke') === '#000')
        .map(m => m.jjjId)""")


def marker_point(frame, site_id: str):
    """Where `site_id`'s marker is drawn in the map (container pixels), or None."""
    return frame.evaluate("""(id) => {
        var m = """ + MARKERS + """.filter(m => m.jjjId === id)[0];
        if (!m || !m._path || !m._path.isConnected) return null;
        var p = window.map.latLngToContainerPoint(m.getLatLng()), s = window.map.getSize();
        return [p.x, p.y, s.x, s.y];
    }""", site_id)


def central_site(frame) -> str:
    """The shown site drawn nearest the map's centre with no other marker close by (a tap on it
    cannot land on a neighbour), clear of the controls at the edges."""
    return frame.evaluate("""() => {
        var s = window.map.getSize(), best = null, dist = 1e9, pts = [];
        """ + MARKERS + """.forEach(function (m) {
          if (!m._path || !m._path.isConnected) return;
          pts.push([m.jjjId, window.map.latLngToContainerPoint(m.getLatLng())]);
        });
        var top = {};  // a tap lands on what is drawn on top (a badge may cover a marker)
        """ + MARKERS + """.forEach(function (m) {
          if (!m._path) return;
          var p = window.map.latLngToContainerPoint(m.getLatLng());
          top[m.jjjId] = document.elementFromPoint(p.x, p.y) === m._path;
        });
        pts.forEach(function (a) {
          var alone = top[a[0]] && pts.every(b => b === a || Math.hypot(a[1].x - b[1].x, a[1].y - b[1].y) > 16);
          var d = Math.hypot(a[1].x - s.x / 2, a[1].y - s.y / 2);
          if (alone && d < dist) { dist = d; best = a[0]; }
        });
        return best;
    }""")


def tap_site(page, frame, site_id: str) -> None:
    """Click (tap) a marker where it is drawn, without moving the map first."""
    x, y, w, h = marker_point(frame, site_id)
    assert 0 < x < w and 0 < y < h, f"{site_id} is not on the map's screen"
    box = page.locator("iframe[src*='streamlit_folium']").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def drag_map(page, dx: int, dy: int) -> None:
    """Pan with the mouse, as a person does."""
    box = page.locator("iframe[src*='streamlit_folium']").bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 11):
        page.mouse.move(x + dx * i / 10, y + dy * i / 10)
    page.mouse.up()


def sidebar(page):
    """The sidebar, opened if the window keeps it folded (phone)."""
    expand = page.locator("[data-testid='stExpandSidebarButton']")
    if expand.count() and expand.is_visible():
        expand.click()
    bar = page.locator("[data-testid='stSidebar']")
    bar.locator(".st-key-lang_switch").wait_for(timeout=20_000)
    page.wait_for_timeout(400)  # its slide-in
    return bar


def close_sidebar(page) -> None:
    """Fold the sidebar again where it covers the page (phone)."""
    if page.viewport_size["width"] >= 640:
        return
    button = page.locator("[data-testid='stSidebarCollapseButton'] button")
    if button.count():
        button.first.click(force=True)
    page.wait_for_timeout(500)


def choose_city(page, label: str) -> None:
    bar = sidebar(page)
    box = bar.locator(".st-key-filter_city input")
    box.click()
    box.fill(label)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    close_sidebar(page)


def switch_language(page, lang: str) -> None:
    sidebar(page).locator(".st-key-lang_switch").get_by_text(LANG_BUTTON[lang], exact=True).click()
    page.wait_for_function(f"() => document.documentElement.lang.startsWith('{lang}')", timeout=30_000)
    close_sidebar(page)


def link_box(page) -> str:
    """The link the "Link to this view" popover offers."""
    sidebar(page).locator("[data-testid='stPopover'] button").first.click()
    code = page.locator("[data-testid='stPopoverBody'] code").first
    code.wait_for(timeout=20_000)
    text = code.inner_text().strip()
    page.keyboard.press("Escape")
    close_sidebar(page)
    return text


def card_title(page) -> str:
    return page.locator(".st-key-site_card h3").inner_text(timeout=30_000).strip()


def wait_card(page, title: str) -> None:
    page.locator(".st-key-site_card h3", has_text=title).first.wait_for(timeout=30_000)


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] \
        and box["x"] >= 0 and box["x"] + box["width"] <= size["width"]


def area_in_view(frame, place: str) -> bool:
    """The place's badge is drawn selected and, for an area, its highlighted outline lies within
    the map's screen (what a person sees as 'this area, on the map')."""
    return frame.evaluate("""(key) => {
        var badge = document.querySelector('.jjj-badge-selected[data-place="' + key + '"] span');
        if (!badge) return false;
        var map = window.map.getContainer().getBoundingClientRect();
        var inside = r => r.width > 0 && r.left >= map.left && r.right <= map.right &&
                          r.top >= map.top && r.bottom <= map.bottom;
        var outline = Array.from(document.querySelectorAll('path.leaflet-interactive, path'))
          .filter(p => p.getAttribute('stroke-dasharray') === '8 5');
        if (badge.parentElement.classList.contains('jjj-badge-area') && outline.length !== 1) return false;
        return inside(badge.getBoundingClientRect()) && outline.every(p => inside(p.getBoundingClientRect()));
    }""", place)


def url_shows(url: str, view: tuple[float, float, int]) -> bool:
    """The address bar's lat/lon/zoom show the map's `view`: the same zoom, the centre within a
    screen pixel (the map reports its view; a sub-pixel report is no move) and within 0.005°."""
    p = params(url)
    lat, lon, zoom = float(p["lat"][0]), float(p["lon"][0]), int(p["zoom"][0])
    pixel = 360.0 / (256 * 2 ** zoom)  # degrees of longitude per screen pixel at this zoom
    return zoom == view[2] and abs(lon - view[1]) <= min(pixel, 0.005) + 1e-4 \
        and abs(lat - view[0]) <= min(pixel, 0.005) + 1e-4  # + the URL's rounding to 4 decimals


def open_sites_row(page, url: str):
    """Open the Sites page at `url`, tick its first row's selection box; the map page's frame."""
    page.goto(url)
    grid = page.locator("[data-testid='stDataFrame']")
    grid.wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first row's selection box
    frame = map_frame(page)  # the map page opened
    wait_for_sites(frame)
    return frame
