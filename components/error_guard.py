"""No visitor ever sees a traceback: an unexpected error becomes a short message; the log keeps
the rest (with .streamlit/config.toml `client.showErrorDetails = "none"` as the second guard)."""

from __future__ import annotations

import contextlib
import logging
import secrets

import streamlit as st

from components.i18n import t

LOG = logging.getLogger("jjj.app")


@contextlib.contextmanager
def errors_shown_briefly():
    # Streamlit's stop/rerun signals are BaseExceptions and pass through untouched.
    try:
        yield
    except Exception:  # noqa: BLE001 - the last guard: anything unexpected, logged in full
        ref = secrets.token_hex(4)
        LOG.exception("page failed (ref %s)", ref)
        lang = st.session_state["view"].lang if "view" in st.session_state else "en"
        st.error(t("internal_error", lang, ref=ref), icon=":material/error:")
