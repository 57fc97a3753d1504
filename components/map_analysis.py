"""The analysis on the map page: the choropleth option, the `near` ring and "search here".

Builders return payloads for the overlay (components/choropleth.py); the render functions are thin
and change the view through callbacks, like the sidebar filters.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from components.analysis_data import NearResult, place_index
from components.choropleth import choropleth_payload, ring_payload, unit_shapes
from components.data import Catalog
from components.i18n import t
from components.text import md_escape
from components.site_data_file import publish
from components.url_state import ViewState
from geodata.near import DEFAULT_KM
from geodata.stats import unit_counts

MAP_LEVELS = ("city", "county")  # the choropleth's units (regions are too few to colour)
MAP_CHOICE = "map_stats_choice"


def _published_units(catalog: Catalog, level: str, crs: str) -> str:
    """URL of the level's unit outlines (published once per dataset, level and coordinate system;
    again if the file has gone)."""
    def make():
        url, path = publish(unit_shapes(place_index(catalog).levels[level].table, crs),
                            prefix=f"units-{level}")
        return url, (path,)
    return catalog.with_files(("units_file", level, crs), make)


def overlay(catalog: Catalog, view: ViewState, mask: np.ndarray, near: NearResult | None,
            crs: str) -> tuple:
    """(ring, choropleth) payloads for the map; None for what the view does not show."""
    ring = None
    if near is not None:
        ring = ring_payload(near.centre.lat, near.centre.lon, near.km, near.label, crs)
    level = view.analysis.stats
    if level not in MAP_LEVELS:
        return ring, None
    table = unit_counts(place_index(catalog), level, mask)
    src = _published_units(catalog, level, crs)
    title = t(f"choro_title_{level}", view.lang)
    return ring, choropleth_payload(table, src, view.lang, title, t("choro_zero", view.lang),
                                    t("choro_nodata", view.lang))


def render_map_options(view: ViewState, near: NearResult | None) -> ViewState:
    """Above the map: colour places by count (off / city / county); the active radius, clearable."""
    lang = view.lang
    st.session_state[MAP_CHOICE] = view.analysis.stats if view.analysis.stats in MAP_LEVELS else "off"
    st.segmented_control(t("map_stats", lang), options=["off", *MAP_LEVELS], key=MAP_CHOICE,
                         format_func=lambda k: t("map_stats_off" if k == "off" else f"level_{k}", lang),
                         on_change=_on_map_stats)
    if near is not None:
        left, right = st.columns([5, 1], vertical_alignment="center")
        left.caption(t("near_active", lang, km=near.km, centre=md_escape(near.label)))
        right.button(t("near_clear", lang), key="near_clear_map", on_click=_clear_near)
    return st.session_state["view"]


def render_search_here(view: ViewState, point: tuple[float, float] | None) -> ViewState:
    """After a click on the map's background: offer to search around that point."""
    if point is None:
        return view
    lat, lon = point
    lang = view.lang
    with st.container(border=True, key="search_here"):
        st.caption(t("near_clicked", lang, lat=lat, lon=lon))
        st.button(f"{t('near_here', lang)} ({view.analysis.within or DEFAULT_KM:g} km)",
                  key="near_here", icon=":material/radar:", on_click=_near_point, args=(lat, lon),
                  width="stretch")
    return view


def _on_map_stats() -> None:
    state = st.session_state
    choice = state.get(MAP_CHOICE)
    analysis = replace(state["view"].analysis, stats=None if choice in (None, "off") else choice)
    state["view"] = replace(state["view"], analysis=analysis)


def _near_point(lat: float, lon: float) -> None:
    state = st.session_state
    analysis = replace(state["view"].analysis, near=f"{lat:.5f},{lon:.5f}")
    state["view"] = replace(state["view"], analysis=analysis)
    state.pop("map_point", None)


def _clear_near() -> None:
    state = st.session_state
    state["view"] = replace(state["view"], analysis=replace(state["view"].analysis, near=None))
