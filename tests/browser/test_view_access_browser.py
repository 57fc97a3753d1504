"""Choosing a site anywhere shows it on the map; keyboard users reach every site; the page speaks
the view's language; a server restart loses nothing the user did (issue #11)."""

import re
import pytest

from bench.browser_driver import browser_page, free_port, open_map, running_server, wait_for_sites
from tests.browser.view_steps import (open_sites_row, XIONGAN, XIONGAN_GROUP, area_in_view, card_title, marker_point,
                                      params, selected_on_map, settle, shot, sidebar, url_shows,
                                      wait_card)

PLA = ("pla-general-hospital-301", {"en": "Chinese PLA General Hospital", "zh": "中国人民解放军总医院"})


def contrast(rgb: str) -> float:
    """WCAG contrast of a CSS rgb()/rgba() text colour against white."""
    parts = [float(v) for v in rgb[rgb.index("(") + 1:-1].split(",")]
    alpha = parts[3] if len(parts) == 4 else 1.0
    channels = [c * alpha + 255 * (1 - alpha) for c in parts[:3]]
    lin = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 1.05 / (lum + 0.05)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_choosing_a_site_in_the_dropdown_brings_it_into_view(app_url, lang, tmp_path):
    with browser_page(1400, 1000) as page:
        # a view of Shijiazhuang: the 301 hospital (Beijing) is off the screen
        frame = open_map(page, f"{app_url}/?lang={lang}&lat=38.0&lon=114.5&zoom=10")
        settle(page, frame)
        box = page.locator(".st-key-site_select input")
        box.click()
        box.fill(PLA[1][lang])
        page.get_by_role("option", name=PLA[1][lang]).first.click()
        wait_card(page, PLA[1][lang])
        view = settle(page, frame)
        x, y, w, h = marker_point(frame, PLA[0])
        assert 0 < x < w and 0 < y < h  # on the map's screen now
        assert selected_on_map(frame) == [PLA[0]]
        p = params(page.url)
        assert p["site"] == [PLA[0]] and url_shows(page.url, view)
        shot(page, f"dropdown-focus-desktop-{lang}", tmp_path)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_sites_table_row_opens_that_site_on_the_map(app_url, lang, tmp_path):
    with browser_page(1400, 1000) as page:
        frame = open_sites_row(page, f"{app_url}/sites?lang={lang}&region=beijing")
        title = card_title(page)
        settle(page, frame)
        site = params(page.url)["site"][0]
        assert selected_on_map(frame) == [site] and title
        x, y, w, h = marker_point(frame, site)
        assert 0 < x < w and 0 < y < h
        shot(page, f"table-row-opens-desktop-{lang}", tmp_path)


@pytest.mark.parametrize("size,lang", [((1400, 1000), "en"), ((390, 844), "zh")])
def test_keyboard_reaches_every_site_through_the_list_and_selects_one(app_url, size, lang, tmp_path):
    """Keyboard only: Tab to the map's list of sites, open it, Tab to a site known only as
    'somewhere in Xiong'an New Area' (no marker of its own), Enter: it is selected and its area
    comes into view, from a view of Shijiazhuang where Xiong'an is off the screen."""
    with browser_page(*size) as page:
        frame = open_map(page, f"{app_url}/?lang={lang}&lat=38.0&lon=114.5&zoom=10")
        drawn = wait_for_sites(frame)
        settle(page, frame)
        assert page.evaluate("document.documentElement.lang").startswith(lang)
        assert page.title().startswith("地图 · 京津冀" if lang == "zh" else "Map · Jing-Jin-Ji")
        assert not area_in_view(frame, XIONGAN[1])
        for presses in range(1, 40):  # from the top of the page
            page.keyboard.press("Tab")
            if focused(frame, "closest('.jjj-list')"):
                break
        else:
            pytest.fail("the list of sites is not reachable with Tab")
        assert presses <= 30, presses
        # every drawn site once, pinned or not, grouped by how its place is known
        listed = frame.evaluate("() => Array.from(document.querySelectorAll('.jjj-list button'))"
                                ".map(b => b.dataset.id)")
        assert sorted(listed) == sorted(drawn) and len(set(listed)) == len(listed)
        groups = frame.evaluate("() => Array.from(document.querySelectorAll('.jjj-list .jjj-group'))"
                                ".map(g => g.textContent)")
        assert any(XIONGAN_GROUP[lang] in g for g in groups), groups
        page.keyboard.press("Enter")  # open the list
        for _ in range(len(listed)):
            page.keyboard.press("Tab")
            if focused(frame, "dataset.id") == XIONGAN[0]:
                break
        else:
            pytest.fail(f"{XIONGAN[0]} is not in the list")
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => location.search.includes('site={XIONGAN[0]}')", timeout=30_000)
        wait_card(page, XIONGAN[2][lang])
        view = settle(page, frame)
        assert area_in_view(frame, XIONGAN[1])  # its outline, highlighted, on the map's screen
        if size[0] < 480:  # a phone: the list folds away so the area shows; Enter reopens it
            assert focused(frame, "tagName") == "SUMMARY"
        else:  # the keyboard stays where it was
            assert focused(frame, "dataset.id") == XIONGAN[0]
        p = params(page.url)
        assert url_shows(page.url, view), (page.url, view)
        # readable: muted text at least 4.5:1, no map text under 12 px
        colour = page.locator("[data-testid='stCaptionContainer']").first.evaluate(
            "e => getComputedStyle(e).color")
        assert contrast(colour) >= 4.5, colour
        sizes = frame.evaluate("() => Array.from(document.querySelectorAll('.jjj-legend, .jjj-legend *,"
                               " .jjj-list, .jjj-list *, .leaflet-control-attribution,"
                               " .leaflet-control-scale-line')).map(e => parseFloat(getComputedStyle(e).fontSize))")
        assert sizes and min(sizes) >= 12, sizes
        shot(page, f"keyboard-area-site-{size[0]}x{size[1]}-{lang}", tmp_path)


def focused(frame, what: str):
    """`what` (an expression on the element) of the map's focused element, or None."""
    return frame.evaluate(f"() => document.activeElement && document.activeElement.{what}")


def test_the_first_action_after_a_server_restart_is_kept(chromium, tmp_path):
    port = free_port()
    with browser_page(1400, 1000) as page:
        with running_server(port=port) as (url, _proc, _log):
            frame = open_map(page, f"{url}/?region=hebei")
            settle(page, frame)
        with running_server(port=port) as (url, _proc, _log):  # the same address, a new server
            page.wait_for_timeout(3000)  # the page reconnects by itself
            search = sidebar(page).locator(".st-key-filter_q input")
            search.fill("Beidaihe")
            search.press("Enter")
            page.wait_for_function("() => location.search.includes('q=Beidaihe')", timeout=60_000)
            p = params(page.url)
            assert p["region"] == ["hebei"] and p["q"] == ["Beidaihe"]
            page.locator("[data-testid='stSidebar']").get_by_text(re.compile(r"of \d+ sites match")).wait_for(
                timeout=30_000)
            assert page.locator(".st-key-filter_q input").input_value() == "Beidaihe"
