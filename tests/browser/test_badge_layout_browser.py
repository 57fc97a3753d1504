"""The region view read as a person reads it, in real Chromium on a desktop and on a phone, in
English and 中文: at the opening view, and after a filter change has swapped the sites layer,
every place badge lies whole inside the map, clear of the map's controls and of every other
badge, no two leader lines cross, and the numbers add up (the
badges count every site drawn without a point of its own; a group badge's list adds up to its
number). A group badge's click zooms in until its places part. Every tooltip a person can open
is read whole: inside the map, nothing drawn over it (Leaflet draws tooltips beneath its controls)."""

import pytest

from bench.browser_driver import MAP_FRAME, badges_laid_out, browser_page, open_map, shown_badges
from tests.browser.view_steps import choose_city

SIZES = {"desktop": (1366, 800), "phone": (390, 844)}
CASES = [(size, lang) for size in SIZES for lang in ("en", "zh")]
CITY = {"en": "Beijing", "zh": "北京"}  # pinned hospitals and 9 places known by an area or a city

MAP_AND_CONTROLS = """() => {
  var box = function (r) { return [r.left, r.top, r.right, r.bottom]; };
  var c = window.map.getContainer();
  return {map: box(c.getBoundingClientRect()),
          controls: Array.from(c.querySelectorAll('.leaflet-control')).map(function (e) {
            return box(e.getBoundingClientRect()); }).filter(function (b) { return b[2] > b[0]; })};
}"""

# Each tooltip a person can open at this view (a marker, a stack, a badge or a group whose spot a
# pointer reaches, i.e. the topmost element there), opened as a hover opens it; its box.
TOOLTIPS = """() => {
  var map = window.map, out = [], frame = map.getContainer().getBoundingClientRect();
  var reach = function (el) {
    var r = el.getBoundingClientRect(), x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    if (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom) return false;
    var hit = document.elementFromPoint(x, y);
    return !!hit && (hit === el || el.contains(hit));
  };
  map.eachLayer(function (l) {
    var el = l._path || (l._icon && (l._icon.querySelector('span') || l._icon));
    if (!el || !(l.jjjId || l.jjjGroup || (l._icon && l._icon.classList.contains('jjj-stack')))) return;
    if (!reach(el)) return;
    l.fire('mouseover', {latlng: l.getLatLng ? l.getLatLng() : null}, true);  // a stack's goes to its group
    if (!l.getTooltip()) return;
    l.openTooltip();
    var tip = l.getTooltip().getElement(), t = tip.getBoundingClientRect(), covered = [];
    tip.style.pointerEvents = 'auto';  // (only so the browser says what is painted on top where)
    for (var i = 0; i <= 4; i++) { for (var j = 0; j <= 4; j++) {
      var x = t.left + 4 + (t.width - 8) * i / 4, y = t.top + 4 + (t.height - 8) * j / 4;  // (round corners)
      var top = document.elementFromPoint(x, y);
      if (!top || !tip.contains(top)) covered.push(top ? (top.className.baseVal !== undefined ? 'svg' : top.className || top.tagName) : 'nothing');
    } }
    tip.style.pointerEvents = '';
    out.push({who: l.jjjId || (l.jjjGroup || []).join(' ') || 'stack', box: [t.left, t.top, t.right, t.bottom],
              covered: covered});
    l.closeTooltip();
  });
  return out;
}"""


def overlap(a, b, slack=0.5) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def within(a, b, slack=0.5) -> bool:
    return a[0] >= b[0] - slack and a[1] >= b[1] - slack and a[2] <= b[2] + slack and a[3] <= b[3] + slack


def crossing(s, t) -> bool:
    def side(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    d1, d2 = side(t[0], t[1], s[0]), side(t[0], t[1], s[1])
    d3, d4 = side(s[0], s[1], t[0]), side(s[0], s[1], t[1])
    return d1 * d2 < 0 and d3 * d4 < 0


def leader(badge):
    """The line from a badge's place to the badge, if it was set aside (else None)."""
    x1, y1, x2, y2 = badge["box"]
    centre = ((x1 + x2) / 2, (y1 + y2) / 2)
    return (tuple(badge["at"]), centre) if abs(centre[0] - badge["at"][0]) + abs(centre[1] - badge["at"][1]) > 2 else None


def opened(page, size, lang, app_url):
    frame = open_map(page, f"{app_url}/?lang={lang}")
    page.locator(f"iframe[src*='{MAP_FRAME}']").scroll_into_view_if_needed()
    badges_laid_out(frame)
    return frame


def assert_whole_apart_and_adding_up(frame) -> None:
    """Every badge whole inside the map, clear of its controls and of the other badges, no two
    leader lines crossing, and the numbers adding up to the sites drawn without a point."""
    badges, world = shown_badges(frame), frame.evaluate(MAP_AND_CONTROLS)
    assert len(badges) >= 3, badges
    outside = [b["text"] for b in badges if not within(b["box"], world["map"])]
    assert outside == [], f"badges cut off by the map's edge: {outside}"
    covered = [b["text"] for b in badges for c in world["controls"] if overlap(b["box"], c)]
    assert covered == [], f"badges under the map's controls: {covered}"
    pairs = [(a["places"], b["places"]) for i, a in enumerate(badges) for b in badges[i + 1:]
             if overlap(a["box"], b["box"])]
    assert pairs == []
    lines = [(b["places"], leader(b)) for b in badges if leader(b)]
    crossed = [(a[0], b[0]) for i, a in enumerate(lines) for b in lines[i + 1:] if crossing(a[1], b[1])]
    assert crossed == [], f"leader lines cross: {crossed}"
    # The numbers add up: every site drawn without a point of its own is counted once, and
    # no place is shown twice (on its own and in a group).
    layer = frame.evaluate("() => ({n: window.jjjLayers.site.ids.length, exact: window.jjjLayers.site.exact,"
                           " places: window.jjjLayers.site.badges})")
    assert sum(int(b["text"]) for b in badges) == layer["n"] - layer["exact"]
    keys = [k for b in badges for k in b["places"]]
    assert sorted(keys) == sorted(layer["places"])
    for b in badges:
        assert int(b["text"]) == sum(layer["places"][k] for k in b["places"]), b


@pytest.mark.parametrize("size,lang", CASES)
def test_opening_view_badges_are_whole_apart_and_add_up(app_url, size, lang, tmp_path):
    with browser_page(*SIZES[size]) as page:
        frame = opened(page, size, lang, app_url)
        page.screenshot(path=str(tmp_path / f"{size}-{lang}.png"))
        assert_whole_apart_and_adding_up(frame)


@pytest.mark.parametrize("size,lang", [("desktop", "en"), ("phone", "zh")])
def test_after_a_filter_change_the_new_badges_are_whole_apart_and_add_up(app_url, size, lang, tmp_path):
    """A filter change swaps the sites layer: its new badges (new counts, the map fitted to the
    city) are laid out as the first ones were."""
    with browser_page(*SIZES[size]) as page:
        frame = opened(page, size, lang, app_url)
        before = frame.evaluate("() => window.jjjLayers.site.ids.length")
        choose_city(page, CITY[lang])
        page.wait_for_function("() => location.search.includes('city=Beijing')", timeout=30_000)
        frame.wait_for_function(f"() => window.jjjLayers.site.ids.length < {before}", timeout=30_000)
        badges_laid_out(frame)  # after the fit
        page.screenshot(path=str(tmp_path / f"{size}-{lang}-beijing.png"))
        assert_whole_apart_and_adding_up(frame)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_group_badge_lists_its_places_and_its_click_parts_them(app_url, lang):
    with browser_page(*SIZES["phone"]) as page:
        frame = opened(page, "phone", lang, app_url)
        groups = [b for b in shown_badges(frame) if b["group"]]
        assert groups, "the phone's region view shows no group badge"
        group = max(groups, key=lambda b: len(b["places"]))
        places = group["places"]
        names = frame.evaluate("(keys) => keys.map(function (k) { var n = null; window.map.eachLayer("
                               "function (l) { if (l.jjjCount !== undefined && l.jjjId === k) n = l.jjjText; });"
                               " return n; })", places)
        span = frame.locator(f'.jjj-badge-group[data-places="{" ".join(places)}"] span')
        span.hover()
        tip = frame.locator(".leaflet-tooltip").last
        tip.wait_for(timeout=10_000)
        text = tip.inner_text()
        assert ("click to zoom in" if lang == "en" else "点击放大") in text
        assert all(name in text for name in names[:8]), (names, text)
        zoom = frame.evaluate("() => window.map.getZoom()")
        span.click()
        frame.wait_for_function(f"() => window.map.getZoom() > {zoom}", timeout=30_000, polling=100)
        badges_laid_out(frame)
        after = shown_badges(frame)
        assert not any(sorted(b["places"]) == sorted(places) for b in after), "the group did not part"
        assert any(k in b["places"] and len(b["places"]) < len(places) for b in after for k in places)


@pytest.mark.parametrize("size,lang", CASES)
def test_every_tooltip_is_read_whole_inside_the_map_and_clear_of_its_controls(app_url, size, lang):
    with browser_page(*SIZES[size]) as page:
        frame = opened(page, size, lang, app_url)
        world = frame.evaluate(MAP_AND_CONTROLS)
        tips = frame.evaluate(TOOLTIPS)
        assert len(tips) >= 10, tips
        hidden = [(t["who"], t["covered"]) for t in tips if t["covered"]]
        assert hidden == [], f"tooltips partly hidden (under the map's controls): {hidden}"
        cut = [t["who"] for t in tips if not within(t["box"], world["map"])]
        assert cut == [], f"tooltips running past the map's edge: {cut}"
