"""The view is one thing: what the map shows, what the address bar says, what the link reopens.

Real Chromium at the three window sizes, in both languages (issue #11's journeys)."""

import pytest

from bench.browser_driver import browser_page, map_frame, open_map, wait_for_sites
from tests.browser.view_steps import (OTHER, SIZES, card_title, central_site, choose_city,
                                      drag_map, link_box, map_view, marker_point, on_screen, params,
                                      selected_on_map, settle, shot, switch_language, tap_site, url_shows,
                                      wait_card)

CASES = [(size, lang) for size in SIZES for lang in ("en", "zh")]
CITY = {"en": "Beijing", "zh": "北京"}  # its hospitals are pinned: drawn as markers
HIGH_TECH_ZONE = ("shijiazhuang-high-tech-zone", {"en": "Shijiazhuang High-tech Zone",
                                                  "zh": "石家庄高新技术产业开发区"})


def url_view(url: str) -> tuple[float, float, int]:
    p = params(url)
    return float(p["lat"][0]), float(p["lon"][0]), int(p["zoom"][0])


@pytest.mark.parametrize("size,lang", CASES)
def test_filter_then_click_keeps_the_view_and_highlights_that_site(app_url, size, lang, tmp_path):
    width, height = SIZES[size]
    with browser_page(width, height) as page:
        frame = open_map(page, f"{app_url}/?lang={lang}")
        settle(page, frame)
        choose_city(page, CITY[lang])
        drawn = wait_for_sites(frame, expect=None)
        page.wait_for_function("() => location.search.includes('city=Beijing')", timeout=30_000)
        fitted = settle(page, frame)
        drawn = frame.evaluate("() => window.jjjLayers.site.ids")
        assert 0 < len(drawn) < 60
        # the fit centres the sites in the map as drawn (not shifted by a one-sided padding)
        points = [p for p in (marker_point(frame, i) for i in drawn) if p]  # circles (badges aside)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        w, h = points[0][2], points[0][3]
        assert abs((min(xs) + max(xs)) / 2 - w / 2) < 0.08 * w
        assert abs((min(ys) + max(ys)) / 2 - h / 2) < 0.08 * h
        assert url_view(page.url)[2] == fitted[2]

        site = central_site(frame)  # a site drawn on top, where a tap cannot miss it
        tap_site(page, frame, site)
        at_click = map_view(frame)
        page.wait_for_function(f"() => location.search.includes('site={site}')", timeout=30_000)
        title = page.locator(".st-key-site_card h3").first
        title.wait_for(timeout=30_000)
        if size == "phone":  # the tap shows the card's name on screen, no scrolling needed
            assert on_screen(page, title), title.bounding_box()
        after = settle(page, frame)
        assert after[2] == at_click[2] and abs(after[0] - at_click[0]) < 1e-6 \
            and abs(after[1] - at_click[1]) < 1e-6, (at_click, after)
        assert selected_on_map(frame) == [site]  # that site, and only it
        p = params(page.url)
        assert p["site"] == [site] and p["city"] == ["Beijing"]
        assert url_shows(page.url, after), (page.url, after)
        basemap = page.locator(".st-key-basemap_choice")
        assert on_screen(page, basemap) or size == "phone"  # nothing cut
        shot(page, f"filter-click-{size}-{lang}", tmp_path)


@pytest.mark.parametrize("size,lang", CASES)
def test_pan_click_language_switch_and_the_link_reopens_it(app_url, size, lang, tmp_path):
    width, height = SIZES[size]
    with browser_page(width, height) as page:
        page.goto(f"{app_url}/?lang={lang}&lat=39.9&lon=116.33&zoom=11")  # central Beijing's hospitals
        frame = map_frame(page)
        wait_for_sites(frame)
        settle(page, frame)
        drag_map(page, -60, 40)
        settle(page, frame)
        site = central_site(frame)
        tap_site(page, frame, site)
        page.wait_for_function(f"() => location.search.includes('site={site}')", timeout=30_000)
        settle(page, frame)
        first_title = card_title(page)
        drag_map(page, 50, -30)
        before = settle(page, frame)
        lat, lon, zoom = url_view(page.url)  # the address bar says where the map is
        assert url_shows(page.url, before), (page.url, before)
        assert params(page.url)["site"] == [site]

        switch_language(page, OTHER[lang])
        frame = map_frame(page)
        wait_for_sites(frame)
        now = settle(page, frame)
        # the switch kept the position: the address bar's exactly (no drift), the map's to
        # within a pixel (a new map of the other language, placed at the same view)
        assert url_view(page.url) == (lat, lon, zoom)
        assert now[2] == before[2] and abs(now[0] - before[0]) < 0.01 \
            and abs(now[1] - before[1]) < 0.01, (before, now)
        assert card_title(page) != first_title
        assert selected_on_map(frame) == [site]
        bar = params(page.url)
        link = link_box(page)
        assert params(link) == bar and link.split("?")[0].rstrip("/") == app_url  # same view
        assert bar["site"] == [site] and (bar.get("lang") == ["zh"]) == (OTHER[lang] == "zh")
        title = card_title(page)
        shot(page, f"pan-click-switch-{size}-{lang}", tmp_path)

    with browser_page(width, height) as fresh:  # a fresh browser: no session, no cache
        fresh.goto(link)
        frame = map_frame(fresh)
        wait_for_sites(frame)
        wait_card(fresh, title)
        reopened = settle(fresh, frame)
        assert reopened[2] == now[2] and abs(reopened[0] - now[0]) < 0.01 \
            and abs(reopened[1] - now[1]) < 0.01, (now, reopened)
        assert params(fresh.url) == params(link)  # the reopened view is the link's, unchanged
        assert selected_on_map(frame) == [site]
        shot(fresh, f"link-reopened-{size}-{lang}", tmp_path)
