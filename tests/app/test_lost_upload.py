"""An upload lost with its server session (a replica died, the page was reloaded) is said, in the
user's language, with the uploader open; the URL's `upload=1` marker follows the session's upload.
The deployment test (tests/deploy/test_run_local.py) loses one for real by killing a replica."""

from geodata.i18n import STRINGS
from tests.app.conftest import map_payloads, texts, with_upload

LOST_EN, LOST_ZH = STRINGS["upload_lost"]


def _param(at, name):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) and value else value


def test_a_shown_upload_puts_its_marker_in_the_url(make_app):
    at = with_upload(make_app(region="beijing")).run()
    assert not at.exception
    assert _param(at, "upload") == "1"
    assert LOST_EN not in texts(at)  # the upload is here: nothing lost


def test_a_session_without_the_upload_says_so_in_the_users_language(make_app):
    at = make_app(region="beijing", lang="zh", upload="1").run()  # e.g. a reconnect to another replica
    assert not at.exception
    [warning] = at.warning
    assert warning.value == LOST_ZH
    assert at.button(key="upload_lost_dismiss").proto.label == "不再提示"
    assert at.get("file_uploader")  # the uploader is open, ready for the file
    assert [p["layer"] for p in map_payloads(at)] == ["site"]  # no stale layer of "your sites"
    assert _param(at, "upload") == "1" and _param(at, "region") == "beijing"  # the view kept


def test_dismissing_the_notice_drops_the_marker(make_app):
    at = make_app(upload="1").run()
    assert [w.value for w in at.warning] == [LOST_EN]
    at.button(key="upload_lost_dismiss").click().run()
    assert not at.warning and _param(at, "upload") is None
    assert LOST_EN not in texts(at)


def test_uploading_again_ends_the_notice_and_keeps_the_marker(make_app):
    at = make_app(upload="1").run()
    assert [w.value for w in at.warning] == [LOST_EN]
    with_upload(at).run()
    assert LOST_EN not in texts(at) and "mine.csv: 2 sites shown" in texts(at)
    assert _param(at, "upload") == "1"


def test_the_notice_shows_on_other_pages_too(make_app):
    at = make_app(upload="1", lang="zh")
    at.switch_page("app_pages/sites.py").run()
    assert [w.value for w in at.warning] == [LOST_ZH]
