"""Synthetic data directory of N sites inside Jing-Jin-Ji, for the scale benchmark.

    python bench/generate.py N OUT_DIR [--seed S]

Points are sampled inside the county polygons of seeds/boundaries.geojson (kept ~0.01° from
the border, so rounding and the validator's tolerance never put one outside its county), weighted
toward the big cities. Documents, plans and zones are copied from seeds/ so every reference
resolves; targets are copied too, minus those about curated sites that are not in this set.
The output passes `python -m geodata validate OUT_DIR`.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.synthetic_names import FOCUS_WORDS, KINDS, county_places, note_en, note_zh, site_names  # noqa: E402
from geodata.boundaries import read_boundaries  # noqa: E402
from geodata.paths import SEEDS_DIR  # noqa: E402
from geodata.schema import SITES  # noqa: E402
from geodata.validate_locations import close_pairs  # noqa: E402
from geodata.zone_shapes import zone_shape  # noqa: E402

MARGIN_DEG = 0.01
# Share of all sites per city: the industry concentrates in Beijing, Tianjin and the big Hebei cities.
CITY_WEIGHTS = {
    "Beijing": 0.26, "Tianjin": 0.16, "Shijiazhuang": 0.12, "Baoding": 0.10, "Langfang": 0.06,
    "Tangshan": 0.06, "Cangzhou": 0.05, "Handan": 0.04, "Qinhuangdao": 0.04, "Xingtai": 0.03,
    "Hengshui": 0.03, "Zhangjiakou": 0.03, "Chengde": 0.02,
}
URBAN_BOOST = 2.0  # a city's districts hold more sites than its rural counties

STATUS = {"operating": 0.45, "planned": 0.25, "under_construction": 0.18, "agreed": 0.07,
          "unknown": 0.05}
PRECISION = {"exact": 0.35, "approximate": 0.30, "county": 0.15, "zone": 0.12, "city": 0.08}
FOCUS_COUNT = {1: 0.5, 2: 0.35, 3: 0.15}
PLAN_COUNT = {0: 0.15, 1: 0.6, 2: 0.25}
SITE_ZONE_KINDS = ("new_area", "demonstration_zone", "development_zone", "district")
# Plans that concern one region (by words in their id); the others concern all three.
PLAN_REGION_WORDS = {
    "beijing": ("beijing", "daxing", "changping"),
    "hebei": ("hebei", "xiongan", "zhuozhou", "shijiazhuang", "beidaihe", "zhangjiakou"),
}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    start = time.monotonic()
    generate(args.n, Path(args.out_dir), args.seed)
    print(f"wrote {args.n} sites to {args.out_dir} in {time.monotonic() - start:.1f} s")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of sites")
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=0)
    return parser


def generate(n: int, out_dir: Path, seed: int = 0) -> Path:
    """Write a complete data directory with n synthetic sites; returns out_dir."""
    rng = np.random.default_rng(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    boundaries = read_boundaries(SEEDS_DIR / "boundaries.geojson")
    counties = boundaries[boundaries["level"] == "county"].reset_index(drop=True)
    unit, lon, lat = sample_points(counties, n, rng)
    order = rng.permutation(n)  # ids do not follow counties
    unit, lon, lat = unit[order], lon[order], lat[order]
    zones = site_zones(boundaries, lon, lat)
    rows = site_rows(counties, unit, lon, lat, zones, _plan_ids(), rng)
    write_sites(out_dir / SITES.filename, rows)
    copy_references(out_dir)
    return out_dir


def sample_points(counties, n: int, rng) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(county row, lon, lat) of n points, each inside its county with a margin from the border."""
    per_county = rng.multinomial(n, county_weights(counties))
    units, lons, lats = [], [], []
    for row, k in enumerate(per_county):
        if k:
            x, y = points_in(_inner(counties.geometry.iloc[row]), int(k), rng)
            units.append(np.full(k, row))
            lons.append(x)
            lats.append(y)
    return np.concatenate(units), np.concatenate(lons), np.concatenate(lats)


def county_weights(counties) -> np.ndarray:
    weights = np.array([
        CITY_WEIGHTS.get(city, 0.01) * (URBAN_BOOST if name.endswith("District") else 1.0)
        for city, name in zip(counties["city_en"], counties["name_en"])])
    # Normalise within each city, so the city shares above hold whatever its county count.
    totals = counties.assign(w=weights).groupby("city_en")["w"].transform("sum").to_numpy()
    shares = np.array([CITY_WEIGHTS.get(c, 0.01) for c in counties["city_en"]])
    weights = weights / totals * shares
    return weights / weights.sum()


def _inner(shape):
    """The polygon shrunk by the margin, or the polygon itself when it is too small to shrink."""
    inner = shape.buffer(-MARGIN_DEG)
    return inner if not inner.is_empty and inner.area > 0.05 * shape.area else shape


def points_in(shape, k: int, rng) -> tuple[np.ndarray, np.ndarray]:
    """k uniform points inside shape: rejection sampling in its bounding box, vectorised."""
    shapely.prepare(shape)
    minx, miny, maxx, maxy = shape.bounds
    hit_rate = max(shape.area / ((maxx - minx) * (maxy - miny)), 0.05)
    xs, ys, have = [], [], 0
    while have < k:
        m = max(64, int((k - have) / hit_rate * 1.3))
        x = rng.uniform(minx, maxx, m)
        y = rng.uniform(miny, maxy, m)
        keep = shapely.contains_xy(shape, x, y)
        xs.append(x[keep])
        ys.append(y[keep])
        have += int(keep.sum())
    return np.concatenate(xs)[:k], np.concatenate(ys)[:k]


def site_zones(boundaries, lon, lat) -> list[list[str]]:
    """Per site, the ids (at most two) of the curated zones whose polygon holds it."""
    shapes = dict(zip(boundaries["id"], boundaries.geometry))
    out: list[list[str]] = [[] for _ in range(len(lon))]
    with open(SEEDS_DIR / "zones.csv", encoding="utf-8", newline="") as f:
        for zone in csv.DictReader(f):
            if zone["kind"] not in SITE_ZONE_KINDS:
                continue
            inside = shapely.contains_xy(zone_shape(zone["geometry"], shapes), lon, lat)
            for i in np.flatnonzero(inside):
                if len(out[i]) < 2:
                    out[i].append(zone["id"])
    return out


def _plan_ids() -> dict[str, list[str]]:
    """Region -> the curated plans a site of that region may belong to."""
    with open(SEEDS_DIR / "plans.csv", encoding="utf-8", newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    owner = {p: next((r for r, words in PLAN_REGION_WORDS.items() if any(w in p for w in words)), None)
             for p in ids}
    return {region: [p for p in ids if owner[p] in (region, None)]
            for region in ("beijing", "tianjin", "hebei")}


def _draw(rng, table: dict, n: int) -> list:
    keys = list(table)
    p = np.array(list(table.values()), dtype=float)
    return [keys[i] for i in rng.choice(len(keys), size=n, p=p / p.sum())]


def site_rows(counties, unit, lon, lat, zones, plans, rng) -> list[dict[str, str]]:
    n = len(unit)
    places = county_places(counties)
    kinds, statuses = _draw(rng, {k: v[0] for k, v in KINDS.items()}, n), _draw(rng, STATUS, n)
    precisions = _draw(rng, PRECISION, n)
    focus_counts, plan_counts = _draw(rng, FOCUS_COUNT, n), _draw(rng, PLAN_COUNT, n)
    documents = _column(SEEDS_DIR / "documents.csv", "id")
    sources = rng.integers(0, len(documents), n)
    all_focus = list(FOCUS_WORDS)
    rows = []
    for i in range(n):
        place = places[int(unit[i])]
        kind, precision = kinds[i], precisions[i]
        focus = _pick(rng, KINDS[kind][3] or all_focus, focus_counts[i])
        chosen = _pick(rng, plans[place["region"]], plan_counts[i])
        area = ""
        if precision in ("zone", "approximate", "county"):  # known only as inside an area
            area = zones[i][0] if precision == "zone" and zones[i] else place["unit"]
            precision = "area"
        city_only, exact = precision == "city", precision == "exact"
        en, zh = site_names(place, city_only, kind, focus[0], i)
        rows.append({
            "_unit": place["unit"], "id": f"syn-{i:06d}", "name_en": en, "name_zh": zh, "kind": kind,
            "focus": ";".join(focus), "status": statuses[i], "plans": ";".join(chosen),
            "zones": ";".join(zones[i]), "region": place["region"], "city": place["city"],
            "county": "" if city_only else place["county"], "lon": f"{lon[i]:.5f}" if exact else "",
            "lat": f"{lat[i]:.5f}" if exact else "", "precision": precision, "area": area,
            "located_by": "synthetic", "located_by_zh": "合成数据", "sources": documents[sources[i]] + ":1",
            "note": note_en(precision), "note_zh": note_zh(precision)})
    return _distinct_exact(rows)


def _distinct_exact(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Exact sites must stand apart (50 m, as validation wants): the later of a close pair is
    kept as somewhere in its county instead."""
    exact = [r for r in rows if r["precision"] == "exact"]
    for _, j, _ in close_pairs([float(r["lon"]) for r in exact], [float(r["lat"]) for r in exact]):
        row = exact[j]
        if row["precision"] == "exact":
            row.update(precision="area", area=row.pop("_unit"), lon="", lat="",
                       note=note_en("area"), note_zh=note_zh("area"))
    return rows


def _pick(rng, pool: list[str], k: int) -> list[str]:
    """k distinct items of pool (k capped at its size), in random order."""
    k = min(k, len(pool))
    return [pool[j] for j in rng.permutation(len(pool))[:k]] if k else []


def _column(path: Path, name: str) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return [row[name] for row in csv.DictReader(f)]


def write_sites(path: Path, rows: list[dict[str, str]]) -> None:
    """sites.csv with the schema's columns; any column this generator does not fill stays empty."""
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=SITES.names, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def copy_references(out_dir: Path) -> None:
    """Documents, plans and zones as curated; targets without those about curated sites."""
    for name in ("documents.csv", "plans.csv", "zones.csv", "items.csv", "cities.csv"):
        shutil.copyfile(SEEDS_DIR / name, out_dir / name)
    curated_sites = set(_column(SEEDS_DIR / "sites.csv", "id"))
    with open(SEEDS_DIR / "targets.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        kept = [row for row in reader if row["subject"] not in curated_sites]
        fields = reader.fieldnames
    with open(out_dir / "targets.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(kept)


if __name__ == "__main__":
    sys.exit(main())
