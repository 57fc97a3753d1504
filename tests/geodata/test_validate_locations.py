"""The location rules on broken copies of the fixture: each rule fails with file:line: field."""

import pytest

from geodata import load_layers
from tests.geodata.conftest import edit
from tests.geodata.conftest import problems

LAB = 'Haidian District,exact,,"Test Road 1, Haidian — a public page",,116.30,39.96,doc-b:1-2,'
AREA = "Xiong County,area,zone-a,doc-a:3 places it in the new area,,,,doc-a:3,status"


def test_the_fixture_has_every_precision_and_is_valid(data):
    edit(data / "sites.csv", LAB, ',city,,doc-b:1 names only the city,,,,doc-b:1-2,')
    sites = load_layers(data).sites.set_index("id")
    assert list(sites["precision"]) == ["exact", "city", "area"]


@pytest.mark.parametrize("old, new, expected", [
    (LAB, LAB.replace("exact", ""), "sites.csv:3: precision: required value is empty"),
    (LAB, LAB.replace("exact", "approximate"),
     "sites.csv:3: precision: 'approximate' is not a known precision (one of: exact, area, city)"),
    (LAB, LAB.replace('"Test Road 1, Haidian — a public page"', ""),
     "sites.csv:3: located_by: required value is empty"),
    (LAB, LAB.replace("116.30,39.96", ","),
     "sites.csv:3: lon: required for an exact site (the facility's own point)"),
    (AREA, AREA.replace(",,,,doc-a:3", ",,116.1,39.0,doc-a:3"),
     "sites.csv:2: lon: must be empty: an area site has no point of its own"),
    (AREA, AREA.replace("area,zone-a", "area,"),
     "sites.csv:2: area: required when precision is 'area'"),
    (AREA, AREA.replace("area,zone-a", "area,atlantis"),
     "sites.csv:2: area: 'atlantis' is neither a zone nor a boundary unit id"),
    (AREA, AREA.replace("area,zone-a", "area,hebei-qinhuangdao-changli-county"),
     "sites.csv:2: area: 'hebei-qinhuangdao-changli-county' does not overlap Baoding"),
    (LAB, LAB.replace("exact,,", "exact,zone-a,"),
     "sites.csv:3: area: must be empty unless precision is 'area'"),
    (LAB, LAB.replace("exact,", "city,").replace("116.30,39.96", ","),
     "sites.csv:3: city: 'Beijing' has no urban core in cities.csv"),
    (LAB, LAB.replace("doc-b:1-2", "doc-b"), "sites.csv:3: sources: 'doc-b' is not DOC:LINE or DOC:FIRST-LAST"),
    (LAB, LAB.replace("doc-b:1-2", "doc-b:19-21"), "sites.csv:3: sources: 'doc-b:19-21': doc-b has only 20 lines"),
    (LAB, LAB.replace("doc-b:1-2", "doc-b:9-3"), "sites.csv:3: sources: 'doc-b:9-3': line 3 is before line 9"),
    (LAB, LAB.replace("doc-b:1-2", "doc-z:4"), "sites.csv:3: sources: unknown document 'doc-z'"),
    (AREA, AREA.replace(",status", ",colour"), "sites.csv:2: inferred: 'colour' is not a field of sites.csv"),
])
def test_site_location_rules(data, old, new, expected):
    if "no urban core" in expected:  # a data set without Beijing's urban core
        (data / "cities.csv").write_text("id,region,name_en,name_zh,lon,lat,located_by,located_by_zh\n", encoding="utf-8")
    edit(data / "sites.csv", old, new)
    found = problems(data)
    assert [p for p in found if p.startswith(expected)] and len(found) == 1, found


def test_a_site_must_say_in_chinese_how_its_place_is_known(data):
    edit(data / "sites.csv", ",海淀区测试路1号——一个公开网页", ",")
    assert problems(data) == ["sites.csv:3: located_by_zh: required value is empty"]


def test_two_exact_sites_within_50_m_are_one_place_said_twice(data):
    resort = "Beidaihe District,exact,,general knowledge,,119.48,39.83"
    edit(data / "sites.csv", LAB, LAB.replace("Haidian District", "Beidaihe District")
         .replace("beijing,Beijing", "hebei,Qinhuangdao").replace("116.30,39.96", "119.4803,39.83"))
    edit(data / "sites.csv", "plan-b,,beijing,Beijing", "plan-b,,hebei,Qinhuangdao")
    assert problems(data) == ["sites.csv:4: lon: within 26 m of 'haidian-lab' (line 3): "
                              "name it in same_place_as if it is the same place"]
    edit(data / "sites.csv", resort, resort.replace("knowledge,,", "knowledge,haidian-lab,"))
    assert len(load_layers(data).sites) == 3  # linked: valid


def test_same_place_as_links_exact_sites_only(data):
    edit(data / "sites.csv", AREA, AREA.replace("new area,,", "new area,haidian-lab,"))
    assert problems(data) == ["sites.csv:2: same_place_as: only an exact site can share another's place"]


def test_same_place_as_names_a_known_site(data):
    edit(data / "sites.csv", LAB, LAB.replace("page\",,", "page\",no-such-site,"))
    assert problems(data) == ["sites.csv:3: same_place_as: unknown site 'no-such-site'"]


def test_urban_core_lies_in_its_city(data):
    (data / "cities.csv").write_text(
        "id,region,name_en,name_zh,lon,lat,located_by,located_by_zh\n"
        "beijing,beijing,Beijing,北京,119.0,39.9,general knowledge,常识\n"
        "tianjin,tianjin,Tianjn,天津,117.19,39.12,general knowledge,常识\n", encoding="utf-8")
    assert problems(data) == ["cities.csv:2: lon: (119.0, 39.9) lies outside Beijing",
                              "cities.csv:3: name_en: 'Tianjn' is not a city of tianjin"]


def test_target_needs_a_plan_or_a_subject(data):
    edit(data / "targets.csv", "t-revenue,plan-b,,", "t-revenue,,,")
    assert problems(data) == ["targets.csv:3: plan: empty, and so is subject (one is needed)"]


def test_target_may_name_only_its_subject(data):
    edit(data / "targets.csv", "t-projects-2023,plan-a,zone-a", "t-projects-2023,,zone-a")
    assert load_layers(data).targets["plan"][0] == ""


def test_documents_declare_their_length(data):
    edit(data / "documents.csv", "region,lines,", "region,")
    edit(data / "documents.csv", "hebei,40,", "hebei,")
    edit(data / "documents.csv", "beijing,20,", "beijing,")
    assert "documents.csv:1: lines: required column is missing" in problems(data)


@pytest.mark.parametrize("old, new, expected", [
    ("item-forum,plan-a,forum", "item-forum,plan-a,parade",
     "items.csv:2: kind: 'parade' is not a known item_kind"),
    ("item-forum,plan-a,", "item-forum,plan-q,", "items.csv:2: plan: unknown plan 'plan-q'"),
    ("item-forum,plan-a,", "item-forum,,", "items.csv:2: plan: required value is empty"),
    ("doc-a:7,year", "doc-a:41,year", "items.csv:2: sources: 'doc-a:41': doc-a has only 40 lines"),
])
def test_item_rules(data, old, new, expected):
    edit(data / "items.csv", old, new)
    found = problems(data)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_items_are_loaded_as_records(data):
    items = load_layers(data).items
    assert list(items["id"]) == ["item-forum"] and items["inferred"][0] == ("year",)
