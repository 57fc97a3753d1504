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
import re
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geodata.boundaries import read_boundaries  # noqa: E402
from geodata.paths import SEEDS_DIR  # noqa: E402
from geodata.schema import SITES  # noqa: E402
from geodata.zone_shapes import zone_shape  # noqa: E402

MARGIN_DEG = 0.01
# Share of all sites per city: the industry concentrates in Beijing, Tianjin and the big Hebei cities.
CITY_WEIGHTS = {
    "Beijing": 0.26, "Tianjin": 0.16, "Shijiazhuang": 0.12, "Baoding": 0.10, "Langfang": 0.06,
    "Tangshan": 0.06, "Cangzhou": 0.05, "Handan": 0.04, "Qinhuangdao": 0.04, "Xingtai": 0.03,
    "Hengshui": 0.03, "Zhangjiakou": 0.03, "Chengde": 0.02,
}
URBAN_BOOST = 2.0  # a city's districts hold more sites than its rural counties

KINDS = {  # kind: (share, English noun, Chinese noun, plausible focus)
    "enterprise": (0.22, "Co.", "有限公司", None),
    "hospital": (0.15, "hospital", "医院", ["health_services", "tcm", "rehabilitation_aids",
                                             "digital_health", "elderly_care"]),
    "industrial_park": (0.12, "park", "产业园", ["biomedicine", "medical_devices", "chemical_drugs",
                                                "apis", "biologics", "tcm", "synthetic_biology",
                                                "health_food"]),
    "research_institute": (0.10, "institute", "研究院", [
        "life_science_research", "cell_gene_therapy", "biologics", "synthetic_biology", "vaccines",
        "diagnostics", "biomedicine"]),
    "production_base": (0.10, "base", "生产基地", ["apis", "chemical_drugs", "tcm", "vaccines",
                                                  "medical_devices", "health_food", "biologics"]),
    "elderly_care_facility": (0.08, "care home", "养老院", ["elderly_care", "health_services",
                                                          "rehabilitation_aids"]),
    "service_platform": (0.07, "platform", "服务平台", ["digital_health", "pharma_logistics",
                                                      "diagnostics", "life_science_research",
                                                      "health_services"]),
    "wellness_resort": (0.05, "resort", "康养度假区", ["health_tourism", "elderly_care",
                                                      "sports_fitness", "tcm", "health_food"]),
    "medical_centre": (0.03, "medical centre", "医学中心", ["health_services",
                                                          "life_science_research", "digital_health"]),
    "logistics_hub": (0.03, "hub", "物流港", ["pharma_logistics", "medical_devices"]),
    "school": (0.03, "college", "学院", ["life_science_research", "health_services", "tcm"]),
    "functional_zone": (0.01, "zone", "示范区", ["biomedicine", "health_services",
                                                "life_science_research", "health_tourism"]),
    "district": (0.01, "health district", "健康产业区", ["biomedicine", "health_services",
                                                        "medical_devices"]),
}
FOCUS_WORDS = {  # short words for names
    "cell_gene_therapy": ("cell therapy", "细胞治疗"), "vaccines": ("vaccine", "疫苗"),
    "biologics": ("biologics", "生物药"), "chemical_drugs": ("pharma", "制药"),
    "apis": ("API", "原料药"), "tcm": ("TCM", "中医药"), "medical_devices": ("med-device", "医疗器械"),
    "rehabilitation_aids": ("rehab", "康复"), "diagnostics": ("diagnostics", "诊断"),
    "synthetic_biology": ("synbio", "合成生物"), "biomedicine": ("biomedicine", "生物医药"),
    "life_science_research": ("life science", "生命科学"), "health_services": ("health", "健康"),
    "elderly_care": ("elderly care", "养老"), "health_tourism": ("wellness", "康养"),
    "health_food": ("health food", "健康食品"), "sports_fitness": ("fitness", "运动健康"),
    "digital_health": ("digital health", "数字健康"), "pharma_logistics": ("pharma logistics", "医药物流"),
}
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
EN_SUFFIX = re.compile(r"\s+((Hui|Manchu|Mongol|Manchu and Mongol)\s+)?(Autonomous\s+)?"
                       r"(District|County|City|New Area)$")
ZH_SUFFIX = re.compile(r"(回族|满族|蒙古族|满族蒙古族)?(自治县|新区|区|县|市)$")


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
        if precision == "zone" and not zones[i]:
            precision = "approximate"  # no zone holds the point: a zone centroid would be a lie
        city_only = precision == "city"
        en, zh = site_names(place, city_only, kind, focus[0], i)
        rows.append({
            "id": f"syn-{i:06d}", "name_en": en, "name_zh": zh, "kind": kind,
            "focus": ";".join(focus), "status": statuses[i], "plans": ";".join(chosen),
            "zones": ";".join(zones[i]), "region": place["region"], "city": place["city"],
            "county": "" if city_only else place["county"], "lon": f"{lon[i]:.5f}",
            "lat": f"{lat[i]:.5f}", "precision": precision, "sources": documents[sources[i]],
            "note": _note(precision), "note_zh": _note_zh(precision)})
    return rows


def _pick(rng, pool: list[str], k: int) -> list[str]:
    """k distinct items of pool (k capped at its size), in random order."""
    k = min(k, len(pool))
    return [pool[j] for j in rng.permutation(len(pool))[:k]] if k else []


def county_places(counties) -> list[dict[str, str]]:
    """Per county row, what a site's columns and name need (read once: pandas lookups are slow)."""
    out = []
    for row in counties.itertuples():
        city_zh = row.city_zh or row.city_en
        out.append({"region": row.region, "city": row.city_en, "county": row.name_en,
                    "county_en": _short_en(row.name_en), "county_zh": _short_zh(row.name_zh),
                    "city_en": row.city_en, "city_zh": _short_zh(city_zh)})
    return out


def _short_en(name: str) -> str:
    return EN_SUFFIX.sub("", name) or name


def _short_zh(name: str) -> str:
    short = ZH_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def site_names(place: dict, city_only: bool, kind: str, focus: str, i: int) -> tuple[str, str]:
    """Short bilingual names: 'Daxing biomedicine park 0123' / '大兴生物医药产业园0123'."""
    level = "city" if city_only else "county"
    noun_en, noun_zh = KINDS[kind][1], KINDS[kind][2]
    word_en, word_zh = FOCUS_WORDS[focus]
    return (f"{place[level + '_en']} {word_en} {noun_en} {i:04d}",
            f"{place[level + '_zh']}{word_zh}{noun_zh}{i:04d}")


def _note(precision: str) -> str:
    if precision == "exact":
        return "Synthetic benchmark site."
    return f"Synthetic benchmark site; position known at {precision} level only."


def _note_zh(precision: str) -> str:
    return "基准测试用合成站点。" if precision == "exact" else "基准测试用合成站点;位置不精确。"


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
    for name in ("documents.csv", "plans.csv", "zones.csv"):
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
