"""The site card: what the plans say about one site, with every figure's source."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from html import escape

import numpy as np
import pandas as pd
import streamlit as st

from components.citations import cite
from components.data import Catalog
from components.i18n import in_lang, name, t
from components.map_view import request_focus
from components.site_location import distance_text, how_known, mark_inferred
from components.target_table import target_table
from components.text import md_escape
from components.url_state import ViewState
from components.view_state import update_view
from geodata.distance import km_to_central_beijing
from geodata.layers import Layers


MAX_CHOICES = 200
CACHED_CARDS = 512  # per dataset and language: cards of curated sites, shared by every session


@dataclass(frozen=True)
class Card:
    """Everything the card shows: texts Streamlit renders as text, and two HTML blocks whose every
    data string was escaped when the card was built."""

    id: str
    title: str
    exact: bool
    where: str  # how the place is known: the facility itself, somewhere in an area, a city
    # The card's two HTML blocks, escaped once when the card is built (cards are shared by every
    # session: a rerun then sends them without walking the targets table again). The first holds
    # the name in the other language, the facts and the distance to central Beijing; the second
    # the note, the figures and the sources (one element, not three: each element of a rerun is a
    # message the server hands over between its threads, ~1 ms apiece on a busy server).
    facts_markup: str
    details_markup: str


def build_card(layers: Layers, site_id: str, lang: str) -> Card | None:
    hits = np.flatnonzero(layers.sites["id"].to_numpy() == site_id)  # one row, not a filtered copy
    if not len(hits):
        return None
    site = layers.sites.iloc[int(hits[0])]
    subtitle, facts = str(site["name_en" if lang == "zh" else "name_zh"]), _facts(layers, site, lang)
    distance = distance_text(site, km_to_central_beijing(float(site["lon"]), float(site["lat"])), lang)
    note = str(in_lang(site["note"], site["note_zh"], lang))
    return Card(
        id=site_id, title=name(site, lang), exact=site["precision"] == "exact",
        where=how_known(site, lang), facts_markup=facts_html(facts, subtitle, distance),
        details_markup=(note_html(note, lang) + targets_html(targets_of(layers, site, lang), lang)
                        + sources_html(cite(layers.documents, site["sources"], lang), lang)),
    )


def _facts(layers: Layers, site, lang: str) -> tuple[tuple[str, str], ...]:
    vocab = layers.vocab
    plans, zones = _named(layers.plans, site["plans"], lang), _named(layers.zones, site["zones"], lang)
    place = [site["county_zh"] if lang == "zh" else site["county"],
             site["city_zh"] if lang == "zh" else site["city"], vocab.label("region", site["region"], lang)]
    facts = [
        (t("card_kind", lang), vocab.label("kind", site["kind"], lang)),
        (t("card_focus", lang), "、".join(vocab.label("focus", f, lang) for f in site["focus"])
         if lang == "zh" else ", ".join(vocab.label("focus", f, lang) for f in site["focus"])),
        (t("card_status", lang), vocab.label("status", site["status"], lang)),
        (t("card_plans", lang), "; ".join(plans.get(p, p) for p in site["plans"]) or "—"),
        (t("card_zones", lang), "; ".join(zones[z] for z in site["zones"] if z in zones) or "—"),
        (t("card_place", lang), ", ".join(str(p) for p in place if p)),
        (t("card_precision", lang), how_known(site, lang)),
        (t("card_located_by", lang), str(in_lang(site["located_by"], site["located_by_zh"], lang))),
    ]
    return tuple(mark_inferred(facts, site, lang))


def _named(records: pd.DataFrame, ids, lang: str) -> dict[str, str]:
    """Display names of these ids among a small table's records (plans, zones); plain columns,
    not an index built per card."""
    wanted = set(ids)
    return {i: name({"name_en": en, "name_zh": zh}, lang)
            for i, en, zh in zip(records["id"], records["name_en"], records["name_zh"]) if i in wanted}


def targets_of(layers: Layers, site, lang: str) -> pd.DataFrame:
    """Figures about this site itself, or about a zone it lies in."""
    targets = layers.targets
    subjects = {site["id"], *site["zones"]}
    rows = targets[targets["subject"].isin(subjects)]
    return target_table(layers.vocab, rows, lang)


def render_site_card(catalog: Catalog, ids, view: ViewState, uploads=None,
                     with_own: Layers | None = None) -> ViewState:
    """Site chooser plus the card of the selected site; returns the view with the choice made.

    `ids`: the curated sites shown, in order; `uploads`: the user's own shown sites, if any;
    `with_own`: the layers with all the user's own sites added (None when they have none)."""
    lang = view.lang
    own = list(uploads["id"]) if uploads is not None and len(uploads) else []
    total = len(ids) + len(own)
    # A dropdown of tens of thousands of names would cost megabytes per rerun: offer the first
    # ones, and say how to narrow the list (the map and the search box reach every site).
    listed = [*ids[:MAX_CHOICES], *own][:MAX_CHOICES]
    options = [view.site, *listed] if view.site and view.site not in listed else listed
    labels = _labels(catalog, options, lang, uploads if own else None)
    st.session_state["site_select"] = view.site
    # Only ids offered here may be chosen: when an upload is replaced, the browser can send back
    # the old option's LABEL, which must never become `site=` (issue #14 L2).
    st.session_state["site_select_ids"] = frozenset(options)
    chosen = st.selectbox(t("select_site", lang), options=[None, *options], key="site_select",
                          format_func=lambda i: t("no_site", lang) if i is None else labels.get(i, i),
                          help=t("select_site_help", lang), on_change=_on_select,
                          placeholder=t("no_site", lang))
    if total > MAX_CHOICES:
        st.caption(t("select_site_more", lang, n=MAX_CHOICES, total=total))
    chosen = chosen if chosen in st.session_state["site_select_ids"] else None
    view = replace(view, site=chosen)
    card = _card(catalog, chosen, lang, with_own) if chosen else None
    if card is None:
        st.caption(t("card_hint", lang))
        return view
    if chosen not in own and not np.any(np.asarray(ids) == chosen):  # `listed` is a subset
        st.warning(t("site_not_shown", lang))
    _render(card)
    return view


def render_card(catalog: Catalog, site_id: str | None, lang: str,
                with_own: Layers | None = None) -> bool:
    """Only the card of `site_id`, without the chooser (presentation mode); False if none."""
    card = _card(catalog, site_id, lang, with_own) if site_id else None
    if card is not None:
        _render(card)
    return card is not None


def _labels(catalog: Catalog, ids, lang: str, uploads=None) -> dict[str, str]:
    names = catalog.derived(("names", lang), lambda: _names(catalog.layers, lang))
    labels = {i: names.get(i, i) for i in ids}
    if uploads is not None:
        column = "name_zh" if lang == "zh" else "name_en"
        labels.update({i: n for i, n in zip(uploads["id"], uploads[column]) if i in labels})
    return labels


def _names(layers: Layers, lang: str) -> dict[str, str]:
    sites = layers.sites
    return dict(zip(sites["id"], sites["name_zh" if lang == "zh" else "name_en"]))


def _card(catalog: Catalog, site_id: str, lang: str, with_own: Layers | None) -> Card | None:
    """The card, shared between sessions unless the user has sites of their own (the site may be
    one of them, or they may be among its nearest)."""
    if with_own is not None:
        return build_card(with_own, site_id, lang)
    cards = catalog.derived(("cards", lang), lambda: functools.lru_cache(maxsize=CACHED_CARDS)(
        lambda site: build_card(catalog.layers, site, lang)))
    return cards(site_id)


def facts_html(facts, subtitle: str = "", footnote: str = "") -> str:
    """The card's label/value table, with the name in the other language above it and a footnote
    below (one element, not three: a rerun's cost grows with the count). Every string is escaped
    (they come from data files)."""
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in facts)
    head = f'<p class="jjj-muted">{escape(subtitle)}</p>' if subtitle else ""
    foot = f'<p class="jjj-muted">{escape(footnote)}</p>' if footnote else ""
    return (f'{head}<table class="jjj-facts" style="border-collapse:collapse;font-size:0.9rem;'
            f'width:100%">{rows}</table>{foot}<style>.jjj-facts th{{text-align:left;color:#555;'
            "font-weight:500;padding:3px 8px 3px 0;vertical-align:top;white-space:nowrap}"
            ".jjj-facts td{padding:3px 0;overflow-wrap:anywhere}.jjj-facts tr{border-bottom:1px solid #eee}"
            ".jjj-muted{color:rgba(49,51,63,0.6);font-size:0.875rem;margin:0.25rem 0 0.5rem}</style>")


def _on_select() -> None:
    site = st.session_state.get("site_select")
    # Only offered ids: a replaced upload's old LABEL must never become `site=` (issue #14 L2).
    site = site if site in st.session_state.get("site_select_ids", ()) else None
    update_view(lambda view: replace(view, site=site))
    request_focus()


def _render(card: Card) -> None:
    with st.container(border=True, key="site_card"):
        st.subheader(md_escape(card.title), anchor=False)
        st.html(card.facts_markup)
        if not card.exact:  # said twice on purpose: the point on the map is not the facility
            st.warning(card.where, icon=":material/location_searching:")
        st.html(card.details_markup)  # lists read well in a narrow column


def _card_list(items, gap_rem: str) -> str:
    """One of the card's lists, from each item's escaped HTML, items `gap_rem` rem apart."""
    start = f'<li style="margin:0 0 {gap_rem}rem 0;overflow-wrap:anywhere">'
    return ('<ul style="margin:0 0 0.4rem 0;padding-left:1.1rem;font-size:0.9rem">'
            + "".join(start + item + "</li>" for item in items) + "</ul>")


def targets_html(table: pd.DataFrame, lang: str) -> str:
    """The card's figures as a list: the figure, then its value with unit and year (escaped)."""
    head = f'<p style="font-weight:600;margin:0.4rem 0 0.2rem">{escape(t("card_targets", lang))}</p>'
    if table.empty:
        return head + f'<p class="jjj-muted">{escape(t("card_no_targets", lang))}</p>'
    metric, value, unit, year = (t(c, lang) for c in ("col_metric", "col_value", "col_unit", "col_year"))
    return head + _card_list((
        f'<span>{escape(str(m))}</span><br><b>{escape(f"{v} {u}".strip())}</b>'
        + (f' · {escape(str(y))}' if y else "")
        for m, v, u, y in zip(table[metric], table[value], table[unit], table[year])), "0.35")


def note_html(note: str, lang: str) -> str:
    """The site's note under a bold heading (escaped); nothing when it has none."""
    if not note:
        return ""
    return (f'<p style="margin:0.4rem 0"><b>{escape(t("card_note", lang))}</b><br>'
            f'{escape(note).replace(chr(10), "<br>")}</p>')


def sources_html(sources, lang: str) -> str:
    """A bold heading over a list of the documents and lines the card rests on (escaped)."""
    return (f'<p style="margin:0.4rem 0 0.2rem"><b>{escape(t("card_sources", lang))}</b></p>'
            + _card_list(map(escape, sources), "0.25"))
