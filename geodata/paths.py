"""Where the data lives: `JJJ_DATA_DIR`, default the repository's `seeds/`."""

from __future__ import annotations

import os
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
ENV_VAR = "JJJ_DATA_DIR"

# Reference files a data directory may omit: they fall back to the curated seeds/ copies,
# so a synthetic or test data set needs only its own CSVs.
SHARED_FILES = ("vocab.yaml", "boundaries.geojson", "cities.csv")


def data_dir(explicit: str | os.PathLike | None = None) -> Path:
    if explicit:
        return Path(explicit)
    return Path(os.environ.get(ENV_VAR) or SEEDS_DIR)


def data_file(directory: Path, name: str) -> Path:
    path = directory / name
    if name in SHARED_FILES and not path.exists():
        return SEEDS_DIR / name
    return path
