"""Plans & targets page: the figures of the filtered plans as charts and a table, with sources."""

import streamlit as st

from components.i18n import t
from components.page_frame import finish_page, start_page
from components.target_charts import plans_in_view, render_plan_targets

layers, view = start_page("page_targets")
st.markdown(f"#### {t('page_targets', view.lang)}")
st.caption(t("targets_intro", view.lang))
plan_ids = plans_in_view(layers, view.filter)
targets = layers.targets[layers.targets["plan"].isin(plan_ids)]
if targets.empty:
    st.info(t("targets_none", view.lang), icon=":material/filter_alt_off:")
for plan_id in [p for p in layers.plans["id"] if p in set(targets["plan"])]:
    render_plan_targets(layers, plan_id, targets[targets["plan"] == plan_id], view.lang)
finish_page(view)
