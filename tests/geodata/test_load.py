"""Per-cell and per-file rules: each broken fixture gives exactly one precise message."""

from geodata import load_layers
from tests.geodata.conftest import edit, problems


def test_fixture_is_valid(data):
    layers = load_layers(data)
    assert list(layers.sites["id"]) == ["beidaihe-resort", "haidian-lab", "xiongan-hospital"]
    assert len(layers.zones) == 2 and len(layers.targets) == 2


def test_missing_column(data):
    edit(data / "sites.csv", "county,precision,", "county,")
    assert "sites.csv:1: precision: required column is missing" in problems(data)


def test_unknown_column(data):
    edit(data / "plans.csv", ",note_zh\n", ",note_zh,extra\n")
    edit(data / "plans.csv", "2035,doc-a:1,,", "2035,doc-a:1,,,")
    edit(data / "plans.csv", "2020,doc-b:2,,", "2020,doc-b:2,,,")
    assert problems(data) == ["plans.csv:1: extra: unknown column"]


def test_empty_required_value(data):
    edit(data / "sites.csv", "Haidian Cell Lab,海淀细胞实验室", "Haidian Cell Lab,")
    assert problems(data) == ["sites.csv:3: name_zh: required value is empty"]


def test_unknown_vocabulary_term(data):
    edit(data / "sites.csv", "cell_gene_therapy;biologics", "cell_gene_therapy;magic")
    [message] = problems(data)
    assert message.startswith("sites.csv:3: focus: 'magic' is not a known focus (one of: ")


def test_malformed_number(data):
    edit(data / "sites.csv", "116.30,39.96", "116.3O,39.96")
    assert problems(data) == ["sites.csv:3: lon: '116.3O' is not a number"]


def test_not_a_whole_number(data):
    edit(data / "plans.csv", "2023,2035", "2023,2035.5")
    assert problems(data) == ["plans.csv:2: year_end: '2035.5' is not a whole number"]


def test_bad_slug(data):
    edit(data / "sites.csv", "haidian-lab,", "Haidian_Lab,")
    assert "sites.csv:3: id: 'Haidian_Lab' is not a lowercase slug (letters, digits and single hyphens)" \
        in problems(data)


def test_bad_boolean_and_date(data):
    edit(data / "documents.csv", "2023-04-30,zh,false", "30/04/2023,zh,maybe")
    assert problems(data) == [
        "documents.csv:2: date: '30/04/2023' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "documents.csv:2: machine_translation: 'maybe' is not true or false",
    ]


def test_empty_list_item(data):
    edit(data / "sites.csv", "health_tourism;elderly_care", "health_tourism;;elderly_care")
    assert problems(data) == [
        "sites.csv:4: focus: 'health_tourism;;elderly_care' has an empty item (lists are ';'-separated)"]


def test_wrong_field_count(data):
    edit(data / "targets.csv", "2020,doc-b:2,,", "2020,doc-b:2,")
    assert problems(data) == ["targets.csv:3: -: row has 13 fields, the header has 14"]


def test_not_utf8(data):
    path = data / "zones.csv"
    path.write_bytes(path.read_bytes().replace("测试新区".encode(), "测试新区".encode("gbk")))
    [message] = problems(data)
    assert message.startswith("zones.csv:2: -: not UTF-8 text (byte 0x")


def test_missing_and_empty_files(data):
    (data / "targets.csv").unlink()
    (data / "plans.csv").write_text("", encoding="utf-8")
    found = problems(data)
    assert "targets.csv:0: -: file is missing" in found
    assert "plans.csv:1: -: file is empty (no header row)" in found


def test_every_problem_is_listed_not_only_the_first(data):
    edit(data / "sites.csv", "116.30,39.96", "x,39.96")
    edit(data / "sites.csv", "wellness_resort", "spa")
    edit(data / "targets.csv", ",>=,", ",≥,")
    found = problems(data)
    assert len(found) == 3
    assert found == sorted(found)
