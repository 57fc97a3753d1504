"""Upload journeys of a Chinese user, in 中文, in a real browser: a GBK CSV from Excel, an XLSX with
Chinese headers, Amap (GCJ-02) coordinates, a county-only row, a replaced file, a long problem list."""

import io
import os
from pathlib import Path

import openpyxl
import pytest

from bench.browser_driver import browser_page, click_site, map_frame, open_map, wait_for_sites
from geodata.gcj02 import wgs84_to_gcj02

SHOTS = os.environ.get("JJJ_SHOTS_DIR")


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(Path(SHOTS or tmp_path) / f"{name}.png"), full_page=True)


def open_uploader(page, url: str, width: int = 1400):
    frame = open_map(page, f"{url}/?lang=zh")
    page.get_by_text("添加您自己的站点").click()
    page.locator("input[type=file]").wait_for(state="attached", timeout=30_000)
    return frame


def choose_file(page, path: Path) -> None:
    page.locator("input[type=file]").set_input_files(str(path))


def marker_position(frame, site_id: str) -> tuple[float, float]:
    return tuple(frame.evaluate("""(id) => { var p = null; window.map.eachLayer(function (l) {
        if (l.jjjId === id && l.getLatLng) { p = [l.getLatLng().lng, l.getLatLng().lat]; } });
        return p; }""", site_id))


def test_gbk_csv_from_excel(app_url, tmp_path):
    path = tmp_path / "站点.csv"
    path.write_bytes("名称,经度,纬度,类型,产业方向\r\n通州中医诊所,116.656,39.909,医院,中医药\r\n"
                     "海上,122.5,38.0,医院,\r\n".encode("gbk"))
    with browser_page() as page:
        frame = open_uploader(page, app_url)
        choose_file(page, path)
        page.get_by_text("站点.csv：1 个站点已作为单独图层显示。").wait_for(timeout=30_000)
        page.get_by_text("按 GBK/GB18030 编码读取。").wait_for()
        page.get_by_text("1 行被略去。").wait_for()
        page.get_by_text("第 3 行：经度：（122.5, 38.0）位于京津冀以外").wait_for()
        assert wait_for_sites(frame, layer="upload") == ["upload-2"]
        click_site(page, frame, "upload-2", layer="upload")
        page.locator(".st-key-site_card h3").get_by_text("通州中医诊所").wait_for(timeout=30_000)
        shot(page, tmp_path, "zh-gbk-csv")
        assert page.dialogs == []


def test_a_file_of_another_type_is_refused_in_chinese_naming_it(app_url, tmp_path):
    path = tmp_path / "规划.pdf"
    path.write_bytes(b"%PDF-1.4 not a table")
    with browser_page() as page:
        open_uploader(page, app_url)
        choose_file(page, path)
        page.get_by_text("不支持的文件类型 '.pdf'", exact=False).wait_for(timeout=30_000)
        text = page.locator("body").inner_text()
        assert "规划.pdf" in text  # the message names the file
        assert "not allowed" not in text  # Streamlit's own refusal, in English only
        shot(page, tmp_path, "zh-wrong-type")
        assert page.dialogs == []


def test_xlsx_with_chinese_headers(app_url, tmp_path):
    book = openpyxl.Workbook()
    for row in (["名称", "经度", "纬度", "状态"], ["天津药企", 117.20, 39.13, "在建"],
                ["石家庄工厂", 114.5149, 38.0428, "已运营"]):
        book.active.append(row)
    path = tmp_path / "站点.xlsx"
    book.save(path)
    with browser_page() as page:
        frame = open_uploader(page, app_url)
        choose_file(page, path)
        page.get_by_text("站点.xlsx：2 个站点已作为单独图层显示。").wait_for(timeout=60_000)
        assert sorted(wait_for_sites(frame, layer="upload")) == ["upload-2", "upload-3"]
        shot(page, tmp_path, "zh-xlsx")


def test_amap_points_are_converted(app_url, tmp_path):
    wgs = (116.391350, 39.907357)
    lon, lat = wgs84_to_gcj02(*wgs)
    path = tmp_path / "高德.csv"
    path.write_text(f"名称,经度,纬度\n天安门,{lon:.6f},{lat:.6f}\n", encoding="utf-8")
    with browser_page() as page:
        frame = open_uploader(page, app_url)
        page.locator(".st-key-upload_crs").click()
        page.get_by_role("option", name="GCJ-02（高德、腾讯）").click()
        choose_file(page, path)
        page.get_by_text("坐标已从 GCJ-02（高德、腾讯） 转换为 WGS-84。").wait_for(timeout=30_000)
        wait_for_sites(frame, layer="upload", expect=["upload-2"])
        x, y = marker_position(frame, "upload-2")
        assert abs(x - wgs[0]) < 1e-4 and abs(y - wgs[1]) < 1e-4  # drawn where the gate is (OSM)
        shot(page, tmp_path, "zh-gcj02")


def test_county_only_rows_and_an_ambiguous_county(app_url, tmp_path):
    path = tmp_path / "区县.csv"
    # Huailai, not the city centre: the city's own badge sits over its central districts
    path.write_text("名称,区县,城市\n张家口养老中心,怀来县,张家口市\n某药厂,桥西区,\n", encoding="utf-8")
    with browser_page() as page:
        frame = open_uploader(page, app_url)
        choose_file(page, path)
        page.get_by_text("区县.csv：1 个站点已作为单独图层显示。").wait_for(timeout=30_000)
        page.get_by_text("第 3 行：区县：“桥西区”对应 2 个区县：桥西区 (石家庄市), 桥西区 (张家口市)").wait_for()
        assert wait_for_sites(frame, layer="upload") == ["upload-2"]
        click_site(page, frame, "upload-2", layer="upload")
        card = page.locator(".st-key-site_card")
        card.locator("h3").get_by_text("张家口养老中心").wait_for(timeout=30_000)
        card.get_by_text("怀来县").first.wait_for(timeout=30_000)  # the facts name its county
        shot(page, tmp_path, "zh-county-only")


def test_replacing_the_file_resets_the_selection(app_url, tmp_path):
    first, second = tmp_path / "一.csv", tmp_path / "二.csv"
    first.write_text("名称,经度,纬度\n第一家,116.66,39.91\n", encoding="utf-8")  # clear of the badges
    second.write_text("名称,经度,纬度\n甲,116.40,39.90\n乙,116.41,39.91\n", encoding="utf-8")
    with browser_page() as page:
        frame = open_uploader(page, app_url)
        choose_file(page, first)
        wait_for_sites(frame, layer="upload", expect=["upload-2"])
        click_site(page, frame, "upload-2", layer="upload")
        page.locator(".st-key-site_card h3").get_by_text("第一家").wait_for(timeout=30_000)
        page.wait_for_function("() => location.search.includes('site=upload-2')", timeout=30_000)
        choose_file(page, second)
        page.get_by_text("二.csv：2 个站点已作为单独图层显示。").wait_for(timeout=30_000)
        page.wait_for_function("() => !location.search.includes('site=')", timeout=30_000)
        assert page.locator(".st-key-site_card h3").count() == 0  # no stale card, no label in site=
        shot(page, tmp_path, "zh-replaced")


def test_a_long_problem_list_is_capped(app_url, tmp_path):
    path = tmp_path / "很多.csv"
    path.write_text("名称,经度,纬度,类型\n" + "某站点,116.40,39.90,城堡\n" * 3000, encoding="utf-8")
    with browser_page() as page:
        open_uploader(page, app_url)
        choose_file(page, path)
        page.get_by_text("仅显示前 50 条问题（共 3,000 条）；完整列表请下载。").wait_for(timeout=60_000)
        page.get_by_text("下载问题列表").wait_for()
        assert page.get_by_text("第 52 行：").count() == 0  # row 52 holds the 51st problem
        with page.expect_download() as download:
            page.get_by_text("下载问题列表").click()
        lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
        assert len(lines) == 3000 and lines[-1].startswith("第 3001 行：类型：“城堡”不是已知类型")
        shot(page, tmp_path, "zh-long-problem-list")


@pytest.mark.parametrize("width,height", [(390, 844)])
def test_templates_download_on_a_phone(app_url, tmp_path, width, height):
    with browser_page(width, height) as page:
        page.goto(f"{app_url}/?lang=zh")
        map_frame(page)
        page.get_by_text("添加您自己的站点").click()
        with page.expect_download() as download:
            page.get_by_text("XLSX 模板（中文）").click()
        book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
        assert [c.value for c in next(book.active.iter_rows())][:4] == ["名称", "中文名称", "经度", "纬度"]
        shot(page, tmp_path, "zh-phone-templates")
