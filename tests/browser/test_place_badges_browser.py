"""Place badges yield, in real Chromium at the opening zoom of region views (desktop and phone,
English and 中文): no badge lies over a facility's own marker (or a stack of them), no two badges
overlap, a mouse click on a marker's visible centre selects that facility and a click on a badge
opens its place's list."""

import pytest

from bench.browser_driver import (MAP_FRAME, badges_laid_out, browser_page, click_badge, map_frame, open_map,
                                  wait_for_sites)

VIEWS = {  # name: (query, width, height)
    "beijing-desktop-en": ("region=beijing&lang=en", 1400, 1000),
    "beijing-phone-zh": ("region=beijing&lang=zh", 390, 844),
    "qinhuangdao-desktop-zh": ("city=Qinhuangdao&lang=zh", 1400, 1000),
    "qinhuangdao-phone-en": ("city=Qinhuangdao&lang=en", 390, 844),
}

# What lies where on the screen (frame pixels): each marker's centre and what the browser would
# hit there, each badge's box, and where that box would be had the badge stayed on its own point.
GEOMETRY = """() => new Promise(function (resolve) { requestAnimationFrame(function () {
  var map = window.map, frame = map.getContainer().getBoundingClientRect();
  var markers = [], badges = [];
  map.eachLayer(function (l) {
    if (l instanceof L.CircleMarker && l._path && l.jjjId) {
      var p = map.latLngToContainerPoint(l.getLatLng()), x = p.x + frame.left, y = p.y + frame.top;
      if (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom) { return; }
      var hit = document.elementFromPoint(x, y);
      markers.push({id: l.jjjId, x: x, y: y, r: l._radius, own: hit === l._path,
                    under: hit && hit.closest(".jjj-badge") ? hit.closest(".jjj-badge").dataset.place : null});
    }
    if (l._icon && l._icon.classList.contains("jjj-stack")) {  // facilities that nearly coincide
      var s = l._icon.getBoundingClientRect(), cx = s.left + s.width / 2, cy = s.top + s.height / 2;
      var over = document.elementFromPoint(cx, cy);
      markers.push({id: "stack", stack: true, x: cx, y: cy, r: s.width / 2, own: l._icon.contains(over),
                    under: over && over.closest(".jjj-badge") ? over.closest(".jjj-badge").dataset.place : null});
    }
    if (l._icon && l.jjjCount !== undefined) {
      var b = l._icon.querySelector("span").getBoundingClientRect(), off = l.jjjOffset || [0, 0];
      badges.push({key: l.jjjId, box: [b.left, b.top, b.right, b.bottom],
                   home: [b.left - off[0], b.top - off[1], b.right - off[0], b.bottom - off[1]]});
    }
  });
  resolve({markers: markers, badges: badges});
}); })"""


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def inside(box, x, y, margin=0.0) -> bool:
    return box[0] - margin <= x <= box[2] + margin and box[1] - margin <= y <= box[3] + margin


def settled(frame) -> dict:
    badges_laid_out(frame)
    return frame.evaluate(GEOMETRY)


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_badges_yield_to_markers_and_to_each_other(app_url, view, tmp_path):
    query, width, height = VIEWS[view]
    with browser_page(width, height) as page:
        frame = open_map(page, f"{app_url}/?{query}")
        geo = settled(frame)
        markers, badges = geo["markers"], geo["badges"]
        assert markers and len(badges) >= 3, geo
        # The view holds the conflict: left on their own points, badges would lie over a marker.
        covered = [(m, b) for m in markers for b in badges if inside(b["home"], m["x"], m["y"], m["r"])]
        assert covered, "no badge's own point lies on a marker here: the test would prove nothing"
        # Laid out, no badge covers a marker's centre and no two badges overlap.
        assert [m for m in markers if m["under"]] == []
        pairs = [(a["key"], b["key"]) for i, a in enumerate(badges) for b in badges[i + 1:]
                 if overlap(a["box"], b["box"])]
        assert pairs == []
        page.screenshot(path=str(tmp_path / f"{view}.png"))

        # A click at the covered marker's visible centre selects that facility (a stack of
        # facilities that nearly coincide zooms in instead, until they part) ...
        marker, badge = next((m, b) for m, b in covered if m["own"])
        origin = page.locator(f"iframe[src*='{MAP_FRAME}']").bounding_box()
        zoom = frame.evaluate("() => window.map.getZoom()")
        page.mouse.click(origin["x"] + marker["x"], origin["y"] + marker["y"])
        frame = map_frame(page)
        if marker.get("stack"):
            frame.wait_for_function(f"() => window.map.getZoom() > {zoom}", timeout=30_000)
        else:
            page.wait_for_function(f"() => location.search.includes('site={marker['id']}')", timeout=30_000)
            page.locator(".st-key-site_card").wait_for(timeout=30_000)
            wait_for_sites(frame, selected=marker["id"])  # the map redrawn with the site highlighted
        # ... and a click on the badge that yielded opens its place's list.
        click_badge(page, frame, badge["key"])
        page.wait_for_function(f"(k) => new URLSearchParams(location.search).get('area') === k",
                               arg=badge["key"], timeout=30_000)
        page.locator(".st-key-area_panel").wait_for(timeout=30_000)
        # After the clicks (a redraw each: the place's list replaces the site) the layout still holds.
        wait_for_sites(frame, selected="")
        geo = settled(frame)
        assert [m for m in geo["markers"] if m["under"]] == []
        assert not any(overlap(a["box"], b["box"]) for i, a in enumerate(geo["badges"])
                       for b in geo["badges"][i + 1:])
