"""Cross-record rules: unique ids, references, places and geometries."""

from tests.geodata.conftest import edit, problems


def test_duplicate_id(data):
    edit(data / "sites.csv", "beidaihe-resort,", "haidian-lab,")
    assert problems(data) == ["sites.csv:4: id: duplicate id 'haidian-lab' (first on line 3)"]


def test_dangling_plan_zone_and_document(data):
    edit(data / "sites.csv", ",plan-a,zone-a,", ",plan-x,zone-x,")
    edit(data / "zones.csv", "Drawn by hand,doc-a", "Drawn by hand,doc-z")
    assert problems(data) == [
        "sites.csv:2: plans: unknown plan 'plan-x'",
        "sites.csv:2: zones: unknown zone 'zone-x'",
        "zones.csv:3: sources: unknown document 'doc-z'",
    ]


def test_dangling_target_subject_and_plan(data):
    edit(data / "targets.csv", "plan-a,zone-a", "plan-q,zone-q")
    assert problems(data) == [
        "targets.csv:2: plan: unknown plan 'plan-q'",
        "targets.csv:2: subject: unknown site or zone 'zone-q'",
    ]


def test_a_text_a_reader_sees_needs_its_chinese_twin(data):
    edit(data / "zones.csv", "Drawn by hand,doc-a:2,,,手绘", "Drawn by hand,doc-a:2,,,")
    edit(data / "targets.csv", "Counted when signed,签约即计入", "Counted when signed,")
    twin = "empty, but {} has text (a 中文 reader would see it in English)"
    assert sorted(problems(data)) == [f"targets.csv:2: note_zh: {twin.format('note')}",
                                      f"zones.csv:3: approximation_zh: {twin.format('approximation')}"]


def test_point_in_the_sea(data):
    edit(data / "sites.csv", "119.48,39.83", "120.30,39.20")
    assert problems(data) == [
        "sites.csv:4: lon: (120.3, 39.2) lies outside Beijing, Tianjin and Hebei"]


def test_point_outside_the_county_it_names(data):
    edit(data / "sites.csv", "116.30,39.96", "116.65,40.13")  # Shunyi, not Haidian
    assert problems(data) == ["sites.csv:3: lon: (116.65, 40.13) lies outside Haidian District"]


def test_unknown_city_and_county(data):
    edit(data / "sites.csv", "hebei,Baoding,Xiong County", "hebei,Baoding,Atlantis County")
    edit(data / "sites.csv", "hebei,Qinhuangdao,", "hebei,Qinhuangtao,")
    assert problems(data) == [
        "sites.csv:2: county: 'Atlantis County' is not a county or district of Baoding",
        "sites.csv:4: city: 'Qinhuangtao' is not a city of hebei",
    ]


def test_zone_with_unknown_boundary(data):
    edit(data / "zones.csv", "admin:hebei-baoding-xiong-county", "admin:hebei-baoding-nowhere")
    assert problems(data) == ["zones.csv:2: geometry: unknown boundary id(s): hebei-baoding-nowhere"]


def test_zone_with_invalid_polygon(data):
    bowtie = "POLYGON((119.4 39.7,119.6 39.9,119.6 39.7,119.4 39.9,119.4 39.7))"
    edit(data / "zones.csv", "POLYGON((119.4 39.7,119.6 39.7,119.6 39.9,119.4 39.9,119.4 39.7))", bowtie)
    [message] = problems(data)
    assert message.startswith("zones.csv:3: geometry: invalid polygon: Self-intersection")


def test_zone_with_malformed_wkt(data):
    edit(data / "zones.csv", "wkt:POLYGON((119.4 39.7,", "wkt:POLYGON((119.4 39.7 ")
    [message] = problems(data)
    assert message.startswith("zones.csv:3: geometry: malformed WKT")


def test_zone_outside_the_region(data):
    edit(data / "zones.csv", "POLYGON((119.4 39.7,119.6 39.7,119.6 39.9,119.4 39.9,119.4 39.7))",
         "POLYGON((121.4 37.7,121.6 37.7,121.6 37.9,121.4 37.9,121.4 37.7))")
    assert problems(data) == ["zones.csv:3: geometry: polygon lies outside Beijing, Tianjin and Hebei"]


def test_plan_years_in_order(data):
    edit(data / "plans.csv", "2018,2020", "2020,2018")
    assert problems(data) == ["plans.csv:3: year_end: 2018 is before year_start 2020"]


def test_zone_and_site_ids_are_distinct(data):
    edit(data / "zones.csv", "zone-b,Drawn Zone", "haidian-lab,Drawn Zone")
    assert problems(data) == ["zones.csv:3: id: 'haidian-lab' is already a site id"]
