"""The Analysis page and the map's analysis overlay, on the fixture data, as a user reads them."""

import base64
import csv
import json
import re
import shutil

import pytest

from geodata.__main__ import main as cli_main
from geodata.paths import SEEDS_DIR
from tests.app.conftest import FIXTURE, map_args, texts


def open_analysis(make_app, **params):
    at = make_app(**params).run()
    at.switch_page("app_pages/analysis.py").run()
    assert not at.exception
    return at


def overlay(at) -> dict | None:
    script = map_args(at)["feature_group"]
    match = re.search(r"var o = (\{.*?\}), map = map_div", script)
    return json.loads(match.group(1)) if match else None


def test_statistics_by_city_then_split_by_kind(make_app):
    at = open_analysis(make_app)
    table = at.dataframe[0].value
    assert dict(zip(table["Place"], table["Sites"])) == {"Beijing": 1, "Baoding": 1, "Qinhuangdao": 1}
    at.selectbox(key="stats_split").set_value("kind").run()
    table = at.dataframe[0].value
    assert {"Hospital", "R&D centre or institute"} <= set(table.columns)
    assert at.query_params["split"] in ("kind", ["kind"])
    assert "stats" not in at.query_params  # the default level stays implicit: the map stays uncoloured
    assert any(b.label == "Download the table (CSV)" for b in at.get("download_button"))


def test_county_level_in_chinese_from_a_link(make_app):
    at = open_analysis(make_app, lang="zh", stats="county", split="focus")
    table = at.dataframe[0].value
    assert list(table.columns[:2]) == ["地区", "站点数"]
    assert "海淀区" in set(table["地区"])
    shown = texts(at)
    assert "按地区统计" in shown and "具有多个产业方向的站点在每个方向下各计一次" in shown


def test_chain_matrix_shows_gaps(make_app):
    at = open_analysis(make_app, chain="1", stats="region")
    frames = [d.value for d in at.dataframe]
    chain = next(f for f in frames if "Research and innovation" in f.columns)
    row = chain.set_index("Place").loc["Beijing"]
    assert row["Research and innovation"] == 1 and row["Elderly care and wellness"] == 0


def test_compare_two_places_side_by_side(make_app):
    at = open_analysis(make_app, compare=["zone-a", "beijing"])
    shown = texts(at)
    assert "Test New Area" in shown and "Beijing" in shown
    assert shown.count("1 matching sites") == 2
    assert "Xiong'an Test Hospital" not in shown  # counts, not a site list
    assert at.query_params["compare"] == ["zone-a", "beijing"]


def small_maps(at) -> list[str]:
    """The comparison's small maps: each an SVG (outline and a dot per occupied cell)."""
    def find(node, out):
        for child in getattr(node, "children", {}).values():
            if getattr(child, "type", "") == "image":
                out.extend(base64.b64decode(i.url.split(",", 1)[1]).decode() for i in child.proto.imgs)
            find(child, out)
        return out
    return find(at.main, [])


def test_compared_places_show_kinds_plans_targets_and_a_small_map(make_app):
    at = open_analysis(make_app, compare=["zone-a", "beijing"])
    shown = texts(at)
    for line in ("**Test New Area** · zone", "**By kind**\n- Hospital: 1", "**Plans**\n- Plan A",
                 "**Targets**\n- Signed projects: at least 20 projects (2023)",
                 "**Beijing** · city", "**By industry focus**\n- Cell and gene therapy: 1\n- Biologics "
                 "and antibodies: 1", "**Plans**\n- Plan B", "**Targets**\n- none"):
        assert line in shown, line
    maps = small_maps(at)
    assert len(maps) == 2 and all(m.startswith("<svg") and "<path d=\"M" in m for m in maps)
    assert maps[1].count("<circle") == 1  # Beijing: its one site with a point (the lab)
    assert maps[0].count("<circle") == 0  # the zone's site is somewhere in it: no dot
    at = open_analysis(make_app, compare=["beijing", "zone-a"], lang="zh")
    shown = texts(at)
    assert "**北京市** · 城市" in shown and "- 规划乙" in shown
    assert "**测试新区** · 区域" in shown and "- 签约项目: 不少于 20 个 (2023)" in shown


def test_bad_analysis_values_are_named(make_app):
    at = open_analysis(make_app, stats="planet", compare=["atlantis"], near="0,0")
    assert "stats=planet" in texts(at) and "compare=atlantis" in texts(at) and "near=0,0" in texts(at)


def test_near_a_point_in_both_languages(make_app):
    at = open_analysis(make_app, near="39.96,116.30", within="5")
    assert "within 5 km of the point 39.9600, 116.3000" in texts(at)
    assert "not placed at a distance" in texts(at)
    at = open_analysis(make_app, near="39.96,116.30", within="5", lang="zh")
    assert "周边 5 公里内" in texts(at)


def test_map_page_draws_the_choropleth_and_the_ring(make_app):
    at = make_app(stats="county", near="39.96,116.30", within="12").run()
    assert not at.exception
    drawn = overlay(at)
    assert drawn["ring"]["m"] == 12000 and drawn["ring"]["lat"] == 39.96
    units = drawn["choropleth"]["units"]
    assert units["beijing-haidian-district"][1] == 1  # the fixture's exact Haidian lab, 0 km away
    assert "Showing sites within 12 km" in texts(at)
    at.button(key="near_clear_map").click().run()
    assert overlay(at)["ring"] is None and "near" not in at.query_params


def test_map_choropleth_counts_follow_the_filters(make_app):
    at = make_app(stats="city").run()
    units = overlay(at)["choropleth"]["units"]
    assert units["beijing"][1] == 1 and units["hebei-baoding"][1] == 1 and units["hebei-tangshan"][1] == 0
    at = make_app(stats="city", region="beijing", lang="zh").run()
    drawn = overlay(at)["choropleth"]
    assert drawn["units"]["hebei-baoding"][1] == 0 and drawn["title"] == "各城市符合条件的站点数"


def test_search_here_after_a_click_on_the_map(make_app):
    at = make_app().run()
    at.session_state["map_point"] = (39.95, 116.31)  # as the map's report leaves it
    at.run()
    assert "You clicked the map at 39.9500, 116.3100." in texts(at)
    at.button(key="near_here").click().run()
    assert at.query_params["near"] in ("39.95000,116.31000", ["39.95000,116.31000"])
    assert overlay(at)["ring"]["m"] == 15000
    assert "You clicked the map" not in texts(at)


def near_buttons(at) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("near_open_")]


def test_the_card_lists_the_nearest_sites_and_opens_them(make_app):
    at = make_app(site="haidian-lab").run()
    assert not at.exception
    labels = near_buttons(at)
    # one list: the sites with a point, with distances; the test area (~100 km) is beyond 15 km
    assert len(labels) == 1 and labels[0].startswith("Beidaihe Wellness Resort — ")
    km = float(labels[0].split(" — ")[1].split()[0])
    assert 260 < km < 285  # Haidian to Beidaihe as the crow flies
    assert "Nearest other sites" not in texts(at)  # the card's old second list is gone
    at.button(key="near_open_beidaihe-resort").click().run()
    assert at.query_params["site"] in ("beidaihe-resort", ["beidaihe-resort"])
    assert "Beidaihe Wellness Resort" in [s.value for s in at.subheader]  # its card now
    assert near_buttons(at)[0].startswith("Haidian Cell Lab — 271")
    at.button(key="near_card_search").click().run()
    assert at.query_params["near"] in ("beidaihe-resort", ["beidaihe-resort"])
    assert "Showing sites within 15 km of Beidaihe Wellness Resort" in texts(at)


def test_the_nearest_sites_in_chinese(make_app):
    # within 150 km the test area comes into reach: its site is listed, said to be in the area
    at = make_app(site="haidian-lab", lang="zh", within="150").run()
    labels = near_buttons(at)
    # nearest first: the area (its edge ~100 km away) before Beidaihe (271 km); no km for the area
    assert labels[0] == "雄安测试医院 — 位于测试新区内（具体位置未知）"
    assert re.fullmatch(r"北戴河康养项目 — 271\.\d 公里", labels[1]) and len(labels) == 2
    at.button(key="near_open_xiongan-hospital").click().run()  # an area site opens too
    assert at.query_params["site"] in ("xiongan-hospital", ["xiongan-hospital"])
    assert "该站点仅知其所在区域，不给出与其他站点的距离。" in texts(at)
    assert not [b for b in at.button if b.key == "near_card_search"]
    assert not any("km" in label or "公里" in label for label in near_buttons(at))


def test_an_area_site_gets_no_distances(make_app):
    at = make_app(site="xiongan-hospital").run()
    assert "This site's position is only known as its area: no distances are given from it." in texts(at)
    assert not near_buttons(at)  # no other site shares its area in the fixture
    assert "No other site shown on the map is near it." in texts(at)
    assert not [b for b in at.button if b.key == "near_card_search"]


def test_an_area_site_lists_the_others_in_its_area(make_app, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    rows = (data / "sites.csv").read_text(encoding="utf-8").splitlines()
    twin = next(r for r in rows if r.startswith("xiongan-hospital,"))
    rows.append(twin.replace("xiongan-hospital,Xiong'an Test Hospital,雄安测试医院",
                             "xiongan-clinic,Xiong'an Test Clinic,雄安测试诊所", 1))
    (data / "sites.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    at = make_app(data, site="xiongan-hospital").run()
    assert not at.exception
    assert near_buttons(at) == ["Xiong'an Test Clinic — in the same area"]


def test_near_a_site_in_chinese_lists_distances_and_areas_within_reach(make_app):
    at = make_app(near="haidian-lab", within="300", lang="zh").run()
    at.switch_page("app_pages/analysis.py").run()
    shown = texts(at)
    assert "海淀细胞实验室 周边 300 公里内有 1 个位置确切的站点" in shown
    assert "另有 1 个站点位于延伸至 300 公里范围内的区域中，具体距离未知：雄安测试医院" in shown
    table = next(d for d in at.dataframe if "距离（公里）" in d.value.columns)
    assert list(table.value["id"]) == ["beidaihe-resort"]  # what a row opens
    assert list(table.proto.column_order) == ["名称", "类型", "距离（公里）"]  # what a reader sees


def test_a_site_centre_stays_shown_with_its_neighbours(make_app):
    from tests.app.conftest import map_site_ids
    at = make_app(site="haidian-lab", near="haidian-lab", within="300").run()
    assert sorted(map_site_ids(at)) == ["beidaihe-resort", "haidian-lab"]
    assert "hidden by the current filters" not in texts(at)


@pytest.mark.parametrize("near", ["39.9087,116.3975", "pla-general-hospital-301"])
def test_the_cli_exports_the_same_near_set_as_the_app_lists(make_app, tmp_path, near):
    """`near` and `within` in the app (the Sites page's list) and in `geodata export`: one set."""
    at = make_app(SEEDS_DIR, near=near, within="30").run()
    at.switch_page("app_pages/sites.py").run()
    assert not at.exception
    shown = set(at.dataframe[0].value["id"])
    out = tmp_path / "near.csv"
    assert cli_main(["export", str(out), "--near", near, "--within", "30"]) == 0
    with out.open(encoding="utf-8") as f:
        exported = {row["id"] for row in csv.DictReader(f)}
    assert shown == exported and len(shown) >= 2


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_search_finds_every_spelling_in_the_app(make_app, lang):
    """The sidebar search, on the curated data: pinyin, spacing and the apostrophe do not matter;
    each finds every site named 雄安 (and the few whose English text names Xiong'an)."""
    found = {q: listed(make_app, q, lang) for q in ("xiongan", "xiong an", "Xiong'an", "雄安")}
    assert found["xiongan"] == found["xiong an"] == found["Xiong'an"]
    assert found["雄安"] and found["雄安"] <= found["xiongan"]
    assert listed(make_app, "stem cell", lang) == listed(make_app, "stem-cell", lang) != set()
    assert listed(make_app, "Cell therapy", lang)  # the label says "Cell and gene therapy"


def listed(make_app, q: str, lang: str) -> set[str]:
    """The ids the Sites page lists for this search (the link keeps it)."""
    at = make_app(SEEDS_DIR, q=q, lang=lang).run()
    at.switch_page("app_pages/sites.py").run()
    assert not at.exception and at.query_params["q"] in (q, [q])
    return set(at.dataframe[0].value["id"]) if at.dataframe else set()


def test_a_failing_section_is_confined_to_itself(make_app, monkeypatch):
    """A section (fragment) runs under its own guard: a short message in its place, the rest of
    the page drawn, no traceback."""
    import components.stats_view

    def broken(*args, **kwargs):
        raise RuntimeError("statistics broke")

    monkeypatch.setattr(components.stats_view, "stats_frame", broken)
    at = open_analysis(make_app, compare=["zone-a", "beijing"])
    shown = texts(at)
    assert any(e.value.startswith("Something went wrong while drawing this page") for e in at.error)
    assert "statistics broke" not in shown and "Traceback" not in shown
    assert "What is near" in shown and shown.count("1 matching sites") == 2  # the others drawn
