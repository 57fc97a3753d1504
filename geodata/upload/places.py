"""Placing sites: the region, city and county of the boundary unit that holds each point."""

from __future__ import annotations

import numpy as np
import shapely


def fill_places(sites: list[dict], boundaries) -> None:
    """region, city(_zh), county(_zh) of the county-level unit that holds (or is nearest) each point."""
    counties = boundaries[boundaries["level"] == "county"].reset_index(drop=True)
    tree = shapely.STRtree(counties.geometry.values)
    points = shapely.points([s["lon"] for s in sites], [s["lat"] for s in sites])
    unit = np.full(len(sites), -1)
    found = tree.query(points, predicate="intersects")
    for i, j in zip(found[0][::-1], found[1][::-1]):  # reversed: the first match wins
        unit[i] = j
    missing = np.flatnonzero(unit < 0)
    if len(missing):
        nearest = tree.query_nearest(points[missing], all_matches=False)
        unit[missing[nearest[0]]] = nearest[1]
    columns = {c: counties[c].to_numpy() for c in ("region", "city_en", "city_zh", "name_en", "name_zh")}
    for site, j in zip(sites, unit):
        site.update(region=columns["region"][j], city=columns["city_en"][j],
                    city_zh=columns["city_zh"][j] or columns["city_en"][j],
                    county=columns["name_en"][j], county_zh=columns["name_zh"][j])
