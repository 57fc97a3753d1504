"""What the comparison needs of a dataset, worked out once per dataset (shared, read-only): each
place's outline drawn for its small map, the choice labels, plan names, which site each target
is about. A comparison's rerun then only counts the chosen places' sites."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import shapely

from components.analysis_data import comparable_places, place_index
from components.data import Catalog
from components.i18n import t

MAP_SIZE = 220


@dataclass(frozen=True)
class Outline:
    """A place's outline as SVG path data, and the frame that placed it (to put dots on it)."""

    path: str
    x0: float
    y1: float
    scale_x: float  # cos(latitude): keeps the shape's proportions
    k: float  # pixels per (scaled) degree
    width: float
    height: float

    def xy(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (6 + (np.asarray(lon) - self.x0) * self.scale_x * self.k,
                6 + (self.y1 - np.asarray(lat)) * self.k)


def outline(shape, size: int = MAP_SIZE) -> Outline | None:
    if shape is None or shape.is_empty:
        return None
    x0, y0, x1, y1 = shape.bounds
    scale_x = float(np.cos(np.radians((y0 + y1) / 2)))
    width, height = max((x1 - x0) * scale_x, 1e-6), max(y1 - y0, 1e-6)
    k = (size - 12) / max(width, height)
    frame = Outline("", x0, y1, scale_x, k, 12 + width * k, 12 + height * k)
    paths = []
    for polygon in getattr(shape, "geoms", [shape]):
        for ring in [polygon.exterior, *polygon.interiors] if hasattr(polygon, "exterior") else []:
            sx, sy = frame.xy(*np.asarray(shapely.simplify(ring, (x1 - x0) / 400).coords).T)
            paths.append("M" + "L".join(f"{a:.1f},{b:.1f}" for a, b in zip(sx, sy)) + "Z")
    return Outline(" ".join(paths), x0, y1, scale_x, k, frame.width, frame.height)


@dataclass(frozen=True)
class CompareData:
    places: object  # comparable_places: id, name_en, name_zh, level
    outlines: MappingProxyType  # place id -> Outline (or None)
    plan_names: MappingProxyType  # lang -> {plan id: name}
    zone_plans: MappingProxyType  # zone id -> its plans
    target_rows: np.ndarray  # per target: the row of the site it is about, else -1

    def labels(self, lang: str) -> dict[str, str]:
        return {r.id: f"{r.name_zh if lang == 'zh' else r.name_en} · {t('compare_level_' + r.level, lang)}"
                for r in self.places.itertuples()}


def compare_data(catalog: Catalog) -> CompareData:
    return catalog.derived("compare_data", lambda: _build(catalog))


def _build(catalog: Catalog) -> CompareData:
    layers, places = catalog.layers, place_index(catalog)
    table = comparable_places(catalog)
    shapes = {}
    for level in ("city", "county"):
        units = places.levels[level].table
        shapes.update(zip(units["id"], units.geometry))
    shapes.update((z, g) for z, g in zip(layers.zones["id"], layers.zones.geometry)
                  if z not in shapes)  # a zone that is a whole unit is compared as that unit
    outlines = {pid: outline(shapes.get(pid)) for pid in table["id"]}
    plan_names = {lang: MappingProxyType({p.id: (p.name_zh or p.name_en) if lang == "zh" else
                                          (p.name_en or p.name_zh) for p in layers.plans.itertuples()})
                  for lang in ("en", "zh")}
    zone_plans = {z: tuple(p) for z, p in zip(layers.zones["id"], layers.zones["plans"])}
    row_of = catalog.site_rows()
    target_rows = np.array([row_of.get(str(s), -1) for s in layers.targets["subject"]], dtype=np.int64)
    target_rows.flags.writeable = False
    return CompareData(table, MappingProxyType(outlines), MappingProxyType(plan_names),
                       MappingProxyType(zone_plans), target_rows)
