"""Jing-Jin-Ji health-industry map: page config and navigation only (runs take turns: see
components/run_queue.py)."""

import streamlit as st

from components.error_guard import errors_shown_briefly
from components.loop_wakeups import coalesce_loop_wakeups
from components.no_nagle import once_per_process as no_nagle
from components.reconnect import rerun_on_reconnect
from components.run_queue import one_run_at_a_time

# The icon by its static URL (./static/icon.png): as a file path it was read, decoded and added
# to the media store on every run.
st.set_page_config(page_title="Jing-Jin-Ji health-industry map · 京津冀健康产业地图",
                   page_icon="/app/static/icon.png", layout="wide")


def _pages() -> list:
    return [
        st.Page("app_pages/map.py", title="Map · 地图", icon=":material/map:", default=True),
        st.Page("app_pages/sites.py", title="Sites · 站点", icon=":material/table:", url_path="sites"),
        st.Page("app_pages/analysis.py", title="Analysis · 分析", icon=":material/analytics:",
                url_path="analysis"),
        st.Page("app_pages/targets.py", title="Plans & targets · 规划目标", icon=":material/insights:",
                url_path="targets"),
        st.Page("app_pages/sources.py", title="Sources · 来源", icon=":material/description:",
                url_path="sources"),
    ]


# Made once per session (each resolves its file on disk); per session, because navigation marks
# the page it runs on the objects themselves.
if "_app_pages" not in st.session_state:
    st.session_state["_app_pages"] = _pages()
no_nagle()  # small messages go out at once, not after the browser's delayed ACK
coalesce_loop_wakeups()  # a run's elements reach the event loop in batches
page = st.navigation(st.session_state["_app_pages"])
rerun_on_reconnect()  # a page reconnected to another replica reruns from its URL at once
with one_run_at_a_time(), errors_shown_briefly():
    page.run()
