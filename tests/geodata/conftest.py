import shutil
from pathlib import Path

import pytest

from geodata import DataError, load_layers

FIXTURE = Path(__file__).parent / "fixture"


@pytest.fixture
def data(tmp_path) -> Path:
    """A writable copy of the small valid fixture data set (boundaries and vocab fall back to seeds/)."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(directory) -> list[str]:
    """Every problem loading `directory` reports (it must fail)."""
    with pytest.raises(DataError) as info:
        load_layers(directory)
    return [str(p) for p in info.value.problems]
