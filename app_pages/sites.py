"""Sites page: the filtered sites (and the user's own, if uploaded) as a table, with downloads of
exactly what is filtered."""

import geopandas as gpd
import pandas as pd
import streamlit as st

from components.i18n import t
from components.page_frame import finish_page, start_page
from components.site_table import render_downloads, render_site_table
from components.upload_panel import filtered_uploads
from geodata import apply

layers, view = start_page("page_sites")
st.markdown(f"#### {t('page_sites', view.lang)}")
sites = apply(view.filter, layers.sites, layers.plans, layers.vocab)
uploads = filtered_uploads(view.filter, layers.plans)
if len(uploads):
    sites = gpd.GeoDataFrame(pd.concat([sites, uploads], ignore_index=True), crs=sites.crs)
if sites.empty:
    st.info(t("no_match", view.lang), icon=":material/filter_alt_off:")
else:
    render_downloads(sites, view.lang)
    render_site_table(layers, sites, view.lang)
finish_page(view)
