"""A first visit's cost: what opening the map page asks of the server (issue #15).

The map reports its view to the server (each report is a script run). Opening the page without a
position in the link costs the page's own run and one more for the view the map fitted to the
sites; the map's opening view, before the fit, is no move and costs none (base_map.MapSetup takes
it as the value the server gave the component: streamlit-folium's first report is held here)."""

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.browser_driver import browser_page, open_map
from components.i18n import t
from tests.browser.view_steps import SIZES, map_view, settle, url_shows


def watch_runs(page) -> list[str]:
    """The script runs the page asks for (rerun_script messages on its websocket), as sent."""
    runs = []

    def sent(payload):
        msg = BackMsg()
        if isinstance(payload, bytes):
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "rerun_script":
                fragment = msg.rerun_script.fragment_id
                runs.append(msg.rerun_script.query_string + (f" (fragment {fragment})" if fragment else ""))

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    return runs


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_opening_the_map_runs_the_script_for_the_page_and_the_fitted_view_only(app_url, size):
    width, height = SIZES[size]
    with browser_page(width, height) as page:
        runs = watch_runs(page)
        frame = open_map(page, app_url)
        page.wait_for_function("() => location.search.includes('lat=')", timeout=30_000)
        fitted = settle(page, frame, quiet_ms=2000)
        assert url_shows(page.url, fitted), (page.url, fitted)  # the link reopens the fitted view
        assert len(runs) == 2, runs  # the page's own run, then the fitted view's report


def test_a_link_with_a_position_costs_no_run_for_the_maps_opening_view(app_url):
    width, height = SIZES["phone"]
    with browser_page(width, height) as page:
        runs = watch_runs(page)
        frame = open_map(page, f"{app_url}/?lat=39.5&lon=116.9&zoom=8")
        shown = settle(page, frame, quiet_ms=2000)
        assert shown[2] == 8 and abs(shown[0] - 39.5) < 0.01 and abs(shown[1] - 116.9) < 0.01
        assert url_shows(page.url, map_view(frame)), page.url
        # the page's own run, and at most the report of the map moved to the link's position
        assert 1 <= len(runs) <= 2, runs


# Counts the map iframes the page creates (a recreated iframe would load the map again).
COUNT_MAP_FRAMES = """if (window === window.top) { window.__mapFrames = 0; new MutationObserver(function () {
  document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(function (f) {
    if (!f.__counted) { f.__counted = true; window.__mapFrames++; } });
}).observe(document, {childList: true, subtree: true}); }"""


def chunk_names(urls: list[str]) -> list[str]:
    """Streamlit's script chunks in the order the page asked for them (`Multiselect`, ...)."""
    return [u.split("?")[0].rsplit("/", 1)[1].split(".")[0] for u in urls if "/static/js/" in u]


@pytest.mark.parametrize("size,lang", [("desktop", "en"), ("phone", "zh")])
def test_a_first_visit_asks_for_the_maps_script_before_the_widgets_and_draws_its_map_once(
        app_url, size, lang):
    """The sites come first: the map's element renders before any widget's, so the browser asks
    for its script chunk first; the rest of the page follows and the map keeps its iframe."""
    width, height = SIZES[size]
    with browser_page(width, height) as page:
        runs = watch_runs(page)
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.add_init_script(COUNT_MAP_FRAMES)
        frame = open_map(page, f"{app_url}/?lang={lang}")
        # the whole page follows: the filters and the map's controls
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_text("中文", exact=True).wait_for(state="attached", timeout=30_000)
        sidebar.get_by_text(t("region", lang), exact=True).wait_for(state="attached", timeout=30_000)
        page.locator(".st-key-basemap_choice").wait_for(timeout=30_000)
        settle(page, frame, quiet_ms=2000)
        page.wait_for_timeout(4500)  # longer than the timed rerun: it was stopped by the full run
        chunks = chunk_names(asked)
        widgets = [c for c in ("Multiselect", "Selectbox", "ButtonGroup", "TextInput") if c in chunks]
        assert "ComponentInstance" in chunks and len(widgets) == 4, chunks
        assert all(chunks.index("ComponentInstance") < chunks.index(c) for c in widgets), chunks
        assert page.evaluate("() => window.__mapFrames") == 1  # one map for the page's life
        assert len(runs) == 2, runs  # the page's own run, then the fitted view's (the rest)
        assert url_shows(page.url, map_view(frame)), page.url
