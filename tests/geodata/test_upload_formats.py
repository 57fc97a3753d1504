"""Files as Chinese users make them: encodings, Excel, GeoPackage layers, stray quotes, CRSs."""

import io
import json
import sqlite3

import geopandas as gpd
import openpyxl
import pytest
from shapely.geometry import Point

from geodata.boundaries import read_boundaries
from geodata.paths import SEEDS_DIR, data_file
from geodata.upload import Options, UploadResult, read_upload
from geodata.vocab import load_vocabulary

ROWS = "名称,经度,纬度,类型\n海淀实验室,116.30,39.96,医院\n石家庄工厂,114.5149,38.0428,企业\n"


@pytest.fixture(scope="module")
def upload():
    vocab = load_vocabulary(data_file(SEEDS_DIR, "vocab.yaml"))
    boundaries = read_boundaries(data_file(SEEDS_DIR, "boundaries.geojson"))

    def run(name: str, data: bytes, **options) -> UploadResult:
        return read_upload(name, data, vocab, boundaries, Options(**options))
    return run


@pytest.mark.parametrize("codec,named", [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 (BOM)"), ("gbk", "GBK/GB18030"),
    ("gb18030", "GBK/GB18030"), ("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"),
])
def test_csv_encodings_are_detected_and_named(upload, codec, named):
    result = upload("站点.csv", ROWS.encode(codec))
    assert result.error is None, result.error
    assert result.encoding == named
    assert list(result.sites["name_zh"]) == ["海淀实验室", "石家庄工厂"]
    assert list(result.sites["kind"]) == ["hospital", "enterprise"]


def test_gb18030_only_characters(upload):
    text = "名称,经度,纬度\n𠀀药厂 €,116.30,39.96\n"  # outside GBK: only GB18030 encodes these
    result = upload("a.csv", text.encode("gb18030"))
    assert result.encoding == "GBK/GB18030" and list(result.sites["name_zh"]) == ["𠀀药厂 €"]


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_with_chinese_headers_and_numbers(upload):
    data = xlsx([["名称", "经度", "纬度", "产业方向"], ["海淀实验室", 116.30, 39.96, "中医药"],
                 [None, None, None, None], ["海上", 122.5, 38.0, ""]])
    result = upload("站点.xlsx", data)
    assert result.error is None, result.error
    assert list(result.sites["name_zh"]) == ["海淀实验室"]
    assert list(result.sites["focus"]) == [("tcm",)]
    assert [str(p) for p in result.problems] == [
        "row 4: lon: (122.5, 38.0) lies outside Beijing, Tianjin and Hebei"]  # as Excel numbers rows


def test_stray_quote_is_reported_not_silent(upload):
    lines = ["name,lon,lat", "A,116.30,39.96", '"B,116.31,39.96'] + [f"R{i},116.3,39.9" for i in range(4, 11)]
    result = upload("a.csv", ("\n".join(lines) + "\n").encode())
    assert list(result.sites["id"]) == ["upload-2"]
    assert [str(p) for p in result.problems] == [
        "row 3: -: a quotation mark opens a cell that runs on to row 10; rows 3 to 10 are left out: "
        "close or remove the quote"]
    assert result.left_out == 8


def test_multi_line_notes_are_not_stray_quotes(upload):
    data = 'name,lon,lat,note\nA,116.30,39.96,"first line\nsecond line"\nB,116.31,39.96,\n'
    result = upload("a.csv", data.encode())
    assert result.problems == () and list(result.sites["note"])[0] == "first line\nsecond line"


def gpkg_with_layers(tmp_path, names=("clinics", "labs")) -> bytes:
    path = tmp_path / "two.gpkg"
    for i, layer in enumerate(names):
        gpd.GeoDataFrame({"name": [f"{layer} {i}"]}, geometry=[Point(116.3 + i / 100, 39.96)],
                         crs=4326).to_file(path, layer=layer, driver="GPKG")
    return path.read_bytes()


def test_several_point_layers_ask_for_a_choice(upload, tmp_path):
    data = gpkg_with_layers(tmp_path)
    result = upload("two.gpkg", data)
    assert result.needs_layer and result.layers == ("clinics", "labs")
    assert str(result.error) == "the GeoPackage has 2 layers (clinics, labs): choose one"
    chosen = upload("two.gpkg", data, layer="labs")
    assert chosen.error is None and list(chosen.sites["name_en"]) == ["labs 1"]
    assert chosen.layer == "labs"
    wrong = upload("two.gpkg", data, layer="nope")
    assert str(wrong.error) == "no layer 'nope' in the file (it has clinics, labs)"


def register_view(path, sql: str) -> None:
    """Replace the file's only layer by a view built with `sql` (registered as the feature layer)."""
    db = sqlite3.connect(path)
    db.execute(f"CREATE VIEW bomb AS {sql}")
    db.execute("UPDATE gpkg_contents SET table_name = 'bomb'")
    db.execute("UPDATE gpkg_geometry_columns SET table_name = 'bomb'")
    for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f'DROP TRIGGER "{trigger}"')
    db.execute("DROP TABLE points")
    db.commit()
    db.close()


def small_gpkg(tmp_path):
    path = tmp_path / "bomb.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(116.3, 39.96)], crs=4326).to_file(
        path, layer="points", driver="GPKG", SPATIAL_INDEX="NO")
    return path


BOMBS = {
    "900 MB string (H2)": "SELECT 1 AS fid, NULL AS geom, printf('%.*c', 900000000, 'x') AS name",
    "300 million rows (H3)": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                             "WHERE i < 300000000) SELECT i AS fid, NULL AS geom, 'x' AS name FROM n",
}


@pytest.mark.parametrize("sql", BOMBS.values(), ids=BOMBS.keys())
def test_views_are_never_read(upload, tmp_path, sql):
    path = small_gpkg(tmp_path)
    register_view(path, sql)
    data = path.read_bytes()
    assert len(data) < 200_000
    result = upload("bomb.gpkg", data)
    assert str(result.error) == "the GeoPackage has no table with geometry (views are not read)"


def test_computed_columns_are_never_read(upload, tmp_path):
    path = small_gpkg(tmp_path)
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE points ADD COLUMN big TEXT GENERATED ALWAYS AS "
               "(printf('%.*c', 900000000, 'x')) VIRTUAL")
    db.commit()
    db.close()
    result = upload("bomb.gpkg", path.read_bytes())
    assert "computed columns" in str(result.error)


def test_rows_are_counted_before_reading(upload, tmp_path):
    path = small_gpkg(tmp_path)
    db = sqlite3.connect(path)
    blob = db.execute("SELECT geom FROM points").fetchone()[0]
    db.executemany("INSERT INTO points (geom, name) VALUES (?, 'x')", [(blob,)] * 50_001)
    db.commit()
    db.close()
    result = upload("many.gpkg", path.read_bytes())
    assert str(result.error) == "too many rows: 50,002 (the limit is 50,000)"


def test_xlsx_zip_bomb_is_refused(upload):
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(210):
                sheet.write(b" " * (1024 * 1024))
    assert len(buffer.getvalue()) < 1_000_000
    result = upload("bomb.xlsx", buffer.getvalue())
    assert "took more than its share of time or memory" in str(result.error)


@pytest.mark.parametrize("code,what", [(4978, "geocentric"), (5773, "vertical")])
def test_meaningless_crs_is_refused_clearly(upload, code, what):
    doc = {"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": f"EPSG:{code}"}},
           "features": [{"type": "Feature", "properties": {"name": "a"},
                         "geometry": {"type": "Point", "coordinates": [116.3, 39.96]}}]}
    result = upload("a.geojson", json.dumps(doc).encode())
    assert f"EPSG:{code}" in str(result.error) and what in str(result.error)
    assert "WGS-84 (EPSG:4326)" in str(result.error)


def test_internal_error_text_never_reaches_the_user(upload, tmp_path):
    path = small_gpkg(tmp_path)
    db = sqlite3.connect(path)
    db.execute("DROP TABLE gpkg_geometry_columns")
    db.commit()
    db.close()
    result = upload("broken.gpkg", path.read_bytes())
    assert str(result.error) == "the GeoPackage cannot be read (the file is damaged or not a GeoPackage)"
