"""Statistics by place against an independent count: a spatial join of the sites with the
boundary polygons (points by their point, areas only when inside one county)."""

import warnings

import geopandas as gpd
import numpy as np
import pytest

from geodata import load_layers
from geodata.boundaries import TOLERANCE_DEG
from geodata.paths import SEEDS_DIR
from geodata.site_index import SiteIndex
from geodata.stats import PlaceIndex, chain_matrix, chain_members, count_table, unit_counts

LAYERS = load_layers(SEEDS_DIR)
INDEX = SiteIndex.build(LAYERS.sites, LAYERS.plans, LAYERS.vocab)
PLACES = PlaceIndex.build(LAYERS.sites, LAYERS.boundaries)
ALL = np.ones(len(LAYERS.sites), dtype=bool)


def joined_counts(level_rows, sites) -> dict[str, int]:
    """Sites per unit by geometry alone: a point in the polygon, an area inside the polygon."""
    units = level_rows[["id", "geometry"]].copy()
    with warnings.catch_warnings():  # degrees are fine for a hair's-width tolerance
        warnings.simplefilter("ignore")
        units["geometry"] = units.buffer(TOLERANCE_DEG / 10)  # the committed file is simplified
    is_point = sites.geometry.geom_type == "Point"
    points = gpd.sjoin(sites[is_point][["id", "geometry"]], units, predicate="within")
    areas = gpd.sjoin(sites[~is_point][["id", "geometry"]], units, predicate="within")
    joined = [points, areas]
    counts: dict[str, int] = {}
    for frame in joined:
        # a point on a shared border falls in two buffered units: count it once, where it belongs
        for site_id, group in frame.groupby("id_left"):
            unit = group["id_right"].iloc[0] if len(group) == 1 else None
            if unit is not None:
                counts[unit] = counts.get(unit, 0) + 1
    return counts


def test_county_counts_equal_a_spatial_join():
    counties = LAYERS.boundaries[LAYERS.boundaries["level"] == "county"]
    placed = LAYERS.sites[LAYERS.sites["precision"].astype(str) != "city"]
    expected = joined_counts(counties, placed)
    table = count_table(PLACES, "county", ALL)
    got = dict(zip(table["id"], table["count"]))
    assert got == expected


def test_city_and_region_counts_equal_a_spatial_join_of_the_points():
    for level, rows in (("city", (LAYERS.boundaries["level"] == "prefecture") | (
            (LAYERS.boundaries["level"] == "province") & LAYERS.boundaries["region"].isin(("beijing", "tianjin")))),
                        ("region", LAYERS.boundaries["level"] == "province")):
        sites = LAYERS.sites.copy()
        sites["geometry"] = gpd.points_from_xy(sites["lon"], sites["lat"], crs=sites.crs)
        expected = joined_counts(LAYERS.boundaries[rows], sites)
        table = count_table(PLACES, level, ALL)
        assert dict(zip(table["id"], table["count"])) == expected


def test_city_level_sites_never_count_in_a_county():
    city_only = (LAYERS.sites["precision"].astype(str) == "city").to_numpy()
    assert (PLACES.levels["county"].codes[city_only] == -1).all()
    assert (PLACES.levels["city"].codes[city_only] >= 0).all()


def test_split_counts_a_site_under_each_focus():
    table = count_table(PLACES, "region", ALL, "focus", INDEX.columns["focus"])
    per_region = table.groupby("id")["count"].sum()
    focus_total = LAYERS.sites.assign(n=LAYERS.sites["focus"].map(len)).groupby("region", observed=True)["n"].sum()
    assert per_region.to_dict() == {r: int(n) for r, n in focus_total.items() if n}
    assert set(table["focus"]) <= set(LAYERS.vocab.keys("focus"))


def test_unit_counts_show_zero_and_unknown_apart():
    frame = unit_counts(PLACES, "county", ALL)
    assert len(frame) == len(PLACES.levels["county"])
    assert ((frame["count"] == 0) & frame["known"]).any()  # zero-count counties exist
    loose = PLACES.unplaced(ALL)
    if loose.any():
        assert (~frame["known"]).any() and (frame.loc[~frame["known"], "count"] == 0).all()


def test_chain_matrix_counts_sites_with_a_focus_in_the_segment():
    focus = INDEX.columns["focus"]
    segments, member = chain_members(LAYERS.vocab, focus.terms)
    assert segments and member.any(axis=1).all()  # every focus term is in a segment
    matrix = chain_matrix(PLACES, "region", ALL, focus.member, member)
    for j, segment in enumerate(segments):
        wanted = set(LAYERS.vocab.term("chain", segment).members)
        has = LAYERS.sites["focus"].map(lambda fs: bool(wanted & set(fs)))
        by_region = LAYERS.sites[has].groupby("region", observed=True).size()
        table = PLACES.levels["region"].table
        assert {r: int(matrix[i, j]) for i, r in enumerate(table["id"]) if matrix[i, j]} == \
            {r: int(n) for r, n in by_region.items() if n}


@pytest.mark.parametrize("level", ["region", "city", "county"])
def test_filtered_counts_add_up(level):
    mask = INDEX.mask(__import__("geodata").Filter(region=("hebei",)))
    table = count_table(PLACES, level, mask)
    assert table["count"].sum() == (mask & (PLACES.levels[level].codes >= 0)).sum()
