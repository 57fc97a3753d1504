"""An exact site and an area site, drawn differently, each card saying how its place is known:
desktop and phone, English and 中文, in real Chromium (the fixture: two exact sites, one area site)."""

import shutil

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.browser_driver import (browser_page, click_badge, click_site, drawn_badges, drawn_markers,
                                  open_map, running_app, wait_for_sites)
from tests.geodata.conftest import FIXTURE

VIEWS = {  # name: (width, height, lang, texts the user must read)
    "desktop-en": (1400, 1000, "en", {
        "badge": "1 site in Test New Area",
        "area_card": "Somewhere in Test New Area: no document gives its position inside it",
        "exact_card": "The facility itself (within about 1 km)",
        "located_by": "Test Road 1, Haidian — a public page",
        "outline": "How the outline was drawn: One county stands in for the zone",
        "source": "Second document (2022), lines 1–2 — doc-b"}),
    "phone-zh": (390, 844, "zh", {
        "badge": "测试新区内 1 个站点",
        "area_card": "位于测试新区内某处：文件未给出其中的具体位置",
        "exact_card": "设施本身（误差约 1 公里以内）",
        "located_by": "海淀区测试路1号——一个公开网页",  # the reader's language, never English
        "outline": "轮廓的绘制方式：以一个县代表该区",
        "source": "第二份文件 (2022), 第 1–2 行 — doc-b"}),
}


@pytest.fixture(scope="module")
def fixture_url(chromium, tmp_path_factory):
    data = tmp_path_factory.mktemp("locations")
    shutil.copytree(FIXTURE, data, dirs_exist_ok=True)
    with running_app(data) as url:
        yield url


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_exact_and_area_sites_are_drawn_and_explained_differently(fixture_url, view, tmp_path):
    width, height, lang, text = VIEWS[view]
    with browser_page(width, height) as page:
        frame = open_map(page, f"{fixture_url}/?lang={lang}")
        assert sorted(wait_for_sites(frame)) == ["beidaihe-resort", "haidian-lab", "xiongan-hospital"]
        # The two exact sites are circles at their points; the area site is no circle but a badge.
        assert drawn_markers(frame) == 2
        assert drawn_badges(frame) == {"zone-a": "1"}
        badge = frame.locator(".jjj-badge")
        assert badge.get_attribute("aria-label") == text["badge"]

        opened = False  # the first run may still swap the layer in: a click then needs repeating
        for _ in range(3):
            click_badge(page, frame, "zone-a")
            try:
                page.wait_for_function("() => location.search.includes('area=zone-a')", timeout=10_000)
                opened = True
                break
            except PlaywrightTimeout:
                continue
        assert opened, "clicking the badge never opened its list"
        panel = page.locator(".st-key-area_panel")
        panel.wait_for(timeout=30_000)
        assert text["badge"] in panel.inner_text()
        assert text["outline"] in panel.inner_text()  # how the area's outline was made
        frame.wait_for_function(  # the area's outline is drawn, its badge marked as chosen
            "() => document.querySelector('.jjj-badge-selected') !== null", timeout=30_000)
        page.screenshot(path=str(tmp_path / f"{view}-badge.png"), full_page=True)

        panel.locator("button").first.click()  # the area's one site opens its card
        page.wait_for_function("() => location.search.includes('site=xiongan-hospital')",
                               timeout=30_000)
        card = page.locator(".st-key-site_card")
        card.wait_for(timeout=30_000)
        page.get_by_text(text["area_card"]).first.wait_for(timeout=30_000)
        assert text["exact_card"] not in card.inner_text()

        click_site(page, frame, "haidian-lab")
        page.wait_for_function("() => location.search.includes('site=haidian-lab')", timeout=30_000)
        page.get_by_text(text["exact_card"]).first.wait_for(timeout=30_000)
        card = page.locator(".st-key-site_card")
        assert text["located_by"] in card.inner_text()
        assert text["source"] in card.inner_text()
        assert text["area_card"] not in card.inner_text()
        assert not page.dialogs
