"""A first visit's cost: what opening the map page asks of the server (issue #15).

The map reports its view to the server (each report is a script run). Opening the page without a
position in the link costs the page's own run and one more for the view the map fitted to the
sites; the map's opening view, before the fit, is no move and costs none (base_map.MapSetup takes
it as the value the server gave the component: streamlit-folium's first report is held here)."""

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.browser_driver import browser_page, open_map
from tests.browser.view_steps import SIZES, map_view, settle, url_shows


def watch_runs(page) -> list[str]:
    """The script runs the page asks for (rerun_script messages on its websocket), as sent."""
    runs = []

    def sent(payload):
        msg = BackMsg()
        if isinstance(payload, bytes):
            msg.ParseFromString(payload)
            if msg.WhichOneof("type") == "rerun_script":
                runs.append(msg.rerun_script.query_string)

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
