"""Users' own sites: good rows kept and placed, bad rows listed, unusable files one clear error."""

import json
import random
import subprocess
import sys

import geopandas as gpd
import pytest
from shapely.geometry import Point, Polygon

from geodata.boundaries import read_boundaries
from geodata.layers import SITE_COLUMNS
from geodata.paths import SEEDS_DIR, data_file
from geodata.upload import DEFAULT_NOTE, MAX_BYTES, MAX_ROWS, Options, UploadResult, read_upload
from geodata.vocab import load_vocabulary


@pytest.fixture(scope="module")
def vocab():
    return load_vocabulary(data_file(SEEDS_DIR, "vocab.yaml"))


@pytest.fixture(scope="module")
def boundaries():
    return read_boundaries(data_file(SEEDS_DIR, "boundaries.geojson"))


@pytest.fixture
def upload(vocab, boundaries):
    def run(name: str, data: bytes | str, **options) -> UploadResult:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        cores = options.pop("cores", None)
        return read_upload(name, raw, vocab, boundaries, Options(**options), cores)
    return run


def problems(result: UploadResult) -> tuple[str, ...]:
    return tuple(str(p) for p in result.problems)


def by_id(result: UploadResult) -> dict:
    return {row["id"]: row for _, row in result.sites.iterrows()}


# --- CSV ------------------------------------------------------------------------------------

def test_good_csv_is_placed_and_shaped_like_the_curated_sites(upload):
    result = upload("mine.csv", "name,lon,lat,kind,focus,status,note\n"
                                "My lab,116.30,39.96,research_institute,tcm;vaccines,operating,"
                                "Second floor\n"
                                "Tianjin plant,117.20,39.13,,,,\n")
    assert result.error is None and result.problems == ()
    sites = result.sites
    assert list(sites.columns) == [*SITE_COLUMNS, "geometry"]
    assert sites.crs.to_epsg() == 4326
    lab, plant = by_id(result)["upload-2"], by_id(result)["upload-3"]  # the header is row 1
    assert (lab["region"], lab["city"], lab["city_zh"]) == ("beijing", "Beijing", "北京市")
    assert (lab["county"], lab["county_zh"]) == ("Haidian District", "海淀区")
    assert lab["name_en"] == lab["name_zh"] == "My lab"
    assert lab["kind"] == "research_institute" and lab["focus"] == ("tcm", "vaccines")
    assert lab["status"] == "operating" and lab["precision"] == "exact"
    assert lab["plans"] == lab["zones"] == lab["sources"] == ()
    assert lab["note"] == "Second floor" and lab["note_zh"] == ""
    assert lab.geometry.equals(Point(116.30, 39.96))
    assert plant["region"] == "tianjin" and plant["city"] == "Tianjin"
    assert (plant["kind"], plant["focus"], plant["status"]) == ("unknown", (), "unknown")
    assert plant["note"] == DEFAULT_NOTE and plant["note_zh"]


def test_chinese_headers_and_bom(upload):
    text = "\ufeff名称,经度,纬度,类型\n海淀实验室,116.30,39.96,研发中心与研究机构\n"
    result = upload("站点.csv", text)
    assert result.error is None and result.problems == ()
    [site] = by_id(result).values()
    assert site["name_en"] == site["name_zh"] == "海淀实验室"
    assert site["kind"] == "research_institute"
    assert (site["lon"], site["lat"]) == (116.30, 39.96)
    assert site["county_zh"] == "海淀区"


@pytest.mark.parametrize("lon,lat", [("Longitude", "Latitude"), ("LNG", "LAT"), ("x", "y"),
                                     ("long", "lat")])
def test_coordinate_columns_found_case_insensitively(upload, lon, lat):
    result = upload("a.csv", f"Name,{lon},{lat}\nA,116.30,39.96\n")
    assert result.error is None and len(result.sites) == 1


def test_english_and_chinese_name_columns(upload):
    result = upload("a.csv", "name,名称,lon,lat\nHaidian lab,海淀实验室,116.30,39.96\n"
                             "Only English,,116.31,39.96\n,只有中文,116.32,39.96\n")
    sites = by_id(result)
    assert (sites["upload-2"]["name_en"], sites["upload-2"]["name_zh"]) == ("Haidian lab", "海淀实验室")
    assert sites["upload-3"]["name_zh"] == "Only English"
    assert sites["upload-4"]["name_en"] == "只有中文"


def test_bad_rows_listed_good_rows_kept(upload):
    text = ("name,lon,lat,focus\n"
            "Good,116.30,39.96,tcm\n"
            "In the sea,121.0,38.5,\n"
            "Not a number,abc,39.9,\n"
            "Unknown focus,116.40,39.90,magic;vaccines\n"
            ",116.40,39.91,\n"
            "No latitude,116.40,,\n")
    result = upload("mine.csv", text)
    assert result.error is None
    assert list(result.sites["id"]) == ["upload-2", "upload-5"]
    focus_keys = ", ".join(load_vocabulary(data_file(SEEDS_DIR, "vocab.yaml")).keys("focus"))
    assert problems(result) == (
        "row 3: lon: (121.0, 38.5) lies outside Beijing, Tianjin and Hebei",
        "row 4: lon: 'abc' is not a number",
        f"row 5: focus: 'magic' is not a known focus (one of: {focus_keys}); the term is left out",
        "row 6: name: required value is empty",
        "row 7: lat: required value is empty",
    )
    assert (result.left_out, result.changed) == (4, 1)
    assert by_id(result)["upload-5"]["focus"] == ("vaccines",)


def test_swapped_coordinates_are_hinted(upload):
    result = upload("a.csv", "name,lon,lat\nA,39.96,116.30\n")
    assert problems(result) == ("row 2: lon: (39.96, 116.3) lies outside Beijing, Tianjin and Hebei "
                                "(are longitude and latitude swapped?)",)


def test_unknown_kind_and_status_keep_the_row(upload, vocab):
    result = upload("a.csv", "name,lon,lat,kind,status\nA,116.30,39.96,spaceport,rumoured\n")
    [site] = by_id(result).values()
    assert (site["kind"], site["status"]) == ("unknown", "unknown")
    assert problems(result) == (
        f"row 2: kind: 'spaceport' is not a known kind (one of: {', '.join(vocab.keys('kind'))}); "
        "the site is kept as unknown",
        f"row 2: status: 'rumoured' is not a known status (one of: {', '.join(vocab.keys('status'))}); "
        "the site is kept with status unknown",
    )
    assert (result.left_out, result.changed) == (0, 1)  # one row, two messages


def test_labels_map_to_keys(upload):
    text = ("name,lon,lat,kind,focus,status\n"
            'A,116.30,39.96,HOSPITAL,"Traditional Chinese medicine, 中医药",under construction\n'
            "B,116.30,39.96,医院,中医药；疫苗,在建\n"
            'C,116.30,39.96, Industrial  park ,"vaccines,Medical devices",Under Construction\n')
    result = upload("a.csv", text)
    assert result.problems == ()
    sites = by_id(result)
    assert sites["upload-2"]["focus"] == ("tcm",)  # the same term twice counts once
    assert sites["upload-2"]["kind"] == sites["upload-3"]["kind"] == "hospital"
    assert sites["upload-3"]["focus"] == ("tcm", "vaccines")
    assert sites["upload-4"]["kind"] == "industrial_park"
    assert sites["upload-4"]["focus"] == ("vaccines", "medical_devices")
    assert {s["status"] for s in sites.values()} == {"under_construction"}


def test_row_numbers_count_blank_rows_and_report_extra_fields(upload):
    result = upload("a.csv", "name,lon,lat\nA,116.30,39.96\n\nB,116.30,39.96,extra\nC,116.3,39.96,,\n")
    assert list(result.sites["id"]) == ["upload-2", "upload-5"]
    assert problems(result) == ("row 4: -: row has 4 fields, the header has 3",)


def test_long_text_is_cut_and_kept_as_written(upload):
    payload = "<script>alert(1)</script>"
    result = upload("a.csv", f'name,lon,lat,note\n"  {payload}  ",116.30,39.96,{"x" * 600}\n')
    [site] = by_id(result).values()
    assert site["name_en"] == payload
    assert len(site["note"]) == 500 and site["note"].endswith("…")


def test_tab_separated(upload):
    result = upload("a.csv", "name\tlon\tlat\nA\t116.30\t39.96\n")
    assert result.error is None and len(result.sites) == 1


def test_every_row_bad_gives_problems_and_no_sites(upload):
    result = upload("a.csv", "name,lon,lat\nA,0,0\n")
    assert result.error is None and result.sites.empty
    assert list(result.sites.columns) == [*SITE_COLUMNS, "geometry"]
    assert problems(result) == ("row 2: lon: (0.0, 0.0) lies outside Beijing, Tianjin and Hebei",)


# --- GeoJSON and GeoPackage -----------------------------------------------------------------

def points_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Haidian lab", "Shijiazhuang plant"], "name_zh": ["海淀实验室", "石家庄工厂"],
         "focus": ["中医药", "biologics;apis"], "kind": ["School", None]},
        geometry=[Point(116.30, 39.96), Point(114.5149, 38.0428)], crs=4326)


def test_geojson_in_web_mercator_is_reprojected(upload):
    frame = points_frame()
    text = frame.to_crs(3857).to_json()
    assert "EPSG::3857" in text
    result = upload("mine.geojson", text)
    assert result.error is None and result.problems == ()
    assert result.sites.crs.to_epsg() == 4326
    assert result.sites.geometry.geom_equals_exact(frame.geometry, 1e-6).all()
    assert abs(result.sites["lon"] - frame.geometry.x).max() < 1e-6
    assert abs(result.sites["lat"] - frame.geometry.y).max() < 1e-6
    lab, plant = by_id(result)["upload-1"], by_id(result)["upload-2"]
    assert (lab["county"], lab["kind"], lab["focus"]) == ("Haidian District", "school", ("tcm",))
    assert (plant["region"], plant["city"], plant["city_zh"]) == ("hebei", "Shijiazhuang", "石家庄市")
    assert plant["focus"] == ("biologics", "apis") and plant["kind"] == "unknown"


def test_geojson_wgs84_with_bad_features(upload):
    doc = json.loads(points_frame().to_json())
    doc["features"].append({"type": "Feature", "geometry": None, "properties": {"name": "x"}})
    doc["features"].append({"type": "Feature", "properties": {"name": "poly"},
                            "geometry": {"type": "Polygon",
                                         "coordinates": [[[116, 39], [117, 39], [117, 40], [116, 39]]]}})
    doc["features"].append({"type": "Feature", "properties": {"name": "sea"},
                            "geometry": {"type": "Point", "coordinates": [122.0, 38.0]}})
    result = upload("mine.json", json.dumps(doc))
    assert list(result.sites["id"]) == ["upload-1", "upload-2"]
    assert problems(result) == (
        "row 3: geometry: missing or empty",
        "row 4: geometry: a Polygon, not a point",
        "row 5: lon: (122.0, 38.0) lies outside Beijing, Tianjin and Hebei",
    )


def test_single_feature_geojson(upload):
    feature = {"type": "Feature", "properties": {"名称": "海淀"},
               "geometry": {"type": "Point", "coordinates": [116.30, 39.96]}}
    result = upload("one.geojson", json.dumps(feature))
    assert list(result.sites["name_zh"]) == ["海淀"]


@pytest.mark.parametrize("epsg", [4326, 3857])
def test_geopackage_round_trip(upload, tmp_path, epsg):
    frame = points_frame()
    path = tmp_path / "mine.gpkg"
    frame.to_crs(epsg).to_file(path, driver="GPKG")
    result = upload("Mine.GPKG", path.read_bytes())
    assert result.error is None and result.problems == ()
    assert list(result.sites["name_en"]) == list(frame["name"])
    assert list(result.sites["name_zh"]) == list(frame["name_zh"])
    assert result.sites.geometry.geom_equals_exact(frame.geometry, 1e-6).all()
    assert list(result.sites["county_zh"])[0] == "海淀区"


# --- unusable files -------------------------------------------------------------------------

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def polygons_geojson() -> str:
    return gpd.GeoDataFrame({"name": ["a", "b"]}, crs=4326, geometry=[
        Polygon([(116, 39), (117, 39), (117, 40)]), Polygon([(115, 38), (116, 38), (116, 39)]),
    ]).to_json()


def random_bytes(n: int) -> bytes:
    return random.Random(5).randbytes(n)


UNUSABLE = [
    ("empty.csv", b"", "the file is empty"),
    ("blank.geojson", b"  \n\n ", "the file is empty"),
    ("empty.gpkg", b"", "the file is empty"),
    ("big.csv", b"name,lon,lat\n" + b"x" * (MAX_BYTES + 1 - 13), "too large"),
    ("random.csv", random_bytes(4096), "binary"),
    ("random.geojson", random_bytes(4096), "binary"),
    ("random.gpkg", random_bytes(4096), "not a GeoPackage"),
    ("fake.gpkg", b"SQLite format 3\x00" + random_bytes(4096), "the GeoPackage cannot be read"),
    ("image.csv", PNG, "binary"),
    ("nul.csv", b"name,lon,lat\nA\x00,116.3,39.96\n", "binary"),
    ("truncated.geojson", '{"type": "FeatureCollection", "features": [{"type": "Fea',
     "malformed JSON"),
    ("deep.json", "[" * 100_000, "malformed JSON"),
    ("list.json", "[1, 2, 3]", "not GeoJSON"),
    ("nofeatures.geojson", '{"type": "FeatureCollection", "features": []}', "no features"),
    ("polygons.geojson", polygons_geojson(), "no point geometry: the file holds Polygon (2)"),
    ("badcrs.geojson", json.dumps({"type": "FeatureCollection", "features": [],
                                   "crs": {"type": "name", "properties": {"name": "EPSG:999999"}}}),
     "unknown coordinate reference system"),
    ("nocoords.csv", "name,address\nA,Haidian\n", "no longitude and latitude column"),
    ("nolat.csv", "name,lon\nA,116.3\n", "no latitude column"),
    ("noname.csv", "lon,lat\n116.3,39.96\n", "no name column"),
    ("noname.geojson", json.dumps({"type": "Feature", "properties": {"id": 1},
                                   "geometry": {"type": "Point", "coordinates": [116.3, 39.96]}}),
     "no name column"),
    ("header-only.csv", "name,lon,lat\n", "no data rows"),
    ("mine.xlsx", b"PK\x03\x04", "the Excel workbook cannot be read"),
    ("mine.xls", b"\xd0\xcf\x11\xe0", "unsupported file type '.xls'"),
    ("README", b"name,lon,lat\n", "unsupported file type (none)"),
    ("many.csv", "name,lon,lat\n" + "A,116.3,39.96\n" * (MAX_ROWS + 1), "too many rows"),
]


@pytest.mark.filterwarnings("ignore:GPKG:RuntimeWarning")  # GDAL's note on the fake GeoPackage
@pytest.mark.parametrize("name,data,expected", UNUSABLE, ids=[u[0] for u in UNUSABLE])
def test_unusable_file_gives_one_clear_error(upload, name, data, expected):
    result = upload(name, data)
    assert result.error is not None and expected in str(result.error), result.error
    assert result.problems == () and result.sites.empty
    assert list(result.sites.columns) == [*SITE_COLUMNS, "geometry"]


def test_polygon_geopackage_has_no_point_geometry(upload, tmp_path):
    path = tmp_path / "poly.gpkg"
    gpd.read_file(polygons_geojson()).to_file(path, driver="GPKG")
    result = upload("poly.gpkg", path.read_bytes())
    assert str(result.error) == "no point geometry: the file holds Polygon (2); upload points"


def test_exactly_max_bytes_is_accepted(upload):
    row = b"A,116.30,39.96," + b"n" * 205 + b"\n"
    data = b"name,lon,lat,note\n" + row * ((MAX_BYTES - 18) // len(row))
    data = data[:-1] + b" " * (MAX_BYTES - len(data)) + b"\n"
    assert len(data) == MAX_BYTES
    result = upload("a.csv", data)
    assert result.error is None and result.problems == ()
    assert len(result.sites) == (MAX_BYTES - 18) // len(row)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_fuzzed_bytes_get_a_clear_answer(upload):
    """Every mangled file is read or refused with a specific message: none falls through to
    read_upload's last-resort catch-all (which would hide a crash as "cannot be read")."""
    rng = random.Random(1)
    seeds = [b"name,lon,lat\nA,116.3,39.96\n", points_frame().to_json().encode(), PNG]
    for i in range(300):
        base = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 8)):
            base[rng.randrange(len(base))] = rng.randrange(256)
        cut = bytes(base[: rng.randint(0, len(base))])
        for ext in (".csv", ".geojson", ".gpkg"):
            result = upload(f"f{i}{ext}", cut)
            assert isinstance(result, UploadResult)
            assert (result.error is None) or result.sites.empty
            assert getattr(result.error, "key", None) != "read_failed", (i, ext, result.error)


def test_no_streamlit_import():
    code = "import sys, geodata.upload; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
