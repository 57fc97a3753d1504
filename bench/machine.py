"""One line describing the machine a benchmark ran on (figures only compare within one run)."""

from __future__ import annotations

import os
import platform
from importlib.metadata import version


def describe(chromium_version: str) -> str:
    return (f"{os.cpu_count()} cores, {_memory_gb():.1f} GB RAM, {_cpu_model()}, "
            f"Chromium {chromium_version}, Python {platform.python_version()}, "
            f"streamlit {version('streamlit')}, folium {version('folium')}, "
            f"streamlit-folium {version('streamlit-folium')}")


def _memory_gb() -> float:
    try:
        with open("/proc/meminfo") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("MemTotal:"))
        return kb / 1024 / 1024
    except (OSError, StopIteration):
        return float("nan")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or "unknown CPU"
