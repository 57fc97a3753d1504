"""Rows placed as users give them: Amap/Baidu coordinates, county-only and city-only rows, messages
in the user's language counting rows."""

import pytest
from shapely.geometry import Point

from geodata.boundaries import read_boundaries
from geodata.gcj02 import wgs84_to_bd09, wgs84_to_gcj02
from geodata.paths import SEEDS_DIR, data_file
from geodata.upload import Options, UploadResult, count, read_upload
from geodata.vocab import load_vocabulary

TIANANMEN = (116.39135, 39.907357)  # WGS-84
CORES = {"Shijiazhuang": (114.5149, 38.0428), "Beijing": (116.4074, 39.9042)}


BOUNDARIES = read_boundaries(data_file(SEEDS_DIR, "boundaries.geojson"))


def unit(unit_id: str):
    return BOUNDARIES.set_index("id").geometry[unit_id]


@pytest.fixture(scope="module")
def upload():
    vocab = load_vocabulary(data_file(SEEDS_DIR, "vocab.yaml"))
    boundaries = BOUNDARIES

    def run(text: str, **options) -> UploadResult:
        return read_upload("a.csv", text.encode(), vocab, boundaries, Options(**options), CORES)
    return run


@pytest.mark.parametrize("crs,convert", [("gcj02", wgs84_to_gcj02), ("bd09", wgs84_to_bd09)])
def test_amap_and_baidu_coordinates_are_converted(upload, crs, convert):
    lon, lat = convert(*TIANANMEN)
    result = upload(f"name,lon,lat\nGate,{lon:.6f},{lat:.6f}\n", crs=crs)
    [site] = result.sites.itertuples()
    assert abs(site.lon - TIANANMEN[0]) < 2e-5 and abs(site.lat - TIANANMEN[1]) < 2e-5
    assert abs(site.geometry.x - TIANANMEN[0]) < 2e-5
    taken_as_is = upload(f"name,lon,lat\nGate,{lon:.6f},{lat:.6f}\n")
    assert abs(next(taken_as_is.sites.itertuples()).lon - TIANANMEN[0]) > 4e-3  # ~500 m off


@pytest.mark.parametrize("header,chosen,hint", [
    ("名称,经度(高德),纬度(高德)", "wgs84", "gcj02"), ("name,lng_baidu,lat_baidu", "wgs84", "bd09"),
    ("name,lon(bd09),lat(bd09)", "gcj02", "bd09"), ("名称,经度(高德),纬度(高德)", "gcj02", ""),
    ("name,lon_wgs84,lat_wgs84", "bd09", "wgs84"),
])
def test_a_hint_when_the_columns_name_another_system(upload, header, chosen, hint):
    result = upload(f"{header}\nA,116.40,39.90\n", crs=chosen)
    assert result.hint == hint


def test_county_only_rows_become_area_sites(upload):
    result = upload("名称,区县,城市\n甲,桥西区,张家口市\n乙,海淀区,\n丙,Qiaoxi District,Shijiazhuang\n")
    assert result.problems == ()
    sites = {s.id: s for s in result.sites.itertuples()}
    a = sites["upload-2"]
    assert (a.precision, a.county_zh, a.city_zh) == ("area", "桥西区", "张家口市")
    assert a.geometry.equals(unit("hebei-zhangjiakou-qiaoxi-district"))  # drawn as its area
    assert a.geometry.contains(Point(a.lon, a.lat))
    assert sites["upload-3"].geometry.equals(unit("beijing-haidian-district"))
    assert sites["upload-4"].geometry.equals(unit("hebei-shijiazhuang-qiaoxi-district"))


def test_an_ambiguous_county_names_the_candidates(upload):
    result = upload("名称,区县\n甲,桥西区\n")
    assert result.sites.empty and result.left_out == 1
    [problem] = result.problems
    assert str(problem) == ("row 2: county: '桥西区' names 2 counties: 桥西区 (石家庄市), 桥西区 (张家口市); "
                            "add the city (a city column)")
    assert problem.text("zh") == ("第 2 行：区县：“桥西区”对应 2 个区县：桥西区 (石家庄市), 桥西区 (张家口市)；"
                                  "请填写所属城市（城市列）")


def test_city_only_rows_sit_at_the_urban_core(upload):
    result = upload("name,city\nA lab,石家庄\nB lab,Atlantis\n")
    [site] = result.sites.itertuples()
    assert (site.precision, site.city, site.lon, site.lat) == ("city", "Shijiazhuang", 114.5149, 38.0428)
    assert site.county == "" and site.geometry.equals(Point(114.5149, 38.0428))
    assert [str(p) for p in result.problems] == ["row 3: city: 'Atlantis' is not a city of Beijing, "
                                                 "Tianjin or Hebei"]


def test_uploaded_sites_say_in_both_languages_how_they_were_placed(upload):
    sites = upload("名称,经度,纬度,区县,城市\n甲,116.30,39.96,,\n乙,,,海淀区,\n丙,,,,石家庄\n",
                   crs="gcj02").sites
    assert list(sites["located_by"]) == ["the coordinates in your file (GCJ-02, converted to WGS-84)",
                                         "the county or district named in your file",
                                         "the city named in your file (its urban core)"]
    assert list(sites["located_by_zh"]) == ["你文件中的坐标（GCJ-02，已转换为WGS-84）", "你文件中写明的区县",
                                            "你文件中写明的城市（取其市中心）"]


def test_coordinates_win_over_names(upload):
    result = upload("name,lon,lat,区县\nA,116.30,39.96,桥西区\n")
    assert list(result.sites["precision"]) == ["exact"] and list(result.sites["county_zh"]) == ["海淀区"]


@pytest.mark.parametrize("value", ["1e400", "nan", "inf", "181", "-1e9"])
def test_coordinates_have_sane_ranges(upload, value):
    result = upload(f"name,lon,lat\nA,{value},39.96\n")
    assert result.sites.empty and str(result.problems[0]).startswith(f"row 2: lon: {value}")


def test_rows_counted_not_messages_and_plurals():
    assert count(1, "en", "site", "sites", "个站点") == "1 site"
    assert count(2, "en", "site", "sites", "个站点") == "2 sites"
    assert count(1, "zh", "site", "sites", "个站点") == "1 个站点"
    assert count(12345, "en", "row", "rows", "行") == "12,345 rows"


def test_messages_in_chinese(upload):
    result = upload("name,lon,lat\nA,abc,39.96\n")
    assert result.problems[0].text("zh") == "第 2 行：经度：“abc”不是数字"
