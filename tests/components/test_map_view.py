"""The server's side of the map's view: commands obeyed once, reports folded into the view."""

import pytest

from components import map_view
from components.url_state import ViewState, with_position
from geodata.query import Filter


@pytest.fixture
def state(monkeypatch):
    session = {}
    monkeypatch.setattr(map_view.st, "session_state", session)
    return session


def test_a_first_visit_without_a_view_fits_the_sites(state):
    cmd = map_view.command("k1", ViewState(), shown_before=False)
    assert cmd.fit > 0 and cmd.focus == 0 and cmd.center is None


def test_a_link_with_a_view_is_restored_exactly_and_not_fitted(state):
    view = ViewState(site="a", lat=39.5, lon=117.1, zoom=9)
    cmd = map_view.command("k1", view, shown_before=False)
    assert (cmd.center, cmd.zoom, cmd.fit, cmd.focus) == ((39.5, 117.1), 9, 0, 0)


def test_a_link_naming_a_site_without_a_position_shows_that_site(state):
    cmd = map_view.command("k1", ViewState(site="a"), shown_before=False)
    assert cmd.center is None and cmd.fit > 0 and cmd.focus > 0 and cmd.show


def test_a_links_stated_position_wins_over_its_site(state):
    cmd = map_view.command("k1", ViewState(site="a", lat=39.5, lon=117.1, zoom=9), shown_before=False)
    assert (cmd.center, cmd.zoom, cmd.fit, cmd.focus, cmd.show) == ((39.5, 117.1), 9, 0, 0, False)


def test_a_site_chosen_in_a_list_that_opens_the_map_page_is_brought_into_view(state):
    map_view.request_focus()  # a table row on the Sites page: the map page opens at the last view
    cmd = map_view.command("k1", ViewState(site="a", lat=39.5, lon=117.1, zoom=9), shown_before=False)
    # the layer restores the view, then focuses (the component's centre command would undo it)
    assert (cmd.center, cmd.zoom, cmd.at, cmd.fit) == (None, None, (39.5, 117.1, 9), 0)
    assert cmd.focus > 0 and not cmd.show


def test_a_site_chosen_on_a_shown_map_is_brought_into_view_not_fitted(state):
    first = map_view.command("k1", ViewState(site="a"), shown_before=False)
    map_view.request_focus()
    chosen = map_view.command("k1", ViewState(site="b"), shown_before=True)
    assert chosen.focus > first.focus and not chosen.show and chosen.fit == first.fit


def test_reruns_of_the_same_map_repeat_its_commands(state):
    """A click or a reported pan changes nothing the map obeys: it stays where the user put it."""
    first = map_view.command("k1", ViewState(), shown_before=False)
    panned = with_position(ViewState(site="a"), 38.1, 114.5, 10)
    again = map_view.command("k1", panned, shown_before=True)
    assert (again.center, again.zoom, again.fit, again.focus) == (None, None, first.fit, 0)


def test_a_filter_change_fits_again_and_a_chosen_site_is_focused(state):
    first = map_view.command("k1", ViewState(), shown_before=False)
    refit = map_view.command("k1", ViewState(filter=Filter(city=("Shijiazhuang",))), shown_before=True)
    assert refit.fit > first.fit
    map_view.request_focus()
    focused = map_view.command("k1", ViewState(filter=Filter(city=("Shijiazhuang",)), site="a"), True)
    assert focused.focus > 0 and focused.fit == refit.fit


def test_a_new_base_map_gets_the_view_the_old_one_showed(state):
    map_view.command("en-map", ViewState(), shown_before=False)
    view = with_position(ViewState(lang="zh"), 39.91234, 116.4, 11)
    cmd = map_view.command("zh-map", view, shown_before=True)
    assert (cmd.center, cmd.zoom, cmd.fit) == ((39.9123, 116.4), 11, 0)


def test_reports_become_the_view_and_a_click_selects_before_any_run(state):
    view = ViewState(lat=39.0, lon=116.0, zoom=8)
    state["view"] = view
    map_view.command("k1", view, shown_before=False)
    map_view.know_sites({"site": {"a"}, "area": {"xiongan"}})
    state["k1"] = {"last_object_clicked_count": 1,
                   "last_object_clicked_tooltip": "Name [[site:b]]",
                   "zoom": 10, "center": {"lat": 38.123456, "lng": 114.5}}
    map_view.report_callback("k1")()
    assert (state["view"].lat, state["view"].lon, state["view"].zoom) == (38.1235, 114.5, 10)
    assert state["view"].site is None  # an id the map did not draw: ignored
    # The click is in the view as soon as it is reported: a run cut short by the next message
    # (the map's own view report) cannot lose it, and that report keeps it.
    state["k1"]["last_object_clicked_count"] = 2
    state["k1"]["last_object_clicked_tooltip"] = "Name [[site:a]]"
    map_view.report_callback("k1")()
    assert state["view"].site == "a" and state["view"].zoom == 10
    state["k1"]["center"] = {"lat": 38.5, "lng": 114.9}
    map_view.report_callback("k1")()
    assert (state["view"].site, state["view"].lat) == ("a", 38.5)
    state["k1"]["last_object_clicked_count"] = 3
    state["k1"]["last_object_clicked_tooltip"] = "Xiong'an [[area:xiongan]]"
    map_view.report_callback("k1")()
    assert (state["view"].area, state["view"].site) == ("xiongan", None)


def test_a_report_from_a_map_no_longer_shown_is_ignored(state):
    state["view"] = ViewState()
    map_view.command("k2", ViewState(), shown_before=False)
    state["k1"] = {"zoom": 12, "center": {"lat": 40.0, "lng": 116.0}}
    map_view.report_callback("k1")()
    assert state["view"] == ViewState()


def test_positions_are_kept_where_a_link_can_hold_them():
    view = with_position(ViewState(), 80.0, 200.0, 30)
    assert (view.lat, view.lon, view.zoom) == (50.0, 130.0, 18)
    assert with_position(ViewState(), "x", 1, 2) == ViewState()


def test_a_click_on_the_map_itself_offers_search_here_and_a_site_click_does_not(state):
    view = ViewState(lat=39.0, lon=116.0, zoom=8)
    state["view"] = view
    map_view.command("k1", view, shown_before=False)
    state["k1"] = {"last_clicked": {"lat": 39.912345, "lng": 116.41}, "last_object_clicked_count": 0,
                   "last_object_clicked_tooltip": None, "zoom": 8, "center": {"lat": 39.0, "lng": 116.0}}
    map_view.report_callback("k1")()
    assert map_view.clicked_point() == (39.91235, 116.41)
    # a site's click reaches the map too (the same report): it selects the site, no "search here"
    state["k1"] = {**state["k1"], "last_clicked": {"lat": 39.5, "lng": 116.5},
                   "last_object_clicked_count": 1, "last_object_clicked_tooltip": "X [[site:a]]"}
    map_view.report_callback("k1")()
    assert map_view.clicked_point() is None
    # a pan reports the same last click again: it is not a new click
    state["k1"] = {**state["k1"], "zoom": 9}
    map_view.report_callback("k1")()
    assert map_view.clicked_point() is None


def test_a_report_within_a_pixel_of_the_view_changes_nothing(state):
    """A restored link's view comes back as it was: no drift from Leaflet's whole-pixel centre."""
    view = ViewState(site="a", lat=38.0, lon=114.5, zoom=10)
    state["view"] = view
    map_view.command("k1", view, shown_before=False)
    state["k1"] = {"zoom": 10, "center": {"lat": 38.00031, "lng": 114.50021}}  # < 1 px at zoom 10
    map_view.report_callback("k1")()
    assert state["view"] == view
    state["k1"] = {"zoom": 10, "center": {"lat": 38.0, "lng": 114.503}}  # ~2 px: the user's pan
    map_view.report_callback("k1")()
    assert (state["view"].lon, state["view"].zoom) == (114.503, 10)


def test_a_restored_map_s_opening_view_never_replaces_the_link_s_view(state):
    """A new map opens at the base map's centre, may report that before it obeys the link's
    position, then reports the position: the view stays the link's throughout."""
    view = ViewState(lat=38.6, lon=115.4, zoom=8)
    state["view"] = view
    map_view.command("k1", view, shown_before=False)
    state["k1"] = {"zoom": 7, "center": {"lat": 39.30455, "lng": 116.60339}}  # the opening view
    map_view.report_callback("k1")()
    assert state["view"] == view
    state["k1"] = {"zoom": 8, "center": {"lat": 38.59997, "lng": 115.40019}}  # obeyed
    map_view.report_callback("k1")()
    assert state["view"] == view
    state["k1"] = {"zoom": 7, "center": {"lat": 39.3, "lng": 116.6}}  # later: the user's own move
    map_view.report_callback("k1")()
    assert (state["view"].lat, state["view"].zoom) == (39.3, 7)
