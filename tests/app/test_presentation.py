"""Presentation mode on the fixture data: the bar, the steps and the URL, as AppTest sees them."""

from tests.app.conftest import texts


def bar_text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_present_link_opens_the_tour_without_widgets_and_steps_through_the_sites(make_app):
    at = make_app(present="1", region="hebei").run()
    assert not at.exception
    assert "site_select" not in [s.key for s in at.selectbox]  # no chooser: the card only
    assert "2 sites: press → to start" in bar_text(at)
    at.button(key="present_next").click().run()
    assert at.query_params["site"] == "beidaihe-resort" and at.query_params["present"] == "1"
    assert at.button(key="present_prev").disabled  # the first site: nothing before it
    assert "Site 1 of 2" in bar_text(at) and "Beidaihe Wellness Resort" in texts(at)
    at.button(key="present_next").click().run()
    assert at.query_params["site"] == "xiongan-hospital"
    assert at.button(key="present_next").disabled  # the tour stops at its end
    at.button(key="present_prev").click().run()
    assert at.query_params["site"] == "beidaihe-resort"
    at.button(key="present_exit").click().run()
    assert "present" not in at.query_params and at.query_params["site"] == "beidaihe-resort"


def test_present_button_enters_presentation_mode_in_chinese(make_app):
    at = make_app(lang="zh").run()
    at.button(key="present_start").click().run()
    assert at.query_params["present"] == "1"
    assert "共 3 个站点：按 → 键开始" in bar_text(at)


def test_present_from_another_page_opens_the_map(make_app):
    at = make_app().run()
    at.switch_page("app_pages/sites.py").run()
    at.button(key="present_start").click().run()
    assert not at.exception
    assert "3 sites: press → to start" in bar_text(at) and at.query_params["present"] == "1"
