"""Under the site card: the nearest sites with a known position, each a button that opens it, and
"show what lies within the radius" (sets `near` to this site). A site without an exact position
gets a sentence instead: no distance is invented for it."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from components.analysis_data import point_index
from components.i18n import t
from components.map_view import request_focus
from components.url_state import ViewState
from geodata.near import DEFAULT_KM

COUNT = 5


def nearest(site_id: str, shown_rows: np.ndarray, count: int = COUNT) -> list[tuple[int, float]]:
    """(row, km) of the `count` shown sites with a point nearest to `site_id` (itself excluded)."""
    points = point_index()
    centre = points.centre(site_id)
    if centre is None:
        return []
    distance = points.km_from(centre.lat, centre.lon)
    rows = np.asarray(shown_rows, dtype=np.int64)
    rows = rows[points.known[rows] & (points.ids[rows] != site_id)]
    best = rows[np.argsort(distance[rows], kind="stable")[:count]]
    return [(int(r), float(distance[r])) for r in best]


def render_near_card(layers, view: ViewState, shown_rows) -> None:
    if not view.site:
        return
    lang, sites = view.lang, layers.sites
    rows = np.flatnonzero(sites["id"].to_numpy() == view.site)
    if not len(rows):
        return  # the user's own site: not in the curated index
    with st.container(border=True, key="near_card"):
        st.markdown(f"**{t('near_card_title', lang)}**")
        if not point_index().known[rows[0]]:
            what = t("near_what_city" if str(sites["precision"].iloc[rows[0]]) == "city"
                     else "near_what_area", lang)
            st.caption(t("near_card_no_point", lang, what=what))
            return
        names = sites["name_zh" if lang == "zh" else "name_en"].astype(str).to_numpy()
        for row, km in nearest(view.site, shown_rows):
            st.button(f"{names[row]} — {km:.1f} km", key=f"near_open_{sites['id'].iloc[row]}",
                      on_click=_open, args=(str(sites["id"].iloc[row]),), width="stretch",
                      icon=":material/place:")
        km = view.analysis.within or DEFAULT_KM
        st.button(t("near_card_within", lang, km=km), key="near_card_search", on_click=_near_site,
                  args=(view.site,), icon=":material/radar:", width="stretch")


def _open(site_id: str) -> None:
    state = st.session_state
    state["view"] = replace(state["view"], site=site_id)
    request_focus()


def _near_site(site_id: str) -> None:
    state = st.session_state
    state["view"] = replace(state["view"], analysis=replace(state["view"].analysis, near=site_id))
