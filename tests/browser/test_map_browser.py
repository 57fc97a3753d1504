"""One user journey in a real browser, offline: filtered link -> map -> click -> card -> 中文."""

import collections
import json
import subprocess
import sys

from bench.browser_driver import (ROOT, browser_page, click_badge, click_site, drawn_badges, drawn_markers,
                                  open_map, wait_for_sites)

FILTERS = [("region", "hebei"), ("focus", "apis"), ("focus", "chemical_drugs")]


def exported(tmp_path, filters) -> dict[str, dict]:
    """id -> properties of the sites the CLI exports for these filters."""
    out = tmp_path / "export.geojson"
    args = [a for name, value in filters for a in (f"--{name}", value)]
    subprocess.run([sys.executable, "-m", "geodata", "export", str(out), *args], cwd=ROOT, check=True)
    return {f["properties"]["id"]: f["properties"] for f in json.loads(out.read_text())["features"]}


def place_of(props: dict) -> str:
    return props["area"] if props["precision"] == "area" else f"city:{props['city']}"


def open_site(page, frame, site: str, props: dict) -> None:
    """Open a site's card as a user would: its marker, or its place's badge and then the list."""
    if props["precision"] == "exact":
        click_site(page, frame, site)
        return
    click_badge(page, frame, place_of(props))
    page.locator(f".st-key-area_site_{site} button").click(timeout=30_000)


def offline(page, base_url: str) -> list[str]:
    """Abort every request that leaves the app's own server; returns the blocked URLs."""
    blocked = []

    def route(r):
        if r.request.url.startswith(base_url) or r.request.url.startswith("data:"):
            return r.continue_()
        blocked.append(r.request.url)
        return r.abort()

    page.route("**/*", route)
    return blocked


def test_filtered_link_click_card_and_chinese(app_url, tmp_path):
    props = exported(tmp_path, FILTERS)
    expected = sorted(props)
    assert expected, "the filter should match some curated sites"
    exact = [i for i in expected if props[i]["precision"] == "exact"]
    places = collections.Counter(place_of(props[i]) for i in expected if i not in exact)
    query = "&".join(f"{k}={v}" for k, v in FILTERS)
    with browser_page() as page:
        blocked = offline(page, app_url)
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        frame = open_map(page, f"{app_url}/?{query}")
        drawn = wait_for_sites(frame)
        assert sorted(drawn) == expected
        assert drawn_markers(frame) == len(exact)  # a circle per site whose own point is known
        assert {k: int(v) for k, v in drawn_badges(frame).items()} == places  # a badge per place
        assert frame.locator(".jjj-legend").is_visible()
        frame.wait_for_function("() => window.jjjGeoLoaded === 2", timeout=30_000)  # after the sites
        assert frame.locator("path.leaflet-interactive").count() > len(expected)  # zones too
        fetched = [u for u in requested if "/static/data/sites-" in u]
        assert len(fetched) == 1, fetched  # started by the prefetch script, used by the layer

        site = expected[0]
        open_site(page, frame, site, props[site])
        page.wait_for_function(f"() => location.search.includes('site={site}')", timeout=30_000)
        card = page.locator(".st-key-site_card")
        card.wait_for(timeout=30_000)
        assert "Sources" in card.inner_text()
        english = card.locator("h3").inner_text()
        page.screenshot(path=str(tmp_path / "card-en.png"), full_page=True)

        page.locator(".st-key-lang_switch").get_by_text("中文", exact=True).click()
        page.wait_for_function("() => location.search.includes('lang=zh')", timeout=30_000)
        page.get_by_text("来源", exact=True).first.wait_for(timeout=30_000)
        chinese = page.locator(".st-key-site_card h3").inner_text()
        assert chinese != english and any("\u4e00" <= c <= "\u9fff" for c in chinese)
        page.screenshot(path=str(tmp_path / "card-zh.png"), full_page=True)
        for name, value in FILTERS:  # the language switch kept the view
            assert f"{name}={value}" in page.url
        assert not page.dialogs
    assert all("tile" in u for u in blocked), f"non-tile requests left the machine: {blocked[:5]}"
