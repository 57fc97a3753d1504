"""Users' own sites on the pages (the browser test drives the real file input)."""

from geodata import load_layers
from geodata.upload import read_upload
from tests.app.conftest import FIXTURE, drawn_columns, map_args, map_payloads, texts

CSV = ("name,经度,纬度,kind,focus\n"
       "My clinic,116.40,39.90,hospital,中医药\n"
       "In the sea,121.0,38.5,hospital,tcm\n"
       "Mystery,116.20,39.80,castle,\n").encode()


def with_upload(at):
    layers = load_layers(FIXTURE)
    at.session_state["upload"] = {"name": "mine.csv",
                                  "result": read_upload("mine.csv", CSV, layers.vocab, layers.boundaries)}
    return at


def test_upload_is_its_own_layer_and_leaves_the_rest_alone(make_app):
    at = with_upload(make_app(region="beijing", lat="39.9", lon="116.4", zoom="9")).run()
    assert not at.exception
    curated, own = map_payloads(at)
    assert own["layer"] == "upload" and own["legend"] == "Your sites (2)"
    assert drawn_columns(own)["en"] == ["My clinic", "Mystery"]
    assert curated["layer"] == "site" and drawn_columns(curated)["id"] == ["haidian-lab"]
    shown = texts(at)
    assert "mine.csv: 2 sites shown as their own layer." in shown
    assert "row 2: lon: (121.0, 38.5) lies outside Beijing, Tianjin and Hebei" in shown
    assert "row 3: kind: 'castle' is not a known kind" in shown
    assert at.multiselect(key="filter_region").value == ["beijing"]  # filters untouched
    assert map_args(at)["center"] == [39.9, 116.4]  # and the map view too


def test_uploaded_site_gets_a_card_and_is_filtered_and_exported(make_app):
    at = with_upload(make_app()).run()
    at.selectbox(key="site_select").set_value("upload-1").run()
    assert "My clinic" in [s.value for s in at.subheader]
    assert "Uploaded by you" in texts(at)
    at.text_input(key="filter_q").input("clinic").run()
    at.switch_page("app_pages/sites.py").run()
    [table] = at.dataframe
    assert list(table.value["id"]) == ["upload-1"]


def test_bad_file_gets_one_clear_message(make_app):
    at = make_app()
    layers = load_layers(FIXTURE)
    at.session_state["upload"] = {"name": "x.csv", "result": read_upload("x.csv", b"\x89PNG\x00\x01",
                                                                         layers.vocab, layers.boundaries)}
    at.run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("x\\.csv cannot be used:")


def test_the_uploader_opens_on_request(make_app):
    at = make_app(region="beijing").run()
    assert not at.get("file_uploader")  # the first screen carries only the button
    at.button(key="upload_open_button").click().run()
    assert at.get("file_uploader") and "stays in this browser session only" in texts(at)
    assert at.multiselect(key="filter_region").value == ["beijing"]  # nothing else changed
