"""Facilities that nearly coincide on screen, in real Chromium (components/assets/site_stacks.js).

At Beijing's opening zoom the Beijing Hospital of TCM and Beijing Obstetrics and Gynecology
Hospital (about 500 m apart in Dongcheng) would be drawn one over the other: the top one took
every click. They are drawn as one stack that says how many it holds and whose tooltip names
them; a click on it zooms in until each has its own marker; it never selects a site; a selected
facility is never hidden in a stack."""

import pytest

from bench.browser_driver import MAP_FRAME, browser_page, open_map
from tests.browser.view_steps import map_view, params, selected_on_map, settle

PAIR = {"beijing-hospital-of-tcm", "beijing-obstetrics-gynecology-hospital"}
NAMES = {"en": ("Beijing Hospital of Traditional Chinese Medicine", "Beijing Obstetrics and Gynecology Hospital"),
         "zh": ("北京中医医院", "北京妇产医院")}
LEGEND = {"en": "Facilities at about one spot", "zh": "大致同一处的多个设施"}
VIEWS = {"desktop-en": ("en", 1400, 1000), "phone-zh": ("zh", 390, 844)}

# Each stack on the map: its count, the ids it holds, where it is drawn (frame pixels).
STACKS = """() => { var out = []; window.map.eachLayer(function (l) {
    if (l._icon && l._icon.classList.contains('jjj-stack')) {
      var b = l._icon.getBoundingClientRect();
      out.push({n: l._icon.innerText.trim(), ids: l.getAllChildMarkers().map(function (m) { return m.jjjId; }),
                x: b.left + b.width / 2, y: b.top + b.height / 2});
    } }); return out; }"""
# Site markers drawn on the map: id -> container pixel.
DRAWN = """() => { var out = {}; window.map.eachLayer(function (l) {
    if (l instanceof L.CircleMarker && l._path && l.jjjId) {
      var p = window.map.latLngToContainerPoint(l.getLatLng()); out[l.jjjId] = [p.x, p.y]; } });
    return out; }"""


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_coinciding_facilities_form_one_stack_that_parts_on_click(app_url, view, tmp_path):
    lang, width, height = VIEWS[view]
    with browser_page(width, height) as page:
        frame = open_map(page, f"{app_url}/?region=beijing&lang={lang}")
        settle(page, frame)
        stacks = [s for s in frame.evaluate(STACKS) if PAIR <= set(s["ids"])]
        assert len(stacks) == 1, frame.evaluate(STACKS)
        stack = stacks[0]
        assert stack["n"] == str(len(stack["ids"]))
        assert not PAIR & set(frame.evaluate(DRAWN)), "each also drawn as a marker of its own"
        legend = frame.evaluate("() => document.querySelector('.jjj-legend').textContent")
        assert LEGEND[lang] in legend, legend  # the legend says what a stack is

        origin = page.locator(f"iframe[src*='{MAP_FRAME}']").bounding_box()
        page.mouse.move(origin["x"] + stack["x"], origin["y"] + stack["y"])
        tip = frame.locator(".leaflet-tooltip").last
        tip.wait_for(timeout=10_000)
        text = tip.inner_text()
        assert all(name in text for name in NAMES[lang]), text
        box, frame_box = tip.bounding_box(), page.locator(f"iframe[src*='{MAP_FRAME}']").bounding_box()
        assert box["x"] >= frame_box["x"] - 1 and box["x"] + box["width"] <= frame_box["x"] + frame_box["width"] + 1
        page.screenshot(path=str(tmp_path / f"stack-{view}.png"))

        zoom = map_view(frame)[2]
        page.mouse.click(origin["x"] + stack["x"], origin["y"] + stack["y"])
        settle(page, frame)
        assert map_view(frame)[2] > zoom
        drawn = frame.evaluate(DRAWN)
        assert PAIR <= set(drawn), drawn
        (ax, ay), (bx, by) = (drawn[i] for i in sorted(PAIR))
        assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 > 12  # apart by more than a marker
        assert "site" not in params(page.url)  # the stack chose nothing


def test_a_selected_facility_is_never_hidden_in_a_stack(app_url):
    with browser_page(1400, 1000) as page:
        frame = open_map(page, f"{app_url}/?region=beijing&site=beijing-hospital-of-tcm&lat=39.95&lon=116.40&zoom=9")
        settle(page, frame)
        assert map_view(frame)[2] == 9
        assert selected_on_map(frame) == ["beijing-hospital-of-tcm"]
        assert all("beijing-hospital-of-tcm" not in s["ids"] for s in frame.evaluate(STACKS))
