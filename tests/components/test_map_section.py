"""components/map_section.py: a site pick reruns the map and the card only; any other change made
in the section reruns the whole page. Driven at the protocol level against the real app, as a
browser drives it (a change inside a fragment sends that fragment's id)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from urllib.parse import parse_qs

from bench.browser_driver import running_app
from bench.load_protocol import Session
from components.map_section import changes_only_section
from components.url_state import Analysis, ViewState
from geodata import Filter, load_layers

COUNT = "sites match"
AT_BEIJING = "lat=39.9&lon=116.4&zoom=9"  # a link with a position: no sites-first first run


def test_a_site_or_a_map_move_alone_stays_in_the_section():
    drawn = ViewState(filter=Filter(region=("beijing",)), lat=39.9, lon=116.4, zoom=9)
    assert changes_only_section(drawn, drawn)
    assert changes_only_section(drawn, replace(drawn, site="pla-general-hospital-301"))
    assert changes_only_section(drawn, replace(drawn, lat=40.1, lon=116.0, zoom=12))


def test_anything_else_is_a_change_of_the_whole_page():
    drawn = ViewState(filter=Filter(region=("beijing",)), site="pla-general-hospital-301")
    assert not changes_only_section(None, drawn)  # no full run drew the page yet
    for other in (replace(drawn, filter=Filter()), replace(drawn, lang="zh"),
                  replace(drawn, basemap="carto"), replace(drawn, area="city:Beijing"),
                  replace(drawn, analysis=Analysis(stats="city")),
                  replace(drawn, site=None, analysis=Analysis(stats="city"))):
        assert not changes_only_section(drawn, other), other


def _label_of(session: Session, site_id: str) -> str:
    name = load_layers().sites.set_index("id").loc[site_id, "name_en"]
    return next(o for o in session.widget("site_select").options if o.startswith(name))


def _visit(query: str, steps):
    """`await steps(session)` in one protocol session on the real app, opened at `?query`."""
    async def visit(url):
        session = Session(url)
        session.query_string = query
        await session.connect()
        try:
            return await steps(session)
        finally:
            await session.close()

    with running_app() as url:
        return asyncio.run(visit(url))


def test_a_site_pick_reruns_the_section_and_the_address_follows():
    async def steps(session):
        first = await session.rerun()
        label = _label_of(session, "pla-general-hospital-301")
        session.set_string("site_select", label)
        fragment = session.widget("site_select").fragment
        pick = await session.rerun(fragment)
        return first, fragment, pick, label, session.query_string

    first, fragment, pick, label, query = _visit(f"region=beijing&{AT_BEIJING}", steps)
    assert first.status == "ok" and any(COUNT in m for m in first.markdown)
    assert fragment, "the site list lies in the map's section"
    assert pick.status == "fragment_ok" and not pick.exceptions
    assert any(label.split(" (")[0] in h for h in pick.headings)  # the card shows the site
    assert not any(COUNT in m for m in pick.markdown)  # the sidebar was not drawn again
    params = parse_qs(query)
    assert params["site"] == ["pla-general-hospital-301"] and params["region"] == ["beijing"]


def test_another_change_in_the_section_reruns_the_whole_page():
    async def steps(session):
        await session.rerun()
        colour = session.widget("map_stats_choice")  # colour cities: the analysis changes
        session.set_strings("map_stats_choice", [colour.options[1]])
        section = await session.rerun(colour.fragment)
        whole = await session.next_run()
        return section, whole, session.query_string

    section, whole, query = _visit(AT_BEIJING, steps)
    assert section.status == "early_for_rerun"
    assert whole.status == "ok" and not whole.exceptions
    assert any(COUNT in m for m in whole.markdown)  # the sidebar is drawn with it
    assert parse_qs(query).get("stats") == ["city"]


def test_a_pick_while_the_link_box_is_open_reruns_the_whole_page_and_the_box_shows_it():
    async def steps(session):
        closed = await session.rerun()
        session.set_bool("link_popover", True)  # the user opens "Link to this view"
        opened = await session.rerun()
        session.set_string("site_select", _label_of(session, "pla-general-hospital-301"))
        section = await session.rerun(session.widget("site_select").fragment)
        whole = await session.next_run()
        return closed, opened, section, whole

    closed, opened, section, whole = _visit(f"region=beijing&{AT_BEIJING}", steps)
    assert not closed.codes  # a closed box draws no link: none can lag a pick
    assert len(opened.codes) == 1 and "site=" not in opened.codes[0]
    assert section.status == "early_for_rerun"
    assert whole.status == "ok" and len(whole.codes) == 1
    assert "site=pla-general-hospital-301" in whole.codes[0] and "region=beijing" in whole.codes[0]
