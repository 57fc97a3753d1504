"""Presentation mode (`present=1`): the map and the site card fill the screen in large type, with
no sidebar or widgets but a bar to step through the shown sites. Arrow keys, Page Up/Down (a
presenter's clicker) and the bar's buttons select the previous or next site; the map brings it
into view and the URL follows, so a talk is a tour anyone can reopen from its link."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from components import map_view
from components.i18n import t
from components.text import md_escape
from components.url_state import ViewState

IDS = "present_ids"  # the shown sites' ids, in order, for the step callbacks

STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stExpandSidebarButton"], [data-testid="stToolbar"] {display: none !important;}
[data-testid="stMainBlockContainer"] {padding: 0.6rem 1.2rem 0.4rem !important; max-width: 100% !important;}
.st-key-site_card h3 {font-size: 2.1rem !important; line-height: 1.2;}
.st-key-site_card p, .st-key-site_card li, .st-key-site_card td, .st-key-site_card th,
.st-key-site_card [data-testid="stMarkdownContainer"] {font-size: 1.2rem !important;}
.st-key-site_card {max-height: calc(100vh - 5.5rem); overflow-y: auto;}
.st-key-present_bar p {font-size: 1.3rem !important;}
.st-key-present_bar button {min-height: 2.8rem;}
</style>"""

# One listener on the page (and on the map's frame, which holds the keys once clicked): a key
# presses the bar's button, so keyboard and mouse take the same path through the server.
KEYS_JS = """<script>
(function () {
  var w = window;
  if (w.__jjjPresentKeys) { return; }
  w.__jjjPresentKeys = true;
  var KEYS = {ArrowRight: "next", ArrowDown: "next", PageDown: "next", " ": "next",
              ArrowLeft: "prev", ArrowUp: "prev", PageUp: "prev", Escape: "exit"};
  function onKey(e) {
    var name = KEYS[e.key], target = e.target || {};
    if (!name || /INPUT|TEXTAREA|SELECT/.test(target.tagName || "") || target.isContentEditable) { return; }
    var button = document.querySelector(".st-key-present_" + name + " button");
    if (!button || button.disabled) { return; }
    e.preventDefault(); e.stopPropagation();
    button.click();
  }
  w.addEventListener("keydown", onKey, true);
  function hookFrames() {
    document.querySelectorAll("iframe").forEach(function (f) {
      try {
        var fw = f.contentWindow;
        if (fw && !fw.__jjjPresentKeys) { fw.__jjjPresentKeys = true; fw.addEventListener("keydown", onKey, true); }
      } catch (err) { /* another origin: its keys stay its own */ }
    });
  }
  hookFrames();
  setInterval(hookFrames, 1000);
})();
</script>"""


def step(ids, site: str | None, delta: int) -> str | None:
    """The site `delta` places from `site` in `ids`; from no site (or one not shown), the first
    (or, backwards, the last). None past either end: a tour stops there, it does not wrap."""
    if not len(ids):
        return None
    ids = list(ids)
    if site not in ids:
        return ids[0] if delta > 0 else ids[-1]
    i = ids.index(site) + delta
    return ids[i] if 0 <= i < len(ids) else None


def render_presentation_bar(view: ViewState, ids, title: str) -> None:
    """Previous / position / next / exit, the view's filters in words, and the key handler."""
    st.session_state[IDS] = list(ids)
    st.html(STYLE + KEYS_JS, unsafe_allow_javascript=True)
    lang = view.lang
    position = list(ids).index(view.site) + 1 if view.site in list(ids) else 0
    with st.container(key="present_bar", horizontal=True, vertical_alignment="center"):
        st.button(f"‹ {t('present_prev', lang)}", key="present_prev", on_click=_on_step, args=(-1,),
                  disabled=step(ids, view.site, -1) is None)
        st.button(f"{t('present_next', lang)} ›", key="present_next", on_click=_on_step, args=(1,),
                  type="primary", disabled=step(ids, view.site, 1) is None)
        status = (t("present_position", lang, i=position, n=len(ids)) if position
                  else t("present_start", lang, n=len(ids)))
        st.markdown(f"**{status}** · {md_escape(title)}", width="stretch")
        st.caption(t("present_keys", lang), width="content")
        st.button(t("present_exit", lang), key="present_exit", icon=":material/close:",
                  on_click=_on_exit)


def _on_step(delta: int) -> None:
    state = st.session_state
    view = state["view"]
    target = step(state.get(IDS, []), view.site, delta)
    if target is not None:
        state["view"] = replace(view, site=target)
        map_view.request_focus()


def _on_exit() -> None:
    state = st.session_state
    state["view"] = replace(state["view"], present=False)
