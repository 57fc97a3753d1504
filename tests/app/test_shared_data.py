"""The layers are one shared, read-only copy per dataset (components/data.py): no page may change
them, whatever a user does."""

import hashlib
import pickle
from dataclasses import fields

from components import data
from tests.app.conftest import FIXTURE, with_upload

PAGES = ("app_pages/map.py", "app_pages/sites.py", "app_pages/targets.py", "app_pages/sources.py")


def fingerprint(layers) -> dict[str, str]:
    return {f.name: hashlib.sha256(pickle.dumps(getattr(layers, f.name))).hexdigest()
            for f in fields(layers)}


def test_no_page_changes_the_shared_layers(make_app):
    at = with_upload(make_app(lang="zh")).run()
    layers = data._cached_catalog(str(FIXTURE)).layers
    before = fingerprint(layers)
    at.selectbox(key="site_select").set_value("xiongan-hospital").run()
    at.selectbox(key="site_select").set_value("upload-2").run()
    at.multiselect(key="filter_region").set_value(["hebei"]).run()
    at.multiselect(key="filter_focus").set_value(["tcm"]).run()
    at.text_input(key="filter_q").input("hospital").run()
    at.segmented_control(key="lang_switch").set_value("en").run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
    assert data._cached_catalog(str(FIXTURE)).layers is layers  # still the one shared copy
    assert fingerprint(layers) == before
