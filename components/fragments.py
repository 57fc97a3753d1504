"""A page section that reruns on its own (st.fragment), guarded like a whole run.

A fragment's rerun runs only the section's function, not app.py: it takes its turn in the run
queue and shows a short message instead of a traceback itself. Inside a full run the turn is
already held (the lock is re-entrant) and the guard only confines an error to the section."""

from __future__ import annotations

import functools

import streamlit as st

from components.error_guard import errors_shown_briefly
from components.run_queue import one_run_at_a_time


def section(func):
    @st.fragment
    @functools.wraps(func)
    def run(*args, **kwargs):
        with one_run_at_a_time(), errors_shown_briefly():
            func(*args, **kwargs)
    return run
