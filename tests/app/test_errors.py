"""What a visitor sees when something is broken: a short message, never a traceback or internals."""

import shutil
import tomllib

from geodata.paths import SEEDS_DIR
from tests.app.conftest import FIXTURE, ROOT, texts


def test_error_details_are_off_for_visitors():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_an_unexpected_error_is_a_short_message(make_app, monkeypatch):
    import components.site_card

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'get'")

    monkeypatch.setattr(components.site_card, "render_site_card", broken)
    at = make_app().run()
    assert not at.exception
    [error] = at.error
    assert error.value.startswith("Something went wrong while drawing this page; please reload it.")
    assert "NoneType" not in texts(at) and "Traceback" not in texts(at)


def test_a_broken_boundary_file_lists_its_problems(make_app, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    text = (SEEDS_DIR / "boundaries.geojson").read_text(encoding="utf-8").split("\n")
    text[7] = text[7].replace('"level":"county"', '"level":""').replace('"level":"prefecture"', '"level":""')
    (data / "boundaries.geojson").write_text("\n".join(text), encoding="utf-8")
    at = make_app(data).run()
    assert not at.exception
    shown = texts(at)
    assert "boundaries.geojson:8: level: missing is not a level (one of: province, prefecture, county)" in shown
    assert "Traceback" not in shown and str(tmp_path) not in shown


def test_a_broken_vocabulary_lists_its_problems_in_chinese_page(make_app, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    vocab = (SEEDS_DIR / "vocab.yaml").read_text(encoding="utf-8")
    (data / "vocab.yaml").write_text(vocab.replace("status:\n", "status: [planned, built]\nold:\n", 1),
                                     encoding="utf-8")
    at = make_app(data, lang="zh").run()
    assert not at.exception
    line = next(i for i, t in enumerate(vocab.split("\n"), 1) if t.startswith("status:"))
    assert f"vocab.yaml:{line}: status: must map each term's key to its labels (en, zh, color), not a list" \
        in texts(at)


def test_an_over_long_link_gets_a_notice(make_app):
    """L4: the browser reports a query Streamlit dropped (over 1,000 parameters) as params_dropped."""
    at = make_app(params_dropped="1500", lang="zh").run()
    assert not at.exception
    assert "该链接含 1,500 个参数，超过本应用可读取的 1,000 个" in texts(at)
    assert "params_dropped" not in at.query_params  # the URL is the view's again


def test_the_watch_runs_only_in_sessions_opened_without_parameters(make_app):
    script = lambda at: [f for f in at.get("html") if "params_dropped" in str(f.proto)]  # noqa: E731
    at = make_app().run()
    assert len(script(at)) == 1
    assert script(make_app(region="beijing").run()) == []
