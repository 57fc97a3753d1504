"""The figures table the card and the Plans page share: words in the chosen language, numbers as
people write them, every figure with its source."""

import pytest

from components.target_table import target_table
from geodata import load_layers
from tests.app.conftest import FIXTURE


@pytest.fixture(scope="module")
def layers():
    return load_layers(FIXTURE)


def test_english_and_chinese_rows(layers):
    rows = layers.targets.assign(value=[20, 1234.5], metric_zh=["签约项目", ""])
    en = target_table(layers.vocab, rows, "en")
    zh = target_table(layers.vocab, rows, "zh")
    assert en.iloc[:, 0].tolist() == ["Signed projects", "Revenue"]
    assert zh.iloc[:, 0].tolist() == ["签约项目", "Revenue"]  # no Chinese metric: the English one
    assert en.iloc[:, 1].tolist()[1].endswith(" 1,234.5")
    assert zh.iloc[:, 2].tolist() == ["个", "亿元"] and en.iloc[:, 3].tolist() == ["2023", "2020"]
    assert en.iloc[:, 4].tolist() == ["doc-a L1", "doc-b L2"]  # each figure with its document line
    assert en["Note"].tolist() == ["Counted when signed", ""]
    assert zh["说明"].tolist() == ["签约即计入", ""]  # the note in the reader's language


def test_a_figure_that_is_our_inference_says_so(layers):
    rows = layers.targets.assign(inferred=[("unit_en", "unit_zh"), ()])
    zh = target_table(layers.vocab, rows, "zh")
    assert zh["单位"].tolist() == ["个 (我们的推断)", "亿元"]
    assert target_table(layers.vocab, rows, "en")["Unit"].tolist()[0] == "projects (our inference)"
