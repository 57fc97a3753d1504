"""Error displays in a real browser: an over-long link, a broken data file, a hostile upload."""

import os
import shutil
import sqlite3
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point

from bench.browser_driver import browser_page, map_frame, running_app
from geodata.paths import SEEDS_DIR
from tests.app.conftest import FIXTURE

SHOTS = os.environ.get("JJJ_SHOTS_DIR")


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(Path(SHOTS or tmp_path) / f"{name}.png"), full_page=True)


def test_a_link_with_too_many_parameters_gets_a_notice(app_url, tmp_path):
    query = "&".join(f"x{i}=1" for i in range(1200))
    with browser_page() as page:
        page.goto(f"{app_url}/?{query}")
        page.get_by_text("The link had 1,200 parameters, more than the 1,000 this app can read").wait_for(
            timeout=60_000)
        map_frame(page)
        assert "x1=" not in page.url
        shot(page, tmp_path, "long-link-notice")


def test_a_view_bomb_geopackage_is_refused_in_chinese(app_url, tmp_path):
    path = tmp_path / "炸弹.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(116.3, 39.96)], crs=4326).to_file(
        path, layer="points", driver="GPKG", SPATIAL_INDEX="NO")
    db = sqlite3.connect(path)
    db.execute("CREATE VIEW bomb AS SELECT 1 AS fid, NULL AS geom, printf('%.*c', 900000000, 'x') AS name")
    db.execute("UPDATE gpkg_contents SET table_name = 'bomb'")
    db.execute("UPDATE gpkg_geometry_columns SET table_name = 'bomb'")
    db.execute("DROP TABLE points")
    db.commit()
    db.close()
    with browser_page() as page:
        page.goto(f"{app_url}/?lang=zh")
        map_frame(page)
        page.get_by_text("添加您自己的站点").click()
        page.locator("input[type=file]").set_input_files(str(path))
        page.get_by_text("无法使用 炸弹.gpkg：该 GeoPackage 中没有含几何的数据表（不读取视图）").wait_for(
            timeout=60_000)
        shot(page, tmp_path, "zh-view-bomb-refused")


def test_broken_data_lists_its_problems_without_a_traceback(chromium, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    lines = (SEEDS_DIR / "boundaries.geojson").read_text(encoding="utf-8").split("\n")
    lines[7] = lines[7].replace('"level":"prefecture"', '"level":""').replace('"level":"county"', '"level":""')
    (data / "boundaries.geojson").write_text("\n".join(lines), encoding="utf-8")
    with running_app(data) as url, browser_page() as page:
        page.goto(f"{url}/?lang=zh")
        page.get_by_text("boundaries.geojson:8: level: missing is not a level").wait_for(timeout=60_000)
        body = page.locator("body").inner_text()
        assert "Traceback" not in body and str(tmp_path) not in body
        shot(page, tmp_path, "zh-broken-data")
