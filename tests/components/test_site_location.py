"""How a site's place is known, as its card words it."""

from components.site_location import mark_inferred


def test_inferred_fields_are_named_as_a_reader_calls_them():
    site = {"inferred": ("name_zh", "status")}
    zh = mark_inferred([("状态", "规划中")], site, "zh")
    assert zh == [("状态", "规划中 (我们的推断)"), ("我们的推断", "中文名称")]  # never 'name_zh'
    en = mark_inferred([("Status", "Planned")], site, "en")
    assert en[-1] == ("Our inference", "Chinese name")
