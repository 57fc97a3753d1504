"""Behind a proxy path (Streamlit's server.baseUrlPath) the map still draws: its scripts and
published files are addressed relative to the component's frame, never to the site's root."""

from bench.browser_driver import browser_page, open_map, running_app, wait_for_sites
from geodata import load_layers


def test_the_map_draws_under_a_base_url_path(chromium):
    expected = sorted(load_layers().sites["id"])
    with running_app(base_path="health/map") as url:
        assert url.endswith("/health/map")
        with browser_page() as page:
            failed = []
            page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
            frame = open_map(page, url + "/")
            assert sorted(wait_for_sites(frame)) == expected
            frame.wait_for_function("() => window.jjjGeoLoaded === 2", timeout=30_000)  # polygons too
            assert "/health/map/" in frame.url
            assert not [f for f in failed if "127.0.0.1" in f], failed
