"""The location rules: a site's position is exactly what its `precision` says, and no more.

- `exact`: the facility itself: lon/lat present; no two exact sites within 50 m unless one names
  the other in `same_place_as`.
- `area`: somewhere in the zone or boundary unit `area` names; no lon/lat (nobody stated them).
- `city`: only the city is known: no lon/lat, no area; the city's urban core is in cities.csv.
"""

from __future__ import annotations

import math

import numpy as np
import shapely

from geodata.boundaries import TOLERANCE_DEG
from geodata.errors import Problem
from geodata.locations import area_shapes, city_cores
from geodata.records import Dataset
from geodata.schema import CITIES, SITES, ZONES

SAME_PLACE_M = 50.0
M_PER_DEG_LAT = 110_574.0  # metres per degree of latitude near 39° N; ample for a 50 m test
M_PER_DEG_LON_EQUATOR = 111_320.0


def location_rules(dataset: Dataset, boundaries) -> list[Problem]:
    return [*precision_fields(dataset, boundaries), *same_place(dataset),
            *close_exact_sites(dataset), *cities(dataset, boundaries)]


def precision_fields(dataset: Dataset, boundaries) -> list[Problem]:
    areas = area_shapes(dataset, boundaries)
    city_shapes = _city_shapes(boundaries)
    cores = city_cores(dataset)
    broken_zones = {z.id for z in dataset.zones} - set(areas)
    overlaps: dict[tuple, bool] = {}  # (area, region, city): one test per pair, not per site
    problems = []

    def problem(site, field, message):
        problems.append(Problem(SITES.filename, site.line, field, message))

    for site in dataset.sites:
        has_point = not (math.isnan(site.lon) and math.isnan(site.lat))
        if site.precision == "exact":
            missing = [f for f in ("lon", "lat") if math.isnan(getattr(site, f))]
            if missing:  # one problem for the pair
                problem(site, missing[0], "required for an exact site (the facility's own point)")
        elif site.precision in ("area", "city") and has_point:
            problem(site, "lon", f"must be empty: {'an' if site.precision == 'area' else 'a'} {site.precision} site has no point of its own "
                                 "(only exact sites carry lon/lat)")
        if site.precision == "area":
            if not site.area:
                problem(site, "area", "required when precision is 'area' (the zone or unit it is in)")
            elif site.area in broken_zones or ZONES.filename in dataset.unreadable:
                continue  # its zone's geometry, or the unreadable file, is reported
            elif site.area not in areas:
                problem(site, "area", f"'{site.area}' is neither a zone nor a boundary unit id")
            elif not _overlaps(overlaps, areas[site.area], city_shapes, site):
                problem(site, "area", f"'{site.area}' does not overlap {site.city}")
        elif site.area:
            problem(site, "area", "must be empty unless precision is 'area'")
        if site.precision == "city" and site.city not in cores and city_shapes.get(
                (site.region, site.city)) is not None:
            problem(site, "city", f"'{site.city}' has no urban core in {CITIES.filename}")
    return problems


def _overlaps(memo: dict, area, city_shapes: dict, site) -> bool:
    key = (site.area, site.region, site.city)
    if key not in memo:
        city = city_shapes.get((site.region, site.city))  # an unknown city is reported elsewhere
        memo[key] = city is None or area.intersects(city) or area.intersects(
            shapely.buffer(city, TOLERANCE_DEG))
    return memo[key]


def same_place(dataset: Dataset) -> list[Problem]:
    """`same_place_as` links two exact sites (the pair's distance is checked below)."""
    exact = {s.id for s in dataset.sites if s.precision == "exact"}
    ids = {s.id for s in dataset.sites}
    problems = []
    for site in dataset.sites:
        other = site.same_place_as
        if not other:
            continue
        if site.precision != "exact":
            message = "only an exact site can share another's place"
        elif other == site.id:
            message = "names the site itself"
        elif other in ids and other not in exact:
            message = f"'{other}' is not an exact site"
        else:
            continue  # an unknown id is reported with the other references
        problems.append(Problem(SITES.filename, site.line, "same_place_as", message))
    return problems


def close_exact_sites(dataset: Dataset) -> list[Problem]:
    """Two exact sites within 50 m are one place said twice (or a made-up grid) unless linked."""
    sites = [s for s in dataset.sites
             if s.precision == "exact" and math.isfinite(s.lon) and math.isfinite(s.lat)]
    if len(sites) < 2:
        return []
    problems = []
    for i, j, metres in close_pairs([s.lon for s in sites], [s.lat for s in sites]):
        a, b = sites[i], sites[j]
        if a.same_place_as == b.id or b.same_place_as == a.id:
            continue
        problems.append(Problem(SITES.filename, b.line, "lon",
                                f"within {metres:.0f} m of '{a.id}' (line {a.line}): name it in "
                                "same_place_as if it is the same place"))
    return problems


def close_pairs(lons, lats, metres: float = SAME_PLACE_M) -> list[tuple[int, int, float]]:
    """(i, j, distance in m) for each pair i < j of points closer than `metres`."""
    lon, lat = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    if len(lon) < 2:
        return []
    # Local metres: equirectangular about the mean latitude (error << 1 m at 50 m).
    x = lon * M_PER_DEG_LON_EQUATOR * math.cos(math.radians(float(lat.mean())))
    points = shapely.points(x, lat * M_PER_DEG_LAT)
    left, right = shapely.STRtree(points).query(points, predicate="dwithin", distance=metres)
    keep = left < right
    left, right = left[keep], right[keep]
    distances = shapely.distance(points[left], points[right])
    return [(int(i), int(j), float(d)) for i, j, d in zip(left, right, distances)]


def cities(dataset: Dataset, boundaries) -> list[Problem]:
    """Each urban core names a city of the boundaries and lies inside it."""
    shapes = _city_shapes(boundaries)
    problems = []
    for city in dataset.cities:
        shape = shapes.get((city.region, city.name_en))
        if shape is None:
            problems.append(Problem(CITIES.filename, city.line, "name_en",
                                    f"'{city.name_en}' is not a city of {city.region}"))
        elif math.isfinite(city.lon) and math.isfinite(city.lat) and not shapely.contains_xy(
                shapely.buffer(shape, TOLERANCE_DEG), city.lon, city.lat):
            problems.append(Problem(CITIES.filename, city.line, "lon",
                                    f"({city.lon}, {city.lat}) lies outside {city.name_en}"))
    return problems


def _city_shapes(boundaries) -> dict:
    """(region, English city name) -> the city's polygon (a prefecture, or Beijing/Tianjin)."""
    out = {}
    for row in boundaries.itertuples():
        if row.level in ("prefecture", "city", "province") and row.city_en:
            out.setdefault((row.region, row.city_en), row.geometry)
    return out
