"""The analysis' per-dataset indexes (places, points) and what one view asks of them.

Built once per dataset into the shared catalog (like the site index), so a rerun that changes the
statistics split, the radius or the comparison is a few numpy operations on read-only arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from components.data import Catalog
from components.i18n import name, t
from components.url_state import ViewState
from geodata.near import DEFAULT_KM, Centre, PointIndex
from geodata.stats import PlaceIndex


def place_index(catalog: Catalog) -> PlaceIndex:
    layers = catalog.layers
    return catalog.derived("place_index", lambda: PlaceIndex.build(layers.sites, layers.boundaries))


def point_index(catalog: Catalog) -> PointIndex:
    return catalog.derived("point_index", lambda: PointIndex.build(catalog.layers.sites))


def comparable_places(catalog: Catalog) -> pd.DataFrame:
    """What `compare` may name: zones, cities and counties/districts (id, names, level)."""
    def make():
        places = place_index(catalog)
        zones = catalog.layers.zones[["id", "name_en", "name_zh"]].assign(level="zone")
        units = [places.levels[lv].table[["id", "name_en", "name_zh"]].assign(level=lv)
                 for lv in ("city", "county")]
        # a zone drawn as a whole city or county shares its id: compare it as that unit (its
        # sites counted by place; the zone's plans still shown)
        return pd.concat([*units, zones], ignore_index=True).drop_duplicates("id")
    return catalog.derived("comparable_places", make)


@dataclass(frozen=True)
class NearResult:
    centre: Centre
    km: float
    mask: np.ndarray  # sites with a known point within km (the centre site excluded)
    distance: np.ndarray  # km per site (NaN without a point)
    label: str  # the centre as the user reads it
    centre_row: int = -1  # the centre site's row (-1 for a point): shown on the map, not listed

    @property
    def shown(self) -> np.ndarray:
        """What the map and lists keep: the sites within, and the centre site itself."""
        if self.centre_row < 0:
            return self.mask
        shown = self.mask.copy()
        shown[self.centre_row] = True
        return shown


def near_result(catalog: Catalog, view: ViewState) -> NearResult | None:
    """The view's `near` query, or None when it has none (or names a site without a point)."""
    analysis = view.analysis
    if not analysis.near:
        return None
    points = point_index(catalog)
    centre = points.centre(analysis.near)
    if centre is None:
        return None
    km = analysis.within or DEFAULT_KM
    mask, distance = points.within(centre, km)
    row = np.flatnonzero(points.ids == centre.site) if centre.site else []
    return NearResult(centre, km, mask, distance, centre_label(catalog, centre, view.lang),
                      int(row[0]) if len(row) else -1)


def centre_label(catalog: Catalog, centre: Centre, lang: str) -> str:
    if centre.site:
        sites = catalog.layers.sites
        rows = sites[sites["id"] == centre.site]
        if len(rows):
            return name(rows.iloc[0], lang)
    return t("near_point_label", lang, lat=centre.lat, lon=centre.lon)


def shown_mask(catalog: Catalog, view: ViewState, near: NearResult | None = None) -> np.ndarray:
    """The curated sites the view shows: the filters, and the `near` radius if any."""
    mask = catalog.index.mask(view.filter)
    return mask & near.shown if near is not None else mask


def shown_positions(catalog: Catalog, view: ViewState, near: NearResult | None = None) -> np.ndarray:
    """Row positions in the order the list shows them (best search match first, else by id)."""
    positions = catalog.index.positions(view.filter)
    return positions[near.shown[positions]] if near is not None else positions
