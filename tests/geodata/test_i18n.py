import re
import string

import pytest

from geodata.i18n import STRINGS, both, name, t


def test_every_string_has_both_languages_with_the_same_placeholders():
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}
    for key, (en, zh) in STRINGS.items():
        assert en.strip() and zh.strip(), key
        assert fields(en) == fields(zh), key
        assert re.search(r"[\u4e00-\u9fff]", zh) or en == zh or key.startswith("basemap_"), key


def test_t_formats_in_the_chosen_language():
    assert t("match_count", "en", n=3, total=9) == "3 of 9 sites match"
    assert t("match_count", "zh", n=3, total=9) == "9 个站点中有 3 个符合条件"
    assert both("loading").startswith("Loading") and "正在加载" in both("loading")


def test_name_falls_back_to_the_other_language():
    assert name({"name_en": "", "name_zh": "雄安"}, "en") == "雄安"
    assert name({"name_en": "Xiong'an", "name_zh": "雄安"}, "zh") == "雄安"


def test_components_reexport_the_same_table():
    from components import i18n

    assert i18n.t is t and i18n.STRINGS is STRINGS
    with pytest.raises(KeyError):
        t("no such key")


@pytest.mark.parametrize("value, text", [(1200, "1,200"), (2.5, "2.5"), (3.10, "3.1"), (1e6, "1,000,000"),
                                         (7.0, "7")])
def test_number_text(value, text):
    from geodata.i18n import number_text

    assert number_text(value) == text


def test_a_data_text_in_chinese_falls_back_to_english_never_the_reverse():
    from geodata.i18n import in_lang
    assert in_lang("Plan", "规划", "zh") == "规划" and in_lang("Plan", "", "zh") == "Plan"
    assert in_lang("Plan", "规划", "en") == "Plan" and in_lang("", "规划", "en") == ""
