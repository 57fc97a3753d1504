"""The app's Streamlit secrets (tile keys), read where a basemap needs them."""

from __future__ import annotations

import streamlit as st


def user_secrets() -> dict:
    """Streamlit secrets; empty when the app has no secrets file."""
    try:
        return dict(st.secrets)
    except Exception:  # no secrets.toml: keys may still come from the environment
        return {}
