"""The analysis on the map in a real browser: the choropleth with its legend, the `near` ring,
"search here" from a click on the map, at desktop and phone sizes, in both languages."""

from bench.browser_driver import browser_page, map_frame, wait_for_sites


def overlay_drawn(frame, timeout: float = 60_000) -> dict:
    frame.wait_for_function("() => window.jjjOverlay && window.jjjOverlay.choropleth"
                            " && window.jjjOverlay.choropleth.drawn > 0", timeout=timeout)
    return frame.evaluate("() => window.jjjOverlay")


def test_choropleth_and_ring_desktop_english(app_url, tmp_path):
    with browser_page() as page:
        page.goto(f"{app_url}/?stats=county&near=39.9087,116.3975&within=20")
        frame = map_frame(page)
        wait_for_sites(frame)
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
        page.goto(f"{app_url}/?stats=city&lang=zh")
        frame = map_frame(page)
        wait_for_sites(frame)
        overlay_drawn(frame)
        assert "各城市符合条件的站点数" in frame.locator(".jjj-choropleth-legend").inner_text()
    with browser_page() as page:  # a click on the map's background offers a search there
        page.goto(f"{app_url}/?lat=39.9&lon=116.4&zoom=9")
        frame = map_frame(page)
        wait_for_sites(frame)
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
