"""Users' own sites on the pages (the browser tests drive the real file input)."""

from tests.app.conftest import drawn_columns, map_args, map_payloads, texts, with_upload


def test_upload_is_its_own_layer_and_leaves_the_rest_alone(make_app):
    at = with_upload(make_app(region="beijing", lat="39.9", lon="116.4", zoom="9")).run()
    assert not at.exception
    curated, own = map_payloads(at)
    assert own["layer"] == "upload" and own["legend"] == "Your sites (2)"
    assert "data" not in own and own["src"].endswith(".json")  # a file, not inline per rerun
    assert drawn_columns(own)["en"] == ["My clinic", "Mystery"]
    assert curated["layer"] == "site" and drawn_columns(curated)["id"] == ["haidian-lab"]
    shown = texts(at)
    assert "mine.csv: 2 sites shown as their own layer. Read as UTF-8 text." in shown
    assert "1 row left out. 1 row shown with a value dropped or replaced." in shown
    assert "row 3: lon: (121.0, 38.5) lies outside Beijing, Tianjin and Hebei" in shown
    assert "row 4: kind: 'castle' is not a known kind" in shown
    assert at.multiselect(key="filter_region").value == ["beijing"]  # filters untouched
    assert map_args(at)["center"] == [39.9, 116.4]  # and the map view too


def test_messages_in_chinese_count_rows(make_app):
    data = "名称,经度,纬度\n诊所,116.40,39.90\n海上,121.0,38.5\n".encode("gbk")
    at = with_upload(make_app(lang="zh"), data, "站点.csv").run()
    shown = texts(at)
    assert "站点.csv：1 个站点已作为单独图层显示。按 GBK/GB18030 编码读取。" in shown
    assert "1 行被略去。" in shown
    assert "第 3 行：经度：（121.0, 38.5）位于京津冀以外" in shown


def test_one_site_is_singular(make_app):
    at = with_upload(make_app(), b"name,lon,lat\nA,116.4,39.9\n").run()
    assert "mine.csv: 1 site shown as their own layer." in texts(at)


def test_amap_coordinates_are_converted_and_said(make_app):
    at = with_upload(make_app(), b"name,lon,lat\nGate,116.397463,39.908692\n", crs="gcj02").run()
    assert "Coordinates converted from GCJ-02 (Amap, Tencent) to WGS-84." in texts(at)
    [own] = [p for p in map_payloads(at) if p["layer"] == "upload"]
    assert abs(drawn_columns(own)["lon"][0] - 116.39122) < 1e-4  # WGS-84 on the OSM basemap


def test_problem_lists_are_capped_and_downloadable(make_app):
    """H1: 50,000 rows with four unknown values each: 200,000 problems, 50 of them on screen."""
    row = "A,116.40,39.90,castle,magic;spells,rumoured\n"
    data = ("name,lon,lat,kind,focus,status\n" + row * 50_000).encode()
    at = with_upload(make_app(), data).run()
    assert not at.exception
    [listing] = [c for c in at.code if c.value.startswith("row 2:")]
    assert len(listing.value.splitlines()) == 50 and len(listing.value) < 20_000
    shown = texts(at)
    assert "The first 50 of 200,000 problems are shown; download the whole list." in shown
    assert "50,000 rows shown with a value dropped or replaced." in shown
    [button] = [b for b in at.get("download_button") if "problems" in b.proto.label]
    assert button.proto.label == "Download the list of problems"


def test_layer_choice_is_offered(make_app, tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point
    path = tmp_path / "two.gpkg"
    for name in ("clinics", "labs"):
        gpd.GeoDataFrame({"name": [name]}, geometry=[Point(116.3, 39.96)], crs=4326).to_file(
            path, layer=name, driver="GPKG")
    at = with_upload(make_app(), path.read_bytes(), "two.gpkg").run()
    assert at.selectbox(key="upload_layer").options == ["clinics", "labs"]
    assert "two.gpkg cannot be used: the GeoPackage has 2 layers (clinics, labs): choose one" in texts(at)


def test_uploaded_site_gets_a_card_and_is_filtered_and_exported(make_app):
    at = with_upload(make_app()).run()
    at.selectbox(key="site_select").set_value("upload-2").run()
    assert "My clinic" in [s.value for s in at.subheader]
    assert "Uploaded by you" in texts(at)
    at.text_input(key="filter_q").input("clinic").run()
    at.switch_page("app_pages/sites.py").run()
    [table] = at.dataframe
    assert list(table.value["id"]) == ["upload-2"]


def test_uploaded_sites_card_says_in_chinese_how_it_was_placed(make_app):
    at = with_upload(make_app(lang="zh"), b"name,lon,lat\nGate,116.397463,39.908692\n", crs="gcj02").run()
    at.selectbox(key="site_select").set_value("upload-2").run()
    shown = texts(at)
    assert "定位依据" in shown and "你文件中的坐标（GCJ-02，已转换为WGS-84）" in shown
    assert "the coordinates in your file" not in shown


def test_bad_file_gets_one_clear_message(make_app):
    at = with_upload(make_app(), b"\x89PNG\x00\x01", "x.csv").run()
    assert not at.exception
    [error] = at.error
    assert error.value == "x\\.csv cannot be used: the file is binary, not a CSV text file; save it as text \\(UTF\\-8 or GBK\\)"


def test_the_uploader_opens_on_request(make_app):
    at = make_app(region="beijing").run()
    assert not at.get("file_uploader")  # the first screen carries only the button
    at.button(key="upload_open_button").click().run()
    assert at.get("file_uploader") and "stays in this browser session only" in texts(at)
    assert at.selectbox(key="upload_crs").options == ["WGS-84 (GPS, international maps)",
                                                      "GCJ-02 (Amap, Tencent)", "BD-09 (Baidu)"]
    labels = [b.proto.label for b in at.get("download_button") if "template" in b.proto.label]
    assert labels == ["CSV template (中文)", "XLSX template (中文)", "CSV template (English)",
                      "XLSX template (English)"]
    assert at.multiselect(key="filter_region").value == ["beijing"]  # nothing else changed
