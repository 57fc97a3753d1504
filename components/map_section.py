"""The map page's map and card: one section that reruns on its own when only it changes.

A site picked (on the map or in the card's list) or the map moved changes what this section
draws, the address bar and the shared link, nothing else. Rerunning the whole page for it paid the
sidebar's ~20 widgets again, the larger part of a run's cost (docs/performance.md, "A site pick
reruns the map and the card"). Any other change made here (the analysis, a badge's place, the
basemap) reruns the whole page at once, so the sidebar's count and link never lag; so does a pick
while the link box is open (it shows the link) or while a first visit's rest is still to come.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

import streamlit as st

from components.fragments import section
from components.page_frame import (DRAWN, LINK_POPOVER, REST_PENDING, keep_link_live,
                                   next_map_run, write_url)
from components.url_state import ViewState
from components.view_state import VIEW

IN_FULL_RUN = "map_section_in_full_run"
ALONE = ("site", "lat", "lon", "zoom")  # the view's parts a section run may change by itself


def changes_only_section(drawn: ViewState | None, view: ViewState) -> bool:
    """Whether `view` differs from the one the page last drew in full (`drawn`) in ALONE only."""
    return drawn is not None and replace(view, **{f: getattr(drawn, f) for f in ALONE}) == drawn


def map_section(draw: Callable[[ViewState], ViewState]) -> ViewState:
    """Draw `draw(view) -> view` as the section, within this full run; returns the view after it."""
    state = st.session_state
    state[IN_FULL_RUN] = True
    try:
        _section(draw)
    finally:
        state[IN_FULL_RUN] = False
    return state[VIEW]


@section  # at module level: a fragment's id comes from its name and place, stable across runs
def _section(draw: Callable[[ViewState], ViewState]) -> None:
    state = st.session_state
    alone = not state.get(IN_FULL_RUN)  # a rerun of this section only (`draw` is the last full run's)
    if alone:
        _whole_page_unless_alone(state)
        next_map_run()  # what start_page does for a full run: which map the previous run drew
    view = draw(state[VIEW])
    state[VIEW] = view
    if alone:
        _whole_page_unless_alone(state)
        write_url(view)
        keep_link_live(view)


def _whole_page_unless_alone(state) -> None:
    if (state.get(REST_PENDING) or state.get(LINK_POPOVER)
            or not changes_only_section(state.get(DRAWN), state[VIEW])):
        st.rerun(scope="app")
