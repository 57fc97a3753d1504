import gzip
import json

from components.site_data_file import publish, unpublish
from components.site_layer import site_columns
from geodata import load_layers
from tests.app.conftest import FIXTURE


def test_publish_is_content_addressed(tmp_path):
    layers = load_layers(FIXTURE)
    columns = site_columns(layers.sites, layers.vocab)
    url, path = publish(columns, tmp_path)
    assert url.startswith("../../app/static/data/sites-") and path.exists()
    assert json.loads(path.read_text()) == columns
    assert publish(columns, tmp_path) == (url, path)
    other, _ = publish({**columns, "en": ["a", "b", "c"]}, tmp_path)
    assert other != url


def test_the_gzip_twin_holds_the_same_json_and_the_same_bytes_everywhere(tmp_path):
    data = {"id": ["雄安", "a"], "lat": [39.0, 38.9]}
    _, path = publish(data, tmp_path / "one")
    twin = path.with_name(path.name + ".gz")
    assert json.loads(gzip.decompress(twin.read_bytes())) == data
    _, elsewhere = publish(data, tmp_path / "two")  # another replica or machine, another time
    assert elsewhere.with_name(twin.name).read_bytes() == twin.read_bytes()


def test_a_twin_that_has_gone_is_written_again(tmp_path):
    _, path = publish({"id": ["a"]}, tmp_path)
    twin = path.with_name(path.name + ".gz")
    twin.unlink()
    publish({"id": ["a"]}, tmp_path)
    assert json.loads(gzip.decompress(twin.read_bytes())) == {"id": ["a"]}


def test_unpublish_removes_the_file_and_its_twin(tmp_path):
    _, path = publish({"id": ["mine"]}, tmp_path, prefix="upload-x")
    unpublish(path)
    assert list(tmp_path.iterdir()) == []
