"""Sites page: the filtered sites (and the user's own, if uploaded) as a table, with downloads of
exactly what is filtered."""

import geopandas as gpd
import pandas as pd
import streamlit as st

from components.analysis_data import near_result, shown_positions
from components.i18n import t
from components.page_frame import finish_page, start_page
from components.site_table import render_downloads, render_site_table
from components.text import md_escape
from components.upload_layer import filtered_uploads

catalog, view = start_page("page_sites")
layers = catalog.layers
st.markdown(f"#### {t('page_sites', view.lang)}")
near = near_result(catalog, view)
# the filters (best search match first) and the `near` radius when set: what the map shows
sites = layers.sites.iloc[shown_positions(catalog, view, near)]
uploads = filtered_uploads(view.filter, layers.plans)
if len(uploads):
    sites = gpd.GeoDataFrame(pd.concat([sites, uploads], ignore_index=True), crs=sites.crs)
if near is not None:
    st.caption(t("near_active", view.lang, km=near.km, centre=md_escape(near.label)))
if sites.empty:
    st.info(t("no_match", view.lang), icon=":material/filter_alt_off:")
else:
    render_downloads(sites, view.lang)
    render_site_table(layers, sites, view.lang)
finish_page(view, catalog)
