"""The naive way to draw the sites, for the benchmark's side-by-side figure: one folium.Marker
per site, sent through st_folium. Same data (geodata, JJJ_DATA_DIR) and the app's local Leaflet,
so it draws offline. Drawn when the iframe holds one `.leaflet-marker-icon` per site.

    JJJ_DATA_DIR=DIR streamlit run bench/naive_app.py
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from components.map_assets import install_static_assets  # noqa: E402
from components.base_map import CENTER, ZOOM, MapSetup, OfflineMap  # noqa: E402
from geodata import load_layers  # noqa: E402

# Streamlit serves ./static next to the main script: this app's is bench/static.
STATIC_VENDOR = BENCH / "static" / "vendor"


@st.cache_resource(show_spinner=False)
def _sites():
    install_static_assets(STATIC_VENDOR)
    return load_layers().sites


def naive_map(sites) -> folium.Map:
    m = OfflineMap(location=CENTER, zoom_start=ZOOM, tiles=None, maxZoom=18, minZoom=5)
    MapSetup().add_to(m)  # sets Leaflet's icon path to the local images
    for row in sites.itertuples():
        folium.Marker([row.lat, row.lon], tooltip=escape(row.name_en)).add_to(m)
    return m


sites = _sites()
if st.query_params.get("warm"):  # the benchmark warms the data cache without drawing anything
    st.markdown("ready")
    st.stop()
st.markdown(f"Naive map: {len(sites)} sites, one folium.Marker each")
st_folium(naive_map(sites), key="naive", height=620, use_container_width=True, returned_objects=[])
