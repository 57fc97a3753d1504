"""The app's Streamlit secrets (tile keys), read where a basemap needs them."""

from __future__ import annotations

import streamlit as st
from cachetools.func import ttl_cache

# A page run reads them three times, and each read looks for the secrets files on disk (~0.15 ms):
# they are read again after this many seconds (an edited secrets file still shows within it).
FRESH_S = 5.0


def user_secrets() -> dict:
    """Streamlit secrets; empty when the app has no secrets file. A copy: callers may keep it."""
    return dict(_read())


@ttl_cache(maxsize=1, ttl=FRESH_S)
def _read() -> dict:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: keys may still come from the environment
        return {}
