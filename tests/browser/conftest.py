import os
from pathlib import Path

import pytest

from bench.browser_driver import CHROMIUM, running_app


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: the test command installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def app_url(chromium):
    """The dashboard on the curated seeds/, served on 127.0.0.1 for this module's tests."""
    with running_app() as url:
        yield url
