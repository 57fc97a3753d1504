"""Sites without a point of their own (somewhere in an area, or only a city) come into view like
pinned ones: a link naming one shows its area or its city's badge; choosing one in the dropdown
brings it into view; a link that also states a position reopens that position (issue #11)."""

import pytest

from bench.browser_driver import browser_page, map_frame, open_map, wait_for_sites
from tests.browser.view_steps import (open_sites_row, SIZES, XIONGAN, area_in_view, params, settle, shot, sidebar,
                                      url_shows, wait_card)

CITY_SITE = ("shijiazhuang-biomedicine-logistics-platform", "city:Shijiazhuang",
             {"en": "Shijiazhuang biomedicine logistics platform", "zh": "石家庄生物医药物流平台"})
PINNED = ("pla-general-hospital-301", {"en": "Chinese PLA General Hospital", "zh": "中国人民解放军总医院"})


@pytest.mark.parametrize("size,lang", [("desktop", "en"), ("laptop", "zh"), ("phone", "zh")])
def test_a_link_naming_an_area_site_shows_its_area(app_url, size, lang, tmp_path):
    with browser_page(*SIZES[size]) as page:
        frame = open_map(page, f"{app_url}/?lang={lang}&site={XIONGAN[0]}")
        wait_card(page, XIONGAN[2][lang])
        view = settle(page, frame)
        assert area_in_view(frame, XIONGAN[1])
        assert view[2] >= 9  # the area fills the map, not a speck in the whole region
        p = params(page.url)  # and the address bar says where the map is
        assert p["site"] == [XIONGAN[0]] and url_shows(page.url, view), (page.url, view)
        shot(page, f"link-area-site-{size}-{lang}", tmp_path)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_link_naming_a_city_site_or_a_pinned_site_shows_it(app_url, lang, tmp_path):
    with browser_page(1400, 1000) as page:
        frame = open_map(page, f"{app_url}/?lang={lang}&site={CITY_SITE[0]}")
        wait_card(page, CITY_SITE[2][lang])
        view = settle(page, frame)
        assert area_in_view(frame, CITY_SITE[1]) and view[2] >= 9
        frame = open_map(page, f"{app_url}/?lang={lang}&site={PINNED[0]}")
        wait_card(page, PINNED[1][lang])
        view = settle(page, frame)
        pinned = frame.evaluate("""(id) => { var m = window.jjjLayers.site.markers.filter(m => m.jjjId === id)[0];
            return m && window.map.getBounds().pad(-0.1).contains(m.getLatLng()); }""", PINNED[0])
        assert pinned and view[2] >= 10


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_links_stated_position_wins_over_its_site(app_url, lang, tmp_path):
    """The presenter's link reopens what they saw, even if the site is off the screen there."""
    with browser_page(1400, 1000) as page:
        frame = open_map(page, f"{app_url}/?lang={lang}&site={XIONGAN[0]}&lat=38.0000&lon=114.5000&zoom=10")
        wait_card(page, XIONGAN[2][lang])
        view = settle(page, frame)
        assert abs(view[0] - 38.0) < 0.01 and abs(view[1] - 114.5) < 0.01 and view[2] == 10
        p = params(page.url)
        assert (p["site"], p["lat"], p["lon"], p["zoom"]) == ([XIONGAN[0]], ["38.0000"], ["114.5000"], ["10"])
        assert not area_in_view(frame, XIONGAN[1])


@pytest.mark.parametrize("size,lang", [("desktop", "zh"), ("phone", "en")])
def test_choosing_an_area_site_in_the_dropdown_brings_its_area_into_view(app_url, size, lang, tmp_path):
    with browser_page(*SIZES[size]) as page:
        page.goto(f"{app_url}/?lang={lang}&lat=38.0&lon=114.5&zoom=10")  # Shijiazhuang
        frame = map_frame(page)
        wait_for_sites(frame)
        settle(page, frame)
        box = page.locator(".st-key-site_select input")
        box.click()
        box.fill(XIONGAN[2][lang])
        page.get_by_role("option", name=XIONGAN[2][lang]).first.click()
        wait_card(page, XIONGAN[2][lang])
        view = settle(page, frame)
        assert area_in_view(frame, XIONGAN[1])
        p = params(page.url)
        assert p["site"] == [XIONGAN[0]] and url_shows(page.url, view), (page.url, view)
        shot(page, f"dropdown-area-site-{size}-{lang}", tmp_path)


@pytest.mark.parametrize("size,lang", [("laptop", "en"), ("phone", "zh")])
def test_a_page_switch_keeps_the_map_where_it_was(app_url, size, lang, tmp_path):
    """Map -> Sites -> Map: the same position in the address bar, and the map shows it."""
    with browser_page(*SIZES[size]) as page:
        frame = open_map(page, f"{app_url}/?lang={lang}&site={XIONGAN[0]}&lat=38.0000&lon=114.5000&zoom=10")
        settle(page, frame)
        sidebar(page).get_by_role("link", name="Sites · 站点").click()
        page.locator("[data-testid='stDataFrame']").wait_for(timeout=60_000)
        assert (params(page.url)["lat"], params(page.url)["zoom"]) == (["38.0000"], ["10"])
        sidebar(page).get_by_role("link", name="Map · 地图").click()
        frame = map_frame(page)
        wait_for_sites(frame)
        wait_card(page, XIONGAN[2][lang])
        view = settle(page, frame)
        p = params(page.url)
        assert (p["site"], p["lat"], p["lon"], p["zoom"]) == ([XIONGAN[0]], ["38.0000"], ["114.5000"], ["10"])
        assert abs(view[0] - 38.0) < 0.01 and abs(view[1] - 114.5) < 0.01 and view[2] == 10


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_sites_table_row_of_an_area_site_brings_its_area_into_view(app_url, lang, tmp_path):
    """From a view of Shijiazhuang, the Sites page's row of a Xiong'an site opens the map there."""
    with browser_page(1400, 1000) as page:
        frame = open_sites_row(page, f"{app_url}/sites?lang={lang}&lat=38.0000&lon=114.5000&zoom=10&q={XIONGAN[2][lang]}")
        wait_card(page, XIONGAN[2][lang])
        view = settle(page, frame)
        assert params(page.url)["site"] == [XIONGAN[0]] and url_shows(page.url, view)
        assert area_in_view(frame, XIONGAN[1])
        shot(page, f"table-row-area-site-desktop-{lang}", tmp_path)
