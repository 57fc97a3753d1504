"""Cached loading of the data layers; a data problem shows its list instead of a traceback."""

from __future__ import annotations

import streamlit as st

from components.i18n import t
from geodata import DataError, data_dir, load_layers
from geodata.boundaries import display_boundaries


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_layers(directory: str):
    return load_layers(directory)


@st.cache_data(show_spinner=False, max_entries=4)
def _cached_display_boundaries(directory: str):
    return display_boundaries(_cached_layers(directory).boundaries)


def current_data_dir() -> str:
    return str(data_dir())


def load(lang: str = "en"):
    """The layers (shared, read-only: never mutate them) or a page listing every data problem."""
    directory = current_data_dir()
    try:
        with st.spinner(t("loading", lang)):
            return _cached_layers(directory)
    except DataError as exc:
        st.error(t("data_problems", lang))
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        st.stop()
    except OSError as exc:  # e.g. JJJ_DATA_DIR names something that cannot be a folder
        st.error(t("data_problems", lang))
        st.code(f"{directory[:200]}: {exc.strerror or exc}", language=None)
        st.stop()


def boundaries_for_display():
    return _cached_display_boundaries(current_data_dir())
