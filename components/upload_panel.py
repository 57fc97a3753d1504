"""Users' own sites: upload a file, see it as its own layer; it stays in this session only."""

from __future__ import annotations

import functools
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import streamlit as st

from components.i18n import t
from components.text import md_escape
from geodata import Filter, apply
from geodata.upload import MAX_BYTES, empty_sites, read_upload

STATE = "upload"
TYPES = ["csv", "geojson", "json", "gpkg"]


@functools.cache
def _no_sites() -> gpd.GeoDataFrame:
    """One shared empty frame: building a GeoDataFrame costs ~2 ms, and most runs have no upload."""
    return empty_sites()


def uploaded_sites() -> gpd.GeoDataFrame:
    """The sites of the current upload (empty when none): never shared, never stored."""
    result = st.session_state.get(STATE)
    return result["result"].sites if result else _no_sites()


def filtered_uploads(flt: Filter, plans) -> gpd.GeoDataFrame:
    sites = uploaded_sites()
    return apply(flt, sites, plans) if len(sites) else sites


def with_uploads(layers):
    """Layers whose sites include the upload (a new object: the cached layers stay untouched)."""
    sites = uploaded_sites()
    if sites.empty:
        return layers
    return replace(layers, sites=gpd.GeoDataFrame(pd.concat([layers.sites, sites], ignore_index=True),
                                                  crs=layers.sites.crs))


OPEN = "upload_open"


def render_upload(layers, lang: str) -> None:
    # Until asked for, only a button: the file uploader's scripts (~6 files the browser loads on
    # first sight) delayed the map of a first visit by ~0.1 s, and few viewers upload.
    if not (st.session_state.get(OPEN) or STATE in st.session_state):
        st.button(t("upload_title", lang), icon=":material/upload_file:", key="upload_open_button",
                  on_click=_open)
        return
    with st.expander(t("upload_title", lang), icon=":material/upload_file:", expanded=True):
        st.caption(t("upload_help", lang, mb=MAX_BYTES // (1024 * 1024)))
        st.file_uploader(t("upload_label", lang), type=TYPES, key="upload_file",
                         on_change=_on_file, args=(layers,))
        _report(lang)


def _open() -> None:
    st.session_state[OPEN] = True


def _on_file(layers) -> None:
    """Parse once per chosen file (a callback, so reruns for other reasons don't re-read it)."""
    file = st.session_state.get("upload_file")
    if file is None:
        st.session_state.pop(STATE, None)
        return
    result = read_upload(file.name, file.getvalue(), layers.vocab, layers.boundaries)
    st.session_state[STATE] = {"name": file.name, "result": result}


def _report(lang: str) -> None:
    state = st.session_state.get(STATE)
    if not state:
        return
    result, name = state["result"], md_escape(state["name"])
    if result.error:
        st.error(t("upload_error", lang, name=name, error=md_escape(result.error)))
        return
    st.success(t("upload_ok", lang, name=name, n=len(result.sites)))
    if result.problems:
        st.warning(t("upload_problems", lang, n=len(result.problems)))
        st.code("\n".join(result.problems), language=None)
