"""Sharing and presenting in a real browser: the QR code a phone would scan, and a keyboard tour."""

import html
import io
import os
import re
import shutil
from pathlib import Path

import zxingcpp
from PIL import Image

from bench.browser_driver import browser_page, click_site, map_frame, open_map, wait_for_sites
from geodata.layers import load_layers
from geodata.query import Filter, apply
from tests.browser.view_steps import area_in_view


def shot(page, tmp_path, name: str) -> None:
    """A screenshot kept with the test's files (and in $JJJ_SHOTS_DIR when set, to look at)."""
    path = tmp_path / name
    page.screenshot(path=str(path))
    if os.environ.get("JJJ_SHOTS_DIR"):
        shutil.copy(path, Path(os.environ["JJJ_SHOTS_DIR"]) / name)


def scanned(page) -> list[str]:
    """What a QR reader finds in the popover's code, from pixels on the screen."""
    code = page.locator("img[data-link]")
    code.wait_for(timeout=30_000)
    image = Image.open(io.BytesIO(code.screenshot()))
    return [r.text for r in zxingcpp.read_barcodes(image)]


def open_link_popover(page, label: str):
    page.get_by_role("button", name=label).click()
    box = page.locator("[data-testid=stPopoverBody] [data-testid=stCode]")
    box.wait_for(timeout=30_000)
    return box


def test_qr_code_scans_to_exactly_the_view_link(app_url, tmp_path):
    layers = load_layers()
    flt = Filter(region=("beijing",), kind=("hospital",))
    sites = apply(flt, layers.sites, layers.plans)
    site = "pla-general-hospital-301"  # pinned: a marker of its own, clear of the area badges
    assert site in set(sites["id"])
    with browser_page() as page:
        frame = open_map(page, f"{app_url}/?region=beijing&kind=hospital")
        click_site(page, frame, site)  # a selected site and a moved map: the link must carry both
        page.wait_for_function(f"() => location.search.includes('site={site}')", timeout=30_000)
        box = open_link_popover(page, "Link to this view")
        page.wait_for_function("() => document.querySelector('img[data-link]')", timeout=30_000)
        link = box.inner_text().replace("\n", "")
        assert link.startswith(app_url) and f"site={site}" in link and "kind=hospital" in link
        assert scanned(page) == [link]
        assert link == page.evaluate("() => location.href")  # the address bar says the same
        shot(page, tmp_path, "popover-en.png")
        downloads = {}
        for label in ("QR code (PNG)", "QR code (SVG)"):
            with page.expect_download() as done:
                page.get_by_role("button", name=label).click()
            downloads[label] = Path(done.value.path()).read_bytes()
        png = Image.open(io.BytesIO(downloads["QR code (PNG)"]))
        assert png.width >= 1000 and [r.text for r in zxingcpp.read_barcodes(png)] == [link]
        assert downloads["QR code (SVG)"].startswith(b"<svg")

        page.keyboard.press("Escape")
        with page.expect_download() as done:  # the brief of this view carries the same link
            page.get_by_role("button", name="Download brief").click()
        brief = Path(done.value.path()).read_text(encoding="utf-8")
        assert done.value.suggested_filename == "jjj-brief-en.html"
        assert html.escape(link) in brief and html.escape(str(sites.iloc[0]["name_en"])) in brief
        page.get_by_text("中文", exact=True).click()  # the language changes the link and its code
        page.wait_for_function("() => location.search.includes('lang=zh')", timeout=30_000)
        box = open_link_popover(page, "本视图链接")
        page.wait_for_function("() => document.querySelector('img[data-link]') && "
                               "document.querySelector('img[data-link]').dataset.link.includes('lang=zh')",
                               timeout=30_000)
        link = box.inner_text().replace("\n", "")
        assert "lang=zh" in link and scanned(page) == [link]
        shot(page, tmp_path, "popover-zh.png")


def test_presentation_steps_through_sites_by_keyboard(app_url, tmp_path):
    layers = load_layers()
    flt = Filter(region=("beijing",), kind=("hospital",))  # pinned hospitals and area sites
    sites = apply(flt, layers.sites, layers.plans)
    # the three steps cover both: a marker of its own brought into view, and area sites
    precisions = set(sites["precision"].iloc[:3])
    assert len(sites) >= 3 and {"exact", "area"} <= precisions
    with browser_page(1280, 720) as page:
        page.goto(f"{app_url}/?region=beijing&kind=hospital")
        map_frame(page)
        page.get_by_role("button", name="Present").click()
        page.locator(".st-key-present_bar").wait_for(timeout=30_000)
        page.wait_for_function("() => location.search.includes('present=1')", timeout=30_000)
        assert not page.locator("[data-testid=stSidebar]").is_visible()  # no sidebar, no filters
        assert page.locator("[data-testid=stSelectbox]:visible").count() == 0  # nor any dropdown
        wait_for_sites(map_frame(page))
        for step in range(3):
            page.keyboard.press("ArrowRight")
            expected = sites.iloc[step]
            page.wait_for_function(f"() => location.search.includes('site={expected['id']}')",
                                   timeout=30_000)
            card = page.locator(".st-key-site_card h3")
            card.wait_for(timeout=30_000)
            page.wait_for_function(
                "(name) => { const h = document.querySelector('.st-key-site_card h3'); "
                "return h && h.innerText.trim() === name; }", arg=expected["name_en"], timeout=30_000)
            assert re.search(rf"Site {step + 1} of {len(sites)}", page.locator(".st-key-present_bar").inner_text())
            assert float(card.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 30  # large type
            frame = map_frame(page)  # the step selects the site on the map and brings it into view
            if expected["precision"] != "exact":  # no marker of its own: its place's badge
                frame.wait_for_function("(key) => !!document.querySelector("
                                        "'.jjj-badge-selected[data-place=\"' + key + '\"]')",
                                        arg=str(expected["place"]), timeout=30_000)
                assert area_in_view(frame, str(expected["place"]))  # (its outline) on the screen
                continue
            frame.wait_for_function(
                "(id) => { var hit = null; window.map.eachLayer(function (l) { if (l.jjjId === id && "
                "l.getLatLng) hit = l; }); return hit && window.map.getBounds().contains(hit.getLatLng()); }",
                arg=str(expected["id"]), timeout=30_000)
        shot(page, tmp_path, "present-en.png")
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(f"() => location.search.includes('site={sites.iloc[1]['id']}')",
                               timeout=30_000)
        # The link reopens the presentation where the talk is, in Chinese too.
        url = page.evaluate("() => location.href").replace("present=1", "present=1&lang=zh")
        page.goto(url)
        page.locator(".st-key-present_bar").wait_for(timeout=30_000)
        page.wait_for_function("(name) => { const h = document.querySelector('.st-key-site_card h3'); "
                               "return h && h.innerText.trim() === name; }",
                               arg=sites.iloc[1]["name_zh"], timeout=30_000)
        assert f"第 2 个站点，共 {len(sites)} 个" in page.locator(".st-key-present_bar").inner_text()
        map_frame(page)
        shot(page, tmp_path, "present-zh.png")
        page.keyboard.press("Escape")
        page.wait_for_function("() => !location.search.includes('present=1')", timeout=30_000)
        page.locator("[data-testid=stSidebar]").wait_for(timeout=30_000)


def _brief(page) -> str:
    with page.expect_download() as done:
        page.get_by_role("button", name="Download brief").click()
    return Path(done.value.path()).read_text(encoding="utf-8")


def test_the_brief_follows_a_site_picked_on_the_map_without_opening_the_link_box(app_url):
    """A pick reruns the map and the card only (components/map_section.py): the sidebar's brief
    button is not drawn again, yet the brief it builds is of the view on screen."""
    sites = load_layers().sites.set_index("id")
    with browser_page() as page:
        frame = open_map(page, f"{app_url}/?region=beijing&kind=hospital")
        for site in ("pla-general-hospital-301", "beijing-hospital-of-tcm"):
            if site == "pla-general-hospital-301":
                click_site(page, frame, site)
            else:  # the card's list: the other way to pick, also inside the section
                box = page.locator(".st-key-site_select input")
                box.click()
                box.fill(sites.loc[site, "name_en"])
                page.get_by_role("option", name=sites.loc[site, "name_en"]).first.click()
            page.wait_for_function(f"() => location.search.includes('site={site}')", timeout=30_000)
            links = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', _brief(page))]
            links = [h for h in links if h.startswith(app_url)]  # the view's link (and its QR's)
            assert links and all(f"site={site}" in h for h in links), links
