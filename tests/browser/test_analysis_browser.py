"""The analysis on the map in a real browser: the choropleth with its legend, the `near` ring,
"search here" from a click on the map, at desktop and phone sizes, in both languages; and the
Analysis page's sections, which rerun on their own, keeping the address bar and the link in step."""

import re

import numpy as np

from bench.browser_driver import browser_page, map_frame, open_map
from geodata import load_layers
from geodata.near import PointIndex
from tests.browser.view_steps import MARKERS, selected_on_map, wait_card


def overlay_drawn(frame, timeout: float = 60_000) -> dict:
    frame.wait_for_function("() => window.jjjOverlay && window.jjjOverlay.choropleth"
                            " && window.jjjOverlay.choropleth.drawn > 0", timeout=timeout)
    return frame.evaluate("() => window.jjjOverlay")


def test_choropleth_and_ring_desktop_english(app_url, tmp_path):
    with browser_page() as page:
        frame = open_map(page, f"{app_url}/?stats=county&near=39.9087,116.3975&within=20")
        drawn = overlay_drawn(frame)
        assert drawn["choropleth"]["drawn"] == drawn["choropleth"]["units"] > 100  # every county
        assert drawn["ring"] == {"lat": 39.9087, "lon": 116.3975, "m": 20000}
        legend = frame.locator(".jjj-choropleth-legend")
        assert legend.is_visible() and "Matching sites per county or district" in legend.inner_text()
        assert "0 · none" in legend.inner_text()
        ring = frame.locator("path.jjj-near-ring")
        assert ring.count() == 1 and ring.bounding_box()["width"] > 20
        # the ring is drawn at its radius: 20 km east of the centre lies on its edge
        edge = frame.evaluate("""() => {
          var c = L.latLng(39.9087, 116.3975), east = L.latLng(39.9087, 116.3975 + 20 / (111.32 * Math.cos(39.9087 * Math.PI / 180)));
          var a = window.map.latLngToContainerPoint(c), b = window.map.latLngToContainerPoint(east);
          var box = document.querySelector("path.jjj-near-ring").getBoundingClientRect();
          return [b.x - a.x, box.width / 2];
        }""")
        assert abs(edge[0] - edge[1]) <= max(2, 0.02 * edge[1]), edge
        assert page.get_by_text("Showing sites within 20 km").count() == 1
        page.screenshot(path=str(tmp_path / "choropleth-en.png"))


def test_choropleth_on_a_phone_in_chinese_and_search_here(app_url):
    with browser_page(width=390, height=844) as page:
        frame = open_map(page, f"{app_url}/?stats=city&lang=zh")
        overlay_drawn(frame)
        assert "各城市符合条件的站点数" in frame.locator(".jjj-choropleth-legend").inner_text()
    with browser_page() as page:  # a click on the map's background offers a search there
        frame = open_map(page, f"{app_url}/?lat=39.9&lon=116.4&zoom=9")
        box = page.locator("iframe[src*='streamlit_folium']").first.bounding_box()
        frame.wait_for_function("() => !window.map._animatingZoom", timeout=30_000)
        point = frame.evaluate("() => { var p = window.map.latLngToContainerPoint([39.75, 116.1]);"
                               " return [p.x, p.y]; }")
        page.mouse.click(box["x"] + point[0], box["y"] + point[1])
        button = page.locator(".st-key-near_here button")
        button.wait_for(timeout=30_000)
        button.click()
        page.wait_for_function("() => location.search.includes('near=')", timeout=30_000)
        frame = map_frame(page)
        frame.wait_for_function("() => window.jjjOverlay && window.jjjOverlay.ring", timeout=30_000)
        assert frame.locator("path.jjj-near-ring").count() == 1


CHAIN_KEY = "Segments and the focus values they group"  # the chain matrix's legend


def choose(page, key: str, option: str) -> None:
    """Pick `option` in the selectbox or multiselect whose widget key is `key`."""
    box = page.locator(f".st-key-{key} input")
    box.click()
    box.fill(option.split(" · ")[0])
    page.get_by_role("option", name=option, exact=True).click()


def test_a_section_change_writes_the_url_and_the_link_reopens_it(app_url, tmp_path):
    """Statistics and comparison rerun on their own (fragments): the address bar, the link box
    and a new tab opened on that link still follow every change."""
    with browser_page() as page:
        page.goto(f"{app_url}/analysis")
        page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
        choose(page, "stats_split", "Industry focus")
        page.wait_for_function("() => location.search.includes('split=focus')", timeout=30_000)
        page.locator(".st-key-stats_level button", has_text="Region").click()
        page.wait_for_function("() => location.search.includes('stats=region')", timeout=30_000)
        choose(page, "compare_pick", "Beijing · city")
        choose(page, "compare_pick", "Shijiazhuang · city")
        page.wait_for_function("() => location.search.includes('compare=beijing&compare=hebei-shijiazhuang')",
                               timeout=30_000)
        page.get_by_text("Show the matrix of places and chain segments").click()
        page.wait_for_function("() => location.search.includes('chain=1')", timeout=30_000)
        page.get_by_text(CHAIN_KEY).wait_for(timeout=30_000)
        address = page.evaluate("() => location.href")
        page.get_by_role("button", name="Link to this view").click()
        box = page.locator("[data-testid=stPopoverBody] [data-testid=stCode]")
        box.wait_for(timeout=30_000)
        page.wait_for_function("() => document.querySelector('[data-testid=stPopoverBody] "
                               "[data-testid=stCode]').innerText.includes('chain=1')", timeout=30_000)
        assert box.inner_text().replace("\n", "") == address
    with browser_page() as page:  # the shared link reopens the same view
        page.goto(address)
        page.get_by_text(CHAIN_KEY).wait_for(timeout=60_000)
        page.wait_for_function("""() => { var el = document.querySelector('.st-key-stats_split');
          var input = el && el.querySelector('input');
          return el && (el.innerText + ' ' + (input ? input.value : '')).includes('Industry focus'); }""",
                               timeout=30_000)
        assert page.locator(".st-key-stats_level button[aria-checked=true]").inner_text() == "Region"
        for place in ("Beijing · city", "Shijiazhuang · city"):
            page.locator(".st-key-compare_pick").get_by_text(place).wait_for(timeout=30_000)
        assert page.get_by_text(re.compile(r"^\d+ matching sites$")).count() == 2  # a column each
        page.screenshot(path=str(tmp_path / "analysis-reopened.png"), full_page=True)


def test_sections_on_a_phone_in_chinese_keep_the_link(app_url):
    with browser_page(390, 844) as page:
        page.goto(f"{app_url}/analysis?lang=zh")
        page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=60_000)
        choose(page, "stats_split", "状态")
        page.wait_for_function("() => location.search.includes('split=status')", timeout=30_000)
        choose(page, "compare_pick", "保定市 · 城市")
        page.wait_for_function("() => location.search.includes('compare=hebei-baoding')", timeout=30_000)
        address = page.evaluate("() => location.href")
        assert "stats=" not in address  # the default level stays implicit
    with browser_page(390, 844) as page:
        page.goto(address)
        page.locator(".st-key-compare_pick").get_by_text("保定市 · 城市").wait_for(timeout=60_000)
        page.wait_for_function("""() => { var el = document.querySelector('.st-key-stats_split');
          var input = el && el.querySelector('input');
          return el && (el.innerText + ' ' + (input ? input.value : '')).includes('状态'); }""",
                               timeout=30_000)
        assert page.get_by_text("比较的地区（两到三个）").count() == 1


def test_the_cards_nearest_sites_open_on_the_map(app_url, tmp_path):
    """One list under the card: distances between points only, area sites said to be in their
    area; a tap opens that site on the map (selected, its card shown)."""
    sites = load_layers().sites
    points = PointIndex.build(sites)
    centre = points.centre("pla-general-hospital-301")  # pinned: a point of its own
    km = points.km_from(centre.lat, centre.lon)
    km[(sites["id"] == "pla-general-hospital-301").to_numpy() | ~points.known] = np.inf
    nearest = sites.iloc[int(np.argmin(km))]
    with browser_page() as page:
        frame = open_map(page, f"{app_url}/?site=pla-general-hospital-301")
        wait_card(page, "301")
        buttons = page.locator(".st-key-near_card button")
        buttons.first.wait_for(timeout=30_000)
        labels = [b.strip().split("\n")[-1] for b in buttons.all_inner_texts()]  # past the icon
        with_km = [label for label in labels if label.endswith(" km")]
        assert with_km[0] == f"{nearest['name_en']} — {km.min():.1f} km"
        assert any("somewhere in" in label for label in labels)  # area sites: no invented distance
        assert all(" km" not in label for label in labels if "somewhere in" in label)
        page.locator(".st-key-near_card button", has_text=with_km[0]).click()
        page.wait_for_function(f"() => location.search.includes('site={nearest['id']}')",
                               timeout=30_000)
        wait_card(page, nearest["name_en"])
        frame = map_frame(page)
        frame.wait_for_function("(id) => " + MARKERS + ".some(m => m.jjjId === id"
                                " && m._path && m._path.getAttribute('stroke') === '#000')",
                                arg=str(nearest["id"]), timeout=30_000)
        assert selected_on_map(frame) == [nearest["id"]]
        page.screenshot(path=str(tmp_path / "near-card-en.png"))
