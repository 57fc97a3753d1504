"""deploy/run-local: nginx in front of 2 replicas under supervisor, driven as viewers would be.

A replica dies under a viewer (SIGKILL, like a crash): the page reconnects through nginx to the
live replica and keeps its view (filters, language, map position), a site click there works, a
protocol-level session comes back with the same view, and supervisor starts the dead replica
again. Slow (two app servers and a browser): marked `browser`.
"""

from __future__ import annotations

import asyncio
import os
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

import pytest

from bench.deployment import running_deployment
from bench.load_protocol import Session
from bench.load_viewers import first_visit_cookie
from components.i18n import t
from geodata import Filter, apply, data_dir, load_layers
from bench.browser_driver import CHROMIUM, launched_browser, map_frame, page_in, wait_for_sites

pytestmark = pytest.mark.browser

VIEW = {"region": "hebei", "focus": "tcm", "lang": "zh", "lat": "38.6000", "lon": "115.4000",
        "zoom": "8"}


def _require(path: str, package: str) -> None:
    if not os.path.exists(path):
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: the test command installs Debian's {package}")
        pytest.skip(f"{path} is not installed (apt-get install {package})")


@pytest.fixture(scope="module")
def deployment():
    _require(CHROMIUM, "chromium")
    _require("/usr/sbin/nginx", "nginx")
    with running_deployment(replicas=2) as d:
        yield d
    assert d.proc.returncode == 0, d.output[-20:]  # SIGTERM: a clean stop
    for port in [int(urlsplit(d.url).port)] + d.replica_ports:  # and nothing it started is left
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still answers"
    assert not d.run_dir.exists()


@pytest.fixture(scope="module")
def layers():
    return load_layers(data_dir())


def _expected_ids(layers) -> list[str]:
    return sorted(apply(Filter(region=("hebei",), focus=("tcm",)), layers.sites, layers.plans)["id"])


def _holder(d) -> int:
    """The replica holding the one session open so far."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        counts = [d.active_sessions(i) for i in range(len(d.replica_ports))]
        if sorted(counts) == [0, 1]:
            return counts.index(1)
        time.sleep(0.2)
    raise AssertionError(f"expected one session on one replica, got {counts}")


def _click_until_selected(page, frame, site: str, tries: int = 3) -> None:
    """Click a site until the URL names it. A click made while Streamlit's frontend is still
    re-establishing its session is not sent (its own behaviour): a person would click again."""
    for attempt in range(tries):
        # through the map's list of its sites (the keyboard's way): a place badge drawn over a
        # marker would take a mouse click at the marker's point
        frame.evaluate("() => { document.querySelector('.jjj-list').open = true; }")
        frame.locator(f".jjj-list button[data-id='{site}']").click()
        try:
            page.wait_for_function("() => location.search.includes('site=')", timeout=10_000)
            return
        except Exception:  # noqa: BLE001 - not selected yet: click again
            if attempt == tries - 1:
                raise


def _protocol_count(url: str, cookie: str, query: str) -> list[str]:
    async def go():
        session = Session(url, timeout=60, cookie=cookie)
        session.query_string = query
        await session.connect()
        try:
            return (await session.rerun()).markdown
        finally:
            await session.close()
    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API holds this thread's event loop
        return pool.submit(asyncio.run, go()).result(120)


def test_each_replica_runs_on_its_own_cpu(deployment):
    """run-local pins replica i to the i-th usable CPU (deploy/pin_cpu.py), every thread of it."""
    usable = sorted(os.sched_getaffinity(0))
    if len(usable) < 2:
        pytest.skip("one CPU: nothing to pin replicas apart on")
    cpus = [deployment.replica_cpus(i) for i in range(2)]
    assert cpus == [{usable[0]}, {usable[1]}]
    for i in range(2):  # threads started later (the script runner's) inherit the pin
        pid = deployment.replica_pid(i)
        threads = {int(t): _affinity(int(t)) for t in os.listdir(f"/proc/{pid}/task")}
        threads = {t: a for t, a in threads.items() if a is not None}  # one may end meanwhile
        assert len(threads) > 1 and set(map(frozenset, threads.values())) == {frozenset(cpus[i])}


def _affinity(tid: int) -> set[int] | None:
    try:
        return os.sched_getaffinity(tid)
    except ProcessLookupError:
        return None


def test_sessions_spread_over_both_replicas(deployment):
    """Each viewer's cookie picks a replica; different viewers land on both."""
    seen: set[int] = set()
    for i in range(20):
        before = [deployment.active_sessions(r) for r in range(2)]

        async def hold(cookie=f"jjj_replica=viewer-{i}"):
            session = Session(deployment.url, timeout=60, cookie=cookie)
            await session.connect()
            await session.rerun()
            after = [deployment.active_sessions(r) for r in range(2)]
            await session.close()
            return after

        after = asyncio.run(hold())
        seen |= {r for r in range(2) if after[r] > before[r]}
        if seen == {0, 1}:
            break
    assert seen == {0, 1}


def test_new_visitors_are_dealt_to_the_replicas_in_turn(deployment):
    """A first visit gets the cookie of the replica that answered it; new visitors alternate, so
    they split evenly (a hash of random cookies split them by chance), and a visitor's session
    then sits on the replica its cookie names."""
    cookies = [first_visit_cookie(deployment.url) for _ in range(10)]
    assert sorted(cookies) == ["jjj_replica=r0"] * 5 + ["jjj_replica=r1"] * 5
    for replica in range(2):
        before = deployment.active_sessions(replica)

        async def hold(cookie=f"jjj_replica=r{replica}"):
            session = Session(deployment.url, timeout=60, cookie=cookie)
            await session.connect()
            await session.rerun()
            after = deployment.active_sessions(replica)
            await session.close()
            return after

        assert asyncio.run(hold()) == before + 1


def _upload(page, tmp_path) -> None:
    """The viewer adds a file of their own (it lives in this replica's session only)."""
    path = tmp_path / "我的站点.csv"
    path.write_text("名称,经度,纬度,类型,产业方向\n保定中医诊所,115.46,38.87,医院,中医药\n",
                    encoding="utf-8")
    page.get_by_text(t("upload_title", "zh")).click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_text("我的站点.csv：1 个站点已作为单独图层显示。").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('upload=1')", timeout=10_000)


def test_a_killed_replica_s_viewers_come_back_with_their_view(deployment, layers, tmp_path):
    d = deployment
    expected = _expected_ids(layers)
    query = "&".join(f"{k}={v}" for k, v in VIEW.items())
    failed: list[str] = []  # any answer of 5xx the page saw (a failover must not show one)
    with launched_browser() as browser, page_in(browser) as page:
        page.on("response", lambda r: r.status >= 500 and failed.append(f"{r.status} {r.url}"))
        time.sleep(2)  # sessions of the test before have closed
        page.goto(f"{d.url}/?{query}")
        assert sorted(wait_for_sites(map_frame(page), expect=expected)) == expected
        _upload(page, tmp_path)
        victim = _holder(d)
        cookie = next(c for c in page.context.cookies() if c["name"] == "jjj_replica")
        cookie = f"jjj_replica={cookie['value']}"
        count_en = t("match_count", "en", n=len(expected), total=len(layers.sites))
        en_query = query.replace("lang=zh", "lang=en")
        # a protocol-level viewer with the same cookie sits on the same replica
        assert f"**{count_en}**" in _protocol_count(d.url, cookie, en_query)

        position = {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()
                    if k in ("lat", "lon", "zoom")}
        assert position == {k: VIEW[k] for k in ("lat", "lon", "zoom")}  # the link's, no drift
        old_pid = d.kill(victim)
        survivor = 1 - victim
        deadline = time.monotonic() + 30
        while d.active_sessions(survivor) < 1:  # the page's own reconnect, through nginx
            assert time.monotonic() < deadline, "the page never reconnected to the live replica"
            time.sleep(0.2)

        # The same view on the live replica: filters, language and the map's position kept (the
        # new session restores the address bar's view; the map stays where it was, no drift).
        # The upload is gone with its replica, and the page says so, in the viewer's language,
        # with the uploader open for the file.
        page.get_by_text(t("upload_lost", "zh")).wait_for(timeout=30_000)
        page.locator("input[type=file]").wait_for(state="attached", timeout=30_000)
        if os.environ.get("JJJ_SHOTS_DIR"):
            page.screenshot(path=os.path.join(os.environ["JJJ_SHOTS_DIR"], "upload-lost-zh.png"))
        count_zh = t("match_count", "zh", n=len(expected), total=len(layers.sites))
        page.get_by_test_id("stSidebar").get_by_text(count_zh).wait_for(timeout=30_000)
        params = parse_qs(urlsplit(page.url).query)
        kept = ("region", "focus", "lang")
        assert {k: params[k][0] for k in kept} == {k: VIEW[k] for k in kept}
        assert {k: params[k][0] for k in position} == position
        frame = map_frame(page)
        lat, lon, zoom = frame.evaluate("() => { var c = window.map.getCenter(); "
                                        "return [c.lat, c.lng, window.map.getZoom()]; }")
        assert abs(lat - float(position["lat"])) < 0.01 and abs(lon - float(position["lon"])) < 0.01
        assert zoom == int(position["zoom"])
        # ...and it works there: a click opens the site's card and puts it into the URL.
        _click_until_selected(page, frame, "dongfang-hospital-qinhuangdao-city-campus")  # pinned, TCM
        params = parse_qs(urlsplit(page.url).query)
        site = params["site"][0]
        assert site in expected
        name_zh = layers.sites.set_index("id").loc[site, "name_zh"]
        page.locator(".st-key-site_card").get_by_text(name_zh).first.wait_for(timeout=30_000)
        page.get_by_test_id("stSidebar").get_by_text(count_zh).wait_for(timeout=30_000)
        assert {k: params[k][0] for k in kept} == {k: VIEW[k] for k in kept}
        assert sorted(wait_for_sites(frame, expect=expected)) == expected

        # A protocol-level viewer of the dead replica reconnects (same cookie) to the live one.
        assert f"**{count_en}**" in _protocol_count(d.url, cookie, en_query)

    # supervisor starts the dead replica again
    d.wait_healthy(victim, timeout=90)
    assert d.replica_pid(victim) not in (None, old_pid)
    usable = sorted(os.sched_getaffinity(0))
    if len(usable) > 1:  # on the CPU it had: the pin is part of the command supervisor restarts
        assert d.replica_cpus(victim) == {usable[victim]}
    # nginx passed every request that met the dead replica on to the live one: no visitor, page
    # or protocol session, got a 5xx (nginx logs each one it answers, see nginx.conf.template).
    assert failed == []
    log = d.run_dir / "nginx-5xx.log"
    assert not log.exists() or log.read_text() == ""

