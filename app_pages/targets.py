"""Plans & targets page: the figures of the filtered plans as charts and a table, with sources."""

import streamlit as st

from components.i18n import t
from components.page_frame import finish_page, start_page
from components.target_charts import plans_in_view, render_plan_targets
from components.target_table import target_table

catalog, view = start_page("page_targets")
layers = catalog.layers
st.markdown(f"#### {t('page_targets', view.lang)}")
st.caption(t("targets_intro", view.lang))
plan_ids = plans_in_view(layers, view.filter)
targets = layers.targets[layers.targets["plan"].isin(plan_ids)]
items = layers.items[layers.items["plan"].isin(plan_ids)]
if targets.empty and items.empty:
    st.info(t("targets_none", view.lang), icon=":material/filter_alt_off:")
with_content = set(targets["plan"]) | set(items["plan"])
for plan_id in [p for p in layers.plans["id"] if p in with_content]:
    render_plan_targets(layers, plan_id, targets[targets["plan"] == plan_id], view.lang,
                        items[items["plan"] == plan_id])
unplanned = layers.targets[layers.targets["plan"] == ""]
if not view.filter.plan and not unplanned.empty:  # tied by the document to a place only
    st.markdown(f"**{t('targets_no_plan', view.lang)}**")
    st.dataframe(target_table(layers.vocab, unplanned, view.lang), hide_index=True, width="stretch")
finish_page(view, catalog)
