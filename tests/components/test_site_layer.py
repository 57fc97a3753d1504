import json

import folium
import pytest

from components.site_layer import clicked_id, compact_json, site_payload, sites_feature_group
from geodata import load_layers
from tests.app.conftest import FIXTURE


@pytest.fixture(scope="module")
def layers():
    return load_layers(FIXTURE)


def test_payload_is_columns_of_plain_values(layers):
    payload = site_payload(layers.sites, layers.vocab, "en", "haidian-lab", fit=True)
    assert payload["id"] == ["beidaihe-resort", "haidian-lab", "xiongan-hospital"]
    assert payload["first"][1] == "Haidian Cell Lab" and payload["second"][1] == "海淀细胞实验室"
    assert payload["lat"][1] == 39.96 and payload["lon"][1] == 116.3
    assert payload["colors"][payload["c"][2]] == layers.vocab.color("kind", "hospital")
    assert payload["exact"] == [0, 0, 0] and payload["selected"] == "haidian-lab"


def test_chinese_puts_chinese_names_first(layers):
    payload = site_payload(layers.sites, layers.vocab, "zh", None, fit=False)
    assert payload["first"][2] == "雄安测试医院" and payload["selected"] == ""


def test_embedded_json_cannot_close_the_script():
    text = compact_json({"name": "</script><script>alert(1)</script>", "x": "\u2028"})
    assert "</script>" not in text and "\u2028" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script>"


def test_rendered_layer_escapes_names_in_the_browser(layers):
    sites = layers.sites.assign(name_en=["<img src=x onerror=alert(1)>", "b", "c"])
    m = folium.Map()
    sites_feature_group(site_payload(sites, layers.vocab, "en", None, fit=False), "Sites").add_to(m)
    script = m.get_root().render()
    assert "<img src=x" in script  # as data inside a JSON string ...
    assert "esc(d.first[i])" in script  # ... and escaped before it becomes tooltip HTML


@pytest.mark.parametrize("text, expected", [
    ("Haidian Cell Lab海淀细胞实验室[[site:haidian-lab]]", ("site", "haidian-lab")),
    ("My site[[upload:u-3]]", ("upload", "u-3")),
    ("Xiong'an New Area Hosts hospitals", None),
    (None, None),
])
def test_clicked_id_reads_the_hidden_id(text, expected):
    assert clicked_id(text) == expected
