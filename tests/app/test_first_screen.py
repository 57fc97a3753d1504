"""A first visit's map page: the sites first, the rest of the page with the next run (issue #15).

These use AppTest as it is, run by run (not `make_app`, which goes on as a browser's map does)."""

import json

from streamlit.testing.v1 import AppTest

from tests.app.conftest import FIXTURE, ROOT, map_args, texts


def fresh(monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("JJJ_DATA_DIR", str(FIXTURE))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    return at


def test_a_first_visit_draws_the_title_and_the_map_then_the_whole_page(monkeypatch):
    at = fresh(monkeypatch)
    at.run()
    assert not at.exception
    assert "Jing-Jin-Ji health-industry map" in texts(at)
    first = map_args(at)
    assert len(at.multiselect) == 0 and len(at.selectbox) == 0  # no filters, no controls yet
    assert "sites match" not in texts(at)
    # the next run (the map's report of its fitted view, or the timed rerun) draws the rest
    at.run()
    assert not at.exception
    assert "3 of 3 sites match" in texts(at)
    assert {m.key for m in at.multiselect} >= {"filter_region", "filter_focus"}
    assert at.selectbox(key="basemap_choice").value == "osm"
    assert at.segmented_control(key="lang_switch").value == "en"
    # the map's element is the same in both runs: the browser keeps its iframe and its sites
    assert json.dumps(map_args(at), sort_keys=True) == json.dumps(first, sort_keys=True)


def test_a_link_with_a_position_draws_the_whole_page_at_once(monkeypatch):
    at = fresh(monkeypatch, lat="39.5", lon="116.9", zoom="8", lang="zh", region="beijing")
    at.run()
    assert not at.exception
    assert at.multiselect(key="filter_region").value == ["beijing"]
    assert at.segmented_control(key="lang_switch").value == "zh"
    assert map_args(at)["zoom"] == 8


def test_presentation_mode_draws_the_whole_page_at_once(monkeypatch):
    at = fresh(monkeypatch, present="1")
    at.run()
    assert not at.exception
    assert len(at.multiselect) > 0
