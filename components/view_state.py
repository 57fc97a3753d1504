"""The one copy of the view in this session (st.session_state["view"]) and how callbacks change it.

A widget callback runs before the page script. On a session's first run after a server restart
the browser reconnects with its widgets' values and the address bar, but the session has no view
yet: a change the user just made (a search typed) is queued and applied on top of the view the
URL restores, instead of being lost."""

from __future__ import annotations

from typing import Callable

import streamlit as st

from components.url_state import ViewState

VIEW = "view"
QUEUE = "view_updates"


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
