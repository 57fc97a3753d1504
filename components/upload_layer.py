"""The user's upload as the pages and the map read it: its sites (filtered like the curated ones),
the layers with them added, and its map layer. Everything is kept in this session only, built once
per upload (components/upload_panel.py reads the file and replaces the state)."""

from __future__ import annotations

import functools
from dataclasses import replace

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from components.site_data_file import publish
from components.site_layer import shared_payload, site_columns
from geodata import Filter
from geodata.layers import Layers
from geodata.site_index import SiteIndex
from geodata.upload import empty_sites

STATE = "upload"
OPEN = "upload_open"  # the uploader is shown open (asked for, or an upload was lost)


@functools.cache
def _no_sites() -> gpd.GeoDataFrame:
    """One shared empty frame: building a GeoDataFrame costs ~2 ms, and most runs have no upload."""
    return empty_sites()


def uploaded_sites() -> gpd.GeoDataFrame:
    """The sites of the current upload (empty when none): never shared, never stored."""
    state = st.session_state.get(STATE)
    return state["result"].sites if state else _no_sites()


def filtered_uploads(flt: Filter, plans) -> gpd.GeoDataFrame:
    """The upload's sites that match the filter (their index: rows of the whole upload)."""
    state = st.session_state.get(STATE)
    if not state or state["result"].sites.empty:
        return _no_sites()
    sites = state["result"].sites
    index = _kept(state, "index", lambda: SiteIndex.build(sites, plans))
    return sites.iloc[index.positions(flt)]


def with_uploads(layers: Layers) -> Layers | None:
    """Layers whose sites include the upload (built once per upload, the shared layers untouched);
    None when the user has no sites of their own."""
    state = st.session_state.get(STATE)
    if not state or state["result"].sites.empty:
        return None
    sites = state["result"].sites
    return _kept(state, ("layers", id(layers)), lambda: replace(layers, sites=gpd.GeoDataFrame(
        pd.concat([layers.sites, sites], ignore_index=True), crs=layers.sites.crs)))


def upload_payload(shown: gpd.GeoDataFrame, vocab, options: dict, crs: str) -> dict:
    """The upload's map layer: its columns published once per upload, the shown rows per rerun."""
    state = st.session_state[STATE]
    url, path = _kept(state, ("file", crs), lambda: publish(
        site_columns(state["result"].sites, vocab, crs), prefix=f"upload-{state['token']}"))
    state.setdefault("files", set()).add(path)
    if not path.exists():  # someone cleared static/data
        state.pop(("file", crs))
        return upload_payload(shown, vocab, options, crs)
    return shared_payload(url, np.sort(shown.index.to_numpy()), options)


def _kept(state: dict, key, make):
    if key not in state:
        state[key] = make()
    return state[key]
