"""What every page shares: data, the view restored from and written back to the URL, the
language switch, the notices about a link's dropped parts, and the sidebar filters."""

from __future__ import annotations

import html
from dataclasses import replace
from datetime import timedelta
from urllib.parse import urlencode

import streamlit as st

from components import data, long_query, url_state
from components.basemaps import available
from components.filters import FRESH_SESSION, options_for, render_filters
from components.i18n import LANGS, t
from components.lost_upload import upload_in_step
from components.secrets import user_secrets
from components.share import LiveLink, render_brief_button, render_present_button, render_qr
from components.text import md_escape
from components.url_state import ViewState
from components.view_state import GOTO_MAP, MAP_PAGE, update_view, with_queued
from geodata.layers import Layers

LANG_LABELS = {"en": "English", "zh": "中文"}
SITES_FIRST = "sites_first"  # this run draws the map page's title and map only (sites_first())
REST_PENDING = "rest_pending"  # a run drew the sites only: the rest of the page follows
# The rest of the page follows the map's report of its fitted view; if that has not come this
# long after the sites-only run (a map that cannot report), it follows anyway.
REST_AT_LATEST = timedelta(seconds=4)
DRAWN = "view_drawn"  # the view the last full run drew (sidebar, link box): a section compares
LINK_POPOVER = "link_popover"  # the link box's key: its state is True while it is open
LIVE_LINK = "live_link"  # the session's LiveLink, which the brief is built from when clicked


def start_page(title_key: str | None = None):
    """(catalog, view) for this run; `title_key`: the page's name (i18n key) for the window title.
    Call `finish_page(view, catalog)` at the end: it renders the sidebar and writes the URL."""
    first_lang = st.session_state["view"].lang if "view" in st.session_state else _url_lang()
    catalog = data.catalog(first_lang)
    basemaps = tuple(available(user_secrets()))
    # What a URL may name, per dataset: immutable (frozensets), so one copy serves every session.
    options = catalog.derived(("url_options", basemaps), lambda: options_for(catalog, basemaps))
    if "view" not in st.session_state:
        raw = _raw_params()
        too_many = long_query.dropped_count(raw)
        # Streamlit may have dropped an over-long query: the browser checks (for this session).
        st.session_state["watch_query"] = not raw and too_many is None
        view, dropped = url_state.parse(raw, options)
        st.session_state["view"] = with_queued(view)
        st.session_state["dropped"] = dropped
        st.session_state["params_dropped"] = too_many
        st.session_state[FRESH_SESSION] = True
        # A first visit without a position in the link: the map will fit the sites and report
        # its view (a script run the URL needs anyway), which then draws the rest of the page.
        st.session_state[SITES_FIRST] = (title_key == "page_map" and not view.present
                                         and not view.has_view)
    view = st.session_state["view"]
    goto_map = st.session_state.pop(GOTO_MAP, False)  # a list entry chose a site
    if (view.present or goto_map) and title_key != "page_map":  # presentation mode is the map's
        st.switch_page(MAP_PAGE)
    st.set_page_config(page_title=page_title(title_key, view.lang))
    next_map_run()
    _show_dropped(view.lang)
    # upload=1 in the URL while one is shown; said if it was lost (a replica died, a reload)
    st.session_state["view"] = view = upload_in_step(view)
    if st.session_state.get("params_dropped") is not None:
        st.info(t("notice_too_many_params", view.lang, n=f"{st.session_state['params_dropped']:,}",
                  limit=f"{long_query.MAX_FIELDS:,}"), icon="ℹ️")
    return catalog, view


def next_map_run() -> None:
    """Which map the previous run drew: the map page creates a new one only when it changed. A run
    of the map's section alone (components/map_section.py) does this too."""
    st.session_state["map_shown_last_run"] = st.session_state.pop("map_shown_this_run", None)


def sites_first() -> bool:
    """True on a first visit's first run of the map page (no position in its link): that run
    draws the title and the map only, and the rest of the page comes with the next run, the one
    the map asks for when it reports the view it fitted to the sites (at the latest after
    REST_AT_LATEST). Why: the browser loads each element type's script chunk when the element
    first renders, the sidebar's first; with ~40 widget chunks around it, the map's chunk came
    last, its reveal was held behind theirs, and its own files queued behind them
    (docs/performance.md, "The sites come first")."""
    return bool(st.session_state.get(SITES_FIRST))


def page_title(title_key: str | None, lang: str) -> str:
    """The window's (and a bookmark's) title: the page, then the app, in the view's language."""
    app = t("app_name", lang)
    return f"{t(title_key, lang)} · {app}" if title_key else app


def finish_page(view: ViewState, catalog: data.Catalog) -> None:
    """Render the sidebar and write the canonical view into the URL (only when it changed, to keep
    history clean). The sidebar comes last: widget callbacks set the view before the run, so the
    page's content needs nothing from it, and the map's element then reaches the browser first."""
    st.session_state["view"] = view
    if st.session_state.pop(SITES_FIRST, False):
        _page_language(view.lang)  # the page's style and language from the first paint
        _rest_at_latest()
        st.session_state[REST_PENDING] = True
        return
    st.session_state.pop(REST_PENDING, None)
    _language_switch()
    _link_box(catalog.layers, view)  # in its place, no slot kept for it: a slot is one more message
    if render_filters(catalog, view) != view:
        st.rerun()  # a new session's widgets held a newer value than the URL (a reconnect)
    write_url(view)
    st.session_state[DRAWN] = view
    # Streamlit may have dropped an over-long query: the browser checks (for this session).
    watch = st.session_state.get("watch_query")
    _page_language(view.lang, long_query.dropped_query_check() if watch else "")


def write_url(view: ViewState) -> None:
    """The address bar says `view` (written only when it differs). A fragment that changes the
    view calls this too: its rerun does not reach finish_page."""
    wanted = url_state.to_params(view)
    if _raw_params() != {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}:
        st.query_params.from_dict(wanted)


HTML_LANG = {"en": "en", "zh": "zh-CN"}
# Streamlit's faded caption grey is 3.7:1 on white; this grey is 6.6:1 (WCAG AA needs 4.5:1).
PAGE_STYLE = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p, .jjj-muted {color: #575b66 !important;}
.st-key-site_card h3 {font-size: 1.35rem; line-height: 1.3;}
/* the map's controls keep their place while a first visit's map is drawn before them */
.st-key-map_controls {min-height: 144px;}
@media (max-width: 640px) {  /* a phone: the card's name must show right below the map */
  [data-testid="stMainBlockContainer"] h4 {font-size: 1.05rem;}
  [data-testid="stMainBlockContainer"] {padding-top: 3.5rem;}
  .st-key-site_card h3 {font-size: 1.15rem;}
}
</style>"""


@st.fragment(run_every=REST_AT_LATEST)
def _rest_at_latest() -> None:
    """Drawn by the sites-only run: if the map has not reported by then (a run that would draw
    the whole page), its first timed rerun draws the whole page. A full run does not draw this
    fragment, so its timer stops there (Streamlit's frontend clears timers on each full run)."""
    if st.session_state.get(REST_PENDING):
        st.rerun(scope="app")


def _page_language(lang: str, scripts: str = "") -> None:
    """<html lang> follows the view's language (screen readers, fonts, translation tools); the
    page's style and its other `scripts` come in the same element."""
    with st.sidebar:
        st.html(f"{PAGE_STYLE}<script>document.documentElement.lang = {HTML_LANG[lang]!r};</script>"
                f"{scripts}", unsafe_allow_javascript=True)


def _raw_params() -> dict[str, list[str]]:
    params = st.query_params
    return {key: params.get_all(key) for key in params.keys()}


def _url_lang() -> str:
    lang = st.query_params.get("lang")
    return lang if lang in LANGS else "en"


def _language_switch() -> None:
    view = st.session_state["view"]
    st.session_state["lang_switch"] = view.lang
    with st.sidebar:
        st.segmented_control(t("language", view.lang), options=list(LANGS), key="lang_switch",
                             format_func=LANG_LABELS.get, on_change=_on_language)


def _on_language() -> None:
    lang = st.session_state.get("lang_switch")
    update_view(lambda view: replace(view, lang=lang or view.lang))


def _show_dropped(lang: str) -> None:
    dropped = st.session_state.get("dropped")
    if dropped:
        st.info(t("notice_dropped", lang, items=", ".join(md_escape(d) for d in dropped)), icon="ℹ️")


def keep_link_live(view: ViewState) -> LiveLink:
    """The session's LiveLink, set to `view` and its link."""
    live, link = st.session_state.get(LIVE_LINK), _link(view)
    if live is None:
        live = st.session_state[LIVE_LINK] = LiveLink(view, link)
    else:
        live.set(view, link)
    return live


def _link(view: ViewState) -> str:
    base = (st.context.url or "").split("?")[0]
    if base.count("/") == 2:  # bare origin: the root page's path is "/"
        base += "/"
    params = url_state.to_params(view)
    return base + ("?" + urlencode(params, doseq=True) if params else "")


def _link_box(layers: Layers, view: ViewState) -> None:
    live = keep_link_live(view)
    link = live.link
    with st.sidebar:
        with st.popover(t("copy_link", view.lang), icon=":material/link:", width="stretch",
                        key=LINK_POPOVER, on_change="rerun") as popover:
            # Drawn only while open (opening reruns the page): a link drawn while closed would
            # lag a site picked since, which reruns the map's section only; and the copy button
            # is an iframe (a document and a script chunk a first visit would load before the
            # map), the QR code costs ~50 ms.
            if popover.open:
                st.caption(t("copy_link_help", view.lang))
                _live_copy_button(view.lang)
                st.code(link, language=None, wrap_lines=True)
                render_qr(link, view.lang)
        render_brief_button(layers, live)
        render_present_button(view)


def _live_copy_button(lang: str) -> None:
    """Copies the page's live URL, which also carries map moves made since the last rerun."""
    label, done = html.escape(t("copy_live_link", lang)), html.escape(t("link_copied", lang))
    st.iframe(f"""
<button id="b" style="width:100%;padding:6px;border:1px solid #ccc;border-radius:6px;
 background:#fff;cursor:pointer;font:14px sans-serif">🔗 {label}</button>
<script>
document.getElementById("b").onclick = function () {{
  var url = window.parent.location.href, b = this;
  navigator.clipboard.writeText(url).then(function () {{ b.textContent = "✓ {done}"; }},
    function () {{ window.prompt("", url); }});
}};
</script>""", height=44)
