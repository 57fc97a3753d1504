import pytest

from components.site_layer import clicked_id, layer_options, shared_payload, site_columns
from geodata import load_layers
from tests.app.conftest import FIXTURE


@pytest.fixture(scope="module")
def layers():
    return load_layers(FIXTURE)


def test_columns_are_plain_values(layers):
    columns = site_columns(layers.sites, layers.vocab)
    assert columns["id"] == ["beidaihe-resort", "haidian-lab", "xiongan-hospital"]
    assert columns["en"][1] == "Haidian Cell Lab" and columns["zh"][1] == "海淀细胞实验室"
    assert columns["lat"][1] == 39.96 and columns["lon"][1] == 116.3
    assert columns["exact"] == [1, 1, 0]
    options = layer_options(layers.vocab, "en", "haidian-lab", fit=True)
    assert options["colors"][columns["c"][2]] == layers.vocab.color("kind", "hospital")
    assert options["selected"] == "haidian-lab"


def test_shared_payload_sends_rows_as_deltas(layers):
    payload = shared_payload("x.json", [0, 2, 7, 8], layer_options(layers.vocab, "zh", None, False))
    assert payload["rows"] == [0, 2, 5, 1] and payload["n"] == 4 and payload["lang"] == "zh"
    assert "id" not in payload  # names and ids travel once, in the published file


def test_shared_payload_of_every_row_sends_no_rows(layers):
    options = layer_options(layers.vocab, "en", None, False)
    every = shared_payload("x.json", [0, 1, 2, 3], options, of=4)
    assert every["rows"] is None and every["n"] == 4  # the browser draws every row of the file
    assert shared_payload("x.json", [0, 1, 3], options, of=4)["rows"] == [0, 1, 2]


@pytest.mark.parametrize("text, expected", [
    ("Haidian Cell Lab海淀细胞实验室[[site:haidian-lab]]", ("site", "haidian-lab")),
    ("My site[[upload:u-3]]", ("upload", "u-3")),
    ("Xiong'an New Area Hosts hospitals", None),
    (None, None),
    # L1: an uploaded name carrying a mark cannot stand in for the marker's own (last) mark
    ("[[site:xiongan-new-area]] decoy[[site:xiongan-new-area]] decoy[[upload:upload-2]]",
     ("upload", "upload-2")),
    ("[[site:xiongan-new-area]] decoy", None),  # a mark that is not the last text is not one
    ("[[site:xiongan-new-area]] decoy\n second name", None),
])
def test_clicked_id_reads_the_hidden_id(text, expected):
    assert clicked_id(text) == expected
