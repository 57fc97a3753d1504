"""The map's side of the one view: what the browser's map reports, and what the server asks of it.

The server owns the view (st.session_state["view"]; the URL and the link box are written from it).
The map reports its centre and zoom when a pan or zoom ends (streamlit-folium debounces it by
250 ms and sends it only when it changed) and with every click; a callback folds the report into
the view before the run starts, so that run draws the right selection and writes the right URL.
Such a run re-renders nothing of the map: the base map is cached and the sites layer's message is
unchanged, so the component keeps its iframe, markers and view.

The server moves the map only through commands the map obeys once:
- `center`/`zoom`: given to a map created in this run (first visit with a view in the URL, or a
  new base map after a language or basemap switch); streamlit-folium applies them only when they
  change, so they stay constant for the life of that map;
- `fit` token: fit the shown sites (first visit without a view, every filter change);
- `focus` token: bring the selected site into view (a site chosen outside the map, also when that
  choice opens the map page: then the layer restores the view first, `at`); with `show` (a link
  naming a site but no position), fit the map to that site: its area's outline, its city's badge,
  or its own point.
A link's stated position always wins: a map created from lat/lon/zoom is never moved by a fit or
a focus, unless the user chooses a site afterwards.
The layer's script remembers the last token it obeyed, so redrawing the layer (a click changes
the highlight) never re-fits or re-centres the map.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

import streamlit as st

from components.site_layer import clicked_id
from components.url_state import ViewState, same_position, with_position

KNOWN = "map_known_ids"  # what a click may select (set by each run)
STATE = "map_session"
FOCUS_REQUEST = "map_focus_request"
POINT = "map_point"
INITIAL_CENTER = (39.3, 116.6)  # where the base map opens (base_map.CENTER), before any command
INITIAL_ZOOM = 7
OPENING = ViewState(lat=INITIAL_CENTER[0], lon=INITIAL_CENTER[1], zoom=INITIAL_ZOOM)


def returned(center=INITIAL_CENTER, zoom=INITIAL_ZOOM) -> dict:
    """What the component returns, with its first report's values, in the component's key order:
    when they match that report, opening the page costs one script run, not two."""
    return {"last_clicked": None, "last_object_clicked_count": 0, "last_object_clicked_tooltip": None,
            "zoom": zoom, "center": {"lat": center[0], "lng": center[1]}}


@dataclass(frozen=True)
class MapSession:
    """This session's map: the component it talks to and what it last asked of it."""

    key: str                    # streamlit-folium's instance key (changes with the base map)
    center: tuple | None        # the centre/zoom command given when that map was created
    zoom: int | None
    fit: int                    # last fit token (0: none)
    focus: int                  # last focus token (0: none)
    clicks: int = 0             # the component's click counter as last seen
    filter: object = None       # the filter the layer last drew
    show: bool = False          # the focus fits the map to the site (a link without a position)
    obeyed: bool = False        # the map has reported a view other than its opening one
    at: tuple | None = None     # (lat, lon, zoom) the layer restores before its focus


def request_focus() -> None:
    """A site was chosen outside the map (dropdown, list): the map brings it into view."""
    st.session_state[FOCUS_REQUEST] = True


def command(key: str, view: ViewState, shown_before: bool) -> MapSession:
    """This run's commands to the map with instance `key`. `shown_before`: the previous run drew
    this same map (its iframe lives on); otherwise a new map is created and gets the view."""
    state = st.session_state
    old: MapSession | None = state.get(STATE)
    token = state.get("map_token", 0) + 1
    focus_asked = state.pop(FOCUS_REQUEST, False)
    if old is None or old.key != key or not shown_before:
        if view.has_view and focus_asked and view.site:
            # a site chosen elsewhere opened this page (a table row): the layer restores the view
            # and then brings the site into view (the component's own centre command would come
            # after, undoing it)
            new = MapSession(key, None, None, 0, token, 0, view.filter,
                             at=(view.lat, view.lon, view.zoom))
        elif view.has_view:  # restore exactly what the URL (or the previous map) showed
            new = MapSession(key, (view.lat, view.lon), view.zoom, 0, 0, 0, view.filter)
        else:  # nothing to restore: show the selected site if any, else fit the shown sites
            new = MapSession(key, None, None, token, token if view.site else 0, 0, view.filter,
                             show=bool(view.site))
    else:
        new = old
        if view.filter != old.filter:
            new = replace(new, fit=token, filter=view.filter)
        if focus_asked and view.site:
            new = replace(new, focus=token, show=False)
    state["map_token"] = token
    state[STATE] = new
    return new


def report_callback(key: str):
    return functools.partial(_on_report, key)


def _on_report(key: str) -> None:
    """on_change of the map: its click and its view go into the view before the run."""
    state = st.session_state
    value = state.get(key) or {}
    session: MapSession | None = state.get(STATE)
    view: ViewState | None = state.get("view")
    if session is None or view is None or session.key != key:
        return  # a report from a map this session no longer shows
    count = value.get("last_object_clicked_count") or 0
    if count != session.clicks:
        state[STATE] = replace(session, clicks=count)
        hit = clicked_id(value.get("last_object_clicked_tooltip"))
        if hit:
            # Into the view now, not in the run: a run can be cut short by the next message (the
            # map reports its view right after a click; at 50,000 sites a run is long) and a click
            # held for it would be lost with it.
            view = state["view"] = _with_click(view, hit, state.get(KNOWN) or {})
        state.pop(POINT, None)
    elif (point := _clicked_point(value.get("last_clicked"))) and point != state.get(POINT + "_last"):
        state[POINT] = point  # a click on the map itself: the page offers "search here" (issue 12)
    state[POINT + "_last"] = _clicked_point(value.get("last_clicked"))
    center, zoom = value.get("center") or {}, value.get("zoom")
    if "lat" in center and "lng" in center and zoom is not None:
        moved = with_position(view, center["lat"], center["lng"], zoom)
        session = state[STATE]
        if (session.center is not None or session.at is not None) and not session.obeyed:
            if same_position(OPENING, moved):
                return  # the new map's opening view, reported before it obeyed the command
            state[STATE] = replace(session, obeyed=True)
        if not same_position(view, moved):  # a sub-pixel report is no move: no drift
            state["view"] = moved


def _clicked_point(value) -> tuple[float, float] | None:
    if isinstance(value, dict) and isinstance(value.get("lat"), (int, float)) \
            and isinstance(value.get("lng"), (int, float)):
        return round(float(value["lat"]), 5), round(float(value["lng"]), 5)
    return None


def clicked_point() -> tuple[float, float] | None:
    """Where the user last clicked the map's background (not a site), until used or cleared."""
    return st.session_state.get(POINT)


def know_sites(known: dict) -> None:
    """The ids a click may select, by layer ("site", "upload", "area"), as the last run drew them."""
    st.session_state[KNOWN] = known


def _with_click(view: ViewState, hit: tuple[str, str], known: dict) -> ViewState:
    """The view with the clicked site (or place badge) selected, if it is one we drew."""
    if hit[1] not in known.get(hit[0], ()):
        return view  # not drawn by us (or no longer): ignored
    if hit[0] == "area":  # a place's badge: its sites are listed in the side panel
        return replace(view, area=hit[1], site=None)
    return replace(view, site=hit[1], area=None)