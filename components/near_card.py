"""Under the site card, the one list of nearest sites: each a button that opens it on the map, and
"show what lies within the radius" (sets `near` to this site).

Only two points have a distance between them. A site with a point lists the nearest shown sites
with a point, in km, and the area sites whose area lies within the radius, each said to be
somewhere in its area (no distance is invented for them), nearest first. A site without a point of its own (an
area or a city) gets no distances at all: it lists the other sites in its own area or city."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import streamlit as st

from components.analysis_data import point_index
from components.data import Catalog
from components.i18n import t
from components.site_location import area_name
from components.url_state import ViewState
from components.view_state import open_site, update_view
from geodata.near import DEFAULT_KM, PointIndex

COUNT = 5  # sites with a distance
AREA_COUNT = 3  # then sites somewhere in an area within reach


@dataclass(frozen=True)
class Entry:
    row: int
    km: float | None  # None: no distance (the site is somewhere in an area)


def nearest(points: PointIndex, site_id: str, shown_rows: np.ndarray,
            count: int = COUNT) -> list[tuple[int, float]]:
    """(row, km) of the `count` shown sites with a point nearest to `site_id` (itself excluded)."""
    centre = points.centre(site_id)
    if centre is None:
        return []
    distance = points.km_from(centre.lat, centre.lon)
    rows = np.asarray(shown_rows, dtype=np.int64)
    rows = rows[points.known[rows] & (points.ids[rows] != site_id)]
    best = rows[np.argsort(distance[rows], kind="stable")[:count]]
    return [(int(r), float(distance[r])) for r in best]


def near_entries(points: PointIndex, sites, site_id: str, shown_rows: np.ndarray,
                 reach_km: float = DEFAULT_KM) -> list[Entry]:
    """What the card lists for `site_id`: the nearest sites with a point and the area sites whose
    area lies within `reach_km`, nearest first."""
    me = int(np.flatnonzero(points.ids == site_id)[0])
    rows = np.asarray(shown_rows, dtype=np.int64)
    rows = rows[rows != me]
    if not points.known[me]:  # an area or a city: the others in the same place, no distances
        place = str(sites["place"].iloc[me])
        same = rows[sites["place"].to_numpy()[rows] == place] if place else rows[:0]
        return [Entry(int(r), None) for r in same[:COUNT]]
    entries = [Entry(row, km) for row, km in nearest(points, site_id, rows)]
    mask = np.zeros(len(points.ids), dtype=bool)
    mask[rows] = True
    edge = points.area_edge_km(points.centre(site_id), mask)  # orders them; never shown as theirs
    with np.errstate(invalid="ignore"):
        in_reach = np.flatnonzero(edge <= reach_km)
    in_reach = in_reach[np.argsort(edge[in_reach], kind="stable")][:AREA_COUNT]
    # one order, nearest first: an area site by its area's nearest edge (its own place unknown)
    order = sorted([(e.km, 0, i) for i, e in enumerate(entries)] +
                   [(float(edge[r]), 1, int(r)) for r in in_reach])
    return [entries[i] if kind == 0 else Entry(i, None) for _, kind, i in order]


@dataclass(frozen=True)
class RowTexts:
    """Per site row, in one language: its name (English when it has none in this language), its
    area's name, and how its position is known. Made once per dataset and language."""

    names: tuple[str, ...]
    areas: tuple[str, ...]
    precision: tuple[str, ...]


def row_texts(sites, lang: str) -> RowTexts:
    records = sites[["name_en", "name_zh", "precision", "city", "city_zh", "area_en",
                     "area_zh"]].to_dict("records")
    return RowTexts(tuple(str((r["name_zh"] if lang == "zh" else r["name_en"]) or r["name_en"])
                          for r in records),
                    tuple(area_name(r, lang) for r in records),
                    tuple(str(r["precision"]) for r in records))


def entry_label(points: PointIndex, texts: RowTexts, entry: Entry, me: int, lang: str) -> str:
    label = texts.names[entry.row]
    if entry.km is not None:
        return f"{label} — {t('near_card_km', lang, km=entry.km)}"
    if not points.known[me]:
        return f"{label} — {t('near_same_' + texts.precision[me], lang)}"
    return f"{label} — {t('near_card_in_area', lang, area=texts.areas[entry.row])}"


def render_near_card(catalog: Catalog, view: ViewState, shown_rows) -> None:
    if not view.site:
        return
    lang, sites, points = view.lang, catalog.layers.sites, point_index(catalog)
    row_of = catalog.site_rows()
    if view.site not in row_of:
        return  # the user's own site: not in the curated index
    me = row_of[view.site]
    km = view.analysis.within or DEFAULT_KM
    # The list depends only on the view (site, filter, radius, language): shared by every viewer.
    texts = catalog.derived(("near_card_texts", lang), lambda: row_texts(sites, lang))
    listed = catalog.recent("near_card", (view.site, lang, km, view.filter, view.analysis.near),
                            lambda: _listed(points, sites, texts, view.site, me, shown_rows, km, lang))
    with st.container(border=True, key="near_card"):
        st.markdown(f"**{t('near_card_title', lang)}**")
        has_point = bool(points.known[me])
        if not has_point:
            what = t("near_what_city" if texts.precision[me] == "city"
                     else "near_what_area", lang)
            st.caption(t("near_card_no_point", lang, what=what))
        for site_id, label, with_km in listed:
            st.button(label, key=f"near_open_{site_id}", on_click=open_site, args=(site_id,),
                      width="stretch",
                      icon=":material/place:" if with_km else ":material/location_searching:")
        if not listed:
            st.caption(t("near_card_none", lang))
        if has_point:
            st.button(t("near_card_within", lang, km=km), key="near_card_search", on_click=_near_site,
                      args=(view.site,), icon=":material/radar:", width="stretch")


def _listed(points: PointIndex, sites, texts: RowTexts, site_id: str, me: int, shown_rows,
            km: float, lang: str) -> tuple[tuple[str, str, bool], ...]:
    """(site id, button label, has a distance) of each entry the card lists."""
    return tuple((str(points.ids[entry.row]), entry_label(points, texts, entry, me, lang),
                  entry.km is not None)
                 for entry in near_entries(points, sites, site_id, shown_rows, km))


def _near_site(site_id: str) -> None:
    update_view(lambda view: replace(view, analysis=replace(view.analysis, near=site_id)))
