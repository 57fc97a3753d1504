"""The map page as a user meets it: counts, the map's sites, the card, the URL, the language."""

import re
import shutil
from urllib.parse import unquote

from components import data

from tests.app.conftest import (FIXTURE, ROOT, drawn_columns, map_args, map_payload, map_site_ids, texts,
                                with_upload)

ALL = ["beidaihe-resort", "haidian-lab", "xiongan-hospital"]


def test_first_screen(make_app):
    at = make_app().run()
    assert not at.exception
    shown = texts(at)
    assert "Jing-Jin-Ji health-industry map" in shown
    assert "3 of 3 sites match" in shown
    assert map_site_ids(at) == ALL
    args = map_args(at)
    assert "Site kind" in args["script"] and "Administrative boundaries" in args["script"]
    assert map_payload(at)["fit"] > 0 and map_payload(at)["focus"] == 0  # fit the sites, once
    assert args["center"] is None and args["zoom"] is None
    # clicks and the view come back (the server writes the URL from them); the initial values are
    # the map's first report, so opening the page costs one run
    assert args["returned_objects"] == ["last_clicked", "last_object_clicked_count",
                                        "last_object_clicked_tooltip", "zoom", "center"]
    assert args["default"] == {"last_clicked": None, "last_object_clicked_count": 0,
                               "last_object_clicked_tooltip": None,
                               "zoom": 7, "center": {"lat": 39.3, "lng": 116.6}}


def test_filter_change_changes_counts_and_map(make_app):
    at = make_app().run()
    at.multiselect(key="filter_region").set_value(["beijing"]).run()
    assert "1 of 3 sites match" in texts(at)
    assert map_site_ids(at) == ["haidian-lab"]
    at.multiselect(key="filter_focus").set_value(["elderly_care"]).run()
    assert map_site_ids(at) == []
    assert "No sites match" in texts(at)


def test_filter_options_show_counts(make_app):
    at = make_app().run()
    focus = at.multiselect(key="filter_focus")
    labels = list(focus.options)  # what the user reads in the dropdown
    assert "Cell and gene therapy (1)" in labels and "Vaccines (0)" in labels


def test_url_restores_filters_and_selected_site(make_app):
    at = make_app(focus=["health_tourism", "health_services"], site="beidaihe-resort",
                  lat="39.5", lon="117.1", zoom="8").run()
    assert at.multiselect(key="filter_focus").value == ["health_tourism", "health_services"]
    assert map_site_ids(at) == ["beidaihe-resort", "xiongan-hospital"]
    assert "Beidaihe Wellness Resort" in [s.value for s in at.subheader]
    payload = map_payload(at)
    assert payload["selected"] == "beidaihe-resort" and payload["fit"] == 0 and payload["focus"] == 0
    args = map_args(at)
    assert args["center"] == [39.5, 117.1] and args["zoom"] == 8


def test_bad_url_values_are_dropped_with_a_notice(make_app):
    at = make_app(focus=["magic", "tcm"], bogus="1", zoom="99", lat="39", lon="116",
                  region="hebei").run()
    assert not at.exception
    [notice] = [i for i in at.info if "could not be used" in i.value]
    for item in ("focus=magic", "bogus", "zoom=99", "lat", "lon"):  # a partial view is dropped whole
        assert item in notice.value
    assert at.multiselect(key="filter_focus").value == ["tcm"]
    assert at.multiselect(key="filter_region").value == ["hebei"]


def test_chinese(make_app):
    at = make_app(lang="zh").run()
    shown = texts(at)
    assert "京津冀健康产业地图" in shown and "个站点中有 3 个符合条件" in shown
    assert map_payload(at)["lang"] == "zh"  # Chinese names first in tooltips
    assert drawn_columns(map_payload(at))["zh"][0] == "北戴河康养项目"
    assert "站点类型" in map_args(at)["script"]


def test_language_switch(make_app):
    at = make_app().run()
    at.segmented_control(key="lang_switch").set_value("zh").run()
    assert "京津冀健康产业地图" in texts(at)
    assert map_payload(at)["lang"] == "zh"


def test_site_card_contents(make_app):
    at = make_app(site="xiongan-hospital").run()
    shown = texts(at)
    assert "Xiong'an Test Hospital" in [s.value for s in at.subheader]
    assert "Test plan document (2023-04-30), line 3 — doc-a" in shown  # title, date and line
    assert "km from central Beijing" in shown
    assert "Somewhere in Test New Area: no document gives its position inside it" in shown
    assert "doc-a:3 places it in the new area" in shown  # located_by
    assert "Planned (our inference)" in shown  # its status is marked as ours
    assert "Somewhere in Test New Area, about" in shown and " 0 km" not in shown
    # figures as a list: the figure, then its value with unit and year
    assert re.search(r"Signed projects\s+at least 20 projects", shown)


def test_site_card_says_how_the_place_is_known_in_the_readers_language(make_app):
    zh = texts(make_app(site="haidian-lab", lang="zh").run())
    assert "定位依据" in zh and "海淀区测试路1号——一个公开网页" in zh
    assert "Test Road 1, Haidian" not in zh
    en = texts(make_app(site="haidian-lab").run())
    assert "Test Road 1, Haidian — a public page" in en and "海淀区测试路1号" not in en


def test_area_list_says_how_the_outline_was_drawn_in_the_readers_language(make_app):
    zh = texts(make_app(area="zone-a", lang="zh").run())
    assert "轮廓的绘制方式：以一个县代表该区" in zh and "One county stands in" not in zh
    en = texts(make_app(area="zone-a").run())
    assert "How the outline was drawn: One county stands in for the zone" in en


def test_exact_site_card_says_how_it_is_known(make_app):
    at = make_app(site="haidian-lab", within="120").run()
    shown = texts(at)
    assert "The facility itself (within about 1 km)" in shown
    assert "Test Road 1, Haidian — a public page" in shown
    assert "Second document (2022), lines 1–2 — doc-b" in shown
    # to an area site: no distance at all; each nearest site is a button that opens it on the map
    assert "Xiong'an Test Hospital — somewhere in Test New Area" in [b.label for b in at.button]
    assert "km from central Beijing (Tiananmen)" in shown
    assert not at.warning  # nothing to warn about: the point is the facility


def test_area_site_card_in_chinese(make_app):
    at = make_app(site="xiongan-hospital", lang="zh").run()
    shown = texts(at)
    assert "位于测试新区内某处：文件未给出其中的具体位置" in shown
    assert "规划中 (我们的推断)" in shown
    assert "测试规划文件 (2023-04-30), 第 3 行 — doc-a" in shown


def test_reset_clears_filters(make_app):
    at = make_app(kind="hospital").run()
    assert "1 of 3 sites match" in texts(at)
    at.button(key="filter_reset").click().run()
    assert "3 of 3 sites match" in texts(at)


def test_bad_data_shows_the_problems_not_a_traceback(make_app, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE, broken)
    text = (broken / "sites.csv").read_text()
    (broken / "sites.csv").write_text(text.replace("116.30,39.96", "x,39.96"))
    at = make_app(broken).run()
    assert not at.exception
    assert "cannot start" in at.error[0].value
    assert "sites.csv:3: lon: 'x' is not a number" in at.code[0].value


def test_amap_draws_sites_in_gcj02_and_osm_in_wgs84(make_app):
    from geodata.gcj02 import wgs84_to_gcj02

    osm = drawn_columns(map_payload(make_app(basemap="osm").run()))
    i = osm["id"].index("haidian-lab")
    assert (osm["lon"][i], osm["lat"][i]) == (116.3, 39.96)
    amap_app = make_app(basemap="amap").run()
    amap = drawn_columns(map_payload(amap_app))
    lon, lat = wgs84_to_gcj02(116.3, 39.96)
    got = (amap["lon"][i], amap["lat"][i])
    assert got == (round(lon, 5), round(lat, 5)) and got != (116.3, 39.96)
    assert "autonavi" in map_args(amap_app)["script"] and "Gaode" in map_args(amap_app)["script"]


def test_amap_click_still_selects_by_id(make_app):
    at = make_app(basemap="amap", site="haidian-lab").run()
    assert "Haidian Cell Lab" in [s.value for s in at.subheader]


def test_tianditu_needs_a_key(make_app, monkeypatch):
    monkeypatch.delenv("JJJ_TIANDITU_KEY", raising=False)
    at = make_app(basemap="tianditu").run()
    assert any("basemap=tianditu" in i.value for i in at.info)
    choice = at.selectbox(key="basemap_choice")
    assert "tianditu" not in choice.options and "JJJ_" not in (choice.help or "")  # no env vars for visitors
    monkeypatch.setenv("JJJ_TIANDITU_KEY", "test-key")
    at = make_app(basemap="tianditu").run()
    assert not any("could not be used" in i.value for i in at.info)
    assert "tianditu.gov.cn" in map_args(at)["script"] and "tk=test-key" in map_args(at)["script"]


def test_unusable_data_folder_is_reported_not_raised(make_app, tmp_path):
    at = make_app(tmp_path / ("x" * 300)).run()
    assert not at.exception
    assert "cannot start" in at.error[0].value and "File name too long" in at.code[0].value


def test_the_sites_file_is_fetched_first(make_app):
    """The first script the map loads starts the sites download (before Leaflet)."""
    at = make_app().run()
    first = map_args(at)["js_links"][0]
    path, _, fragment = first.partition("#")
    assert path.startswith("../../app/static/vendor/jjj/web_helpers-") and path.endswith(".js")
    assert [link.partition("#")[0] for link in map_args(at)["js_links"]].count(path) == 1  # run once
    src, *preloaded = [unquote(part) for part in fragment.split("|")]
    assert src == map_payload(at)["src"]
    assert (ROOT / "static" / "vendor" / "jjj" / path.rsplit("/", 1)[1]).is_file()
    assert any("leaflet.js" in link for link in map_args(at)["js_links"][1:])
    # the scripts and styles the component loads one by one are preloaded side by side, and
    # nothing else (a preload nobody uses is a wasted download)
    assert set(preloaded) == set(map_args(at)["js_links"][1:]) | set(map_args(at)["css_links"])


def test_every_published_file_is_written_again_when_it_has_gone(make_app, monkeypatch):
    """Someone clears static/data while the server runs: the next run publishes again every file
    the map fetches (sites with their places, boundaries, zones, the choropleth's units, the
    user's upload), not only the sites."""
    at = with_upload(make_app(stats="county")).run()

    def published():
        args = map_args(at)
        names = re.findall(r"\.\./\.\./app/static/data/([\w.-]+\.json)", args["script"] + args["feature_group"])
        return {ROOT / "static" / "data" / name for name in names}

    files = published()
    assert {path.name.split("-")[0] for path in files} == {"sites", "boundaries", "zones", "units",
                                                          "upload"}
    for path in files:
        path.unlink()
    monkeypatch.setattr(data, "FILES_CHECKED_EVERY_S", 0)  # the next look comes with this rerun
    at.run()
    assert published() == files and all(path.exists() for path in files)
