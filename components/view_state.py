"""The one copy of the view in this session (st.session_state["view"]) and how callbacks change it.

A widget callback runs before the page script. On a session's first run after a server restart
the browser reconnects with its widgets' values and the address bar, but the session has no view
yet: a change the user just made (a search typed) is queued and applied on top of the view the
URL restores, instead of being lost."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

import streamlit as st

from components.map_view import request_focus
from components.url_state import ViewState

VIEW = "view"
QUEUE = "view_updates"
MAP_PAGE = "app_pages/map.py"
GOTO_MAP = "goto_map"  # set by a list entry that chose a site: the page frame goes to the map


def update_view(change: Callable[[ViewState], ViewState]) -> None:
    state = st.session_state
    if VIEW in state:
        state[VIEW] = change(state[VIEW])
    else:
        state.setdefault(QUEUE, []).append(change)


def with_queued(view: ViewState) -> ViewState:
    """`view` with the changes callbacks made before there was one."""
    for change in st.session_state.pop(QUEUE, []):
        view = change(view)
    return view


def open_site(site_id: str) -> None:
    """Callback of every list entry that names a site (table rows, nearest sites, sources):
    select it and show it on the map, brought into view."""
    update_view(lambda view: replace(view, site=site_id))
    request_focus()
    st.session_state[GOTO_MAP] = True
