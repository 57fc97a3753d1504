"""Cached loading of the data layers; a data problem shows its list instead of a traceback.

Pages get the Catalog here (through the page frame) and pass it, or what they need of it, to the
components: no component reaches for the data itself."""

from __future__ import annotations

import functools
import gc
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import streamlit as st
from cachetools import LRUCache

from components.i18n import both, t
from geodata import DataError, data_dir, load_layers
from geodata.layers import Layers
from geodata.paths import ENV_VAR
from geodata.site_index import SiteIndex


_MISSING = object()
# New objects between two young collections (Python's default: 700). A rerun leaves ~270 behind
# for the collector, so most reruns paid a young collection and every tenth an older one, which
# held up every run queued behind it. With 40 viewers for 30 s on one server: ~240 collections
# and 0.8 s in them by default, 9 and 0.14 s with 10,000 (each young pass then takes ~12 ms).
GC_YOUNG = 10_000
# How often a rerun looks whether the published files are still there. A file system call lets
# the other threads take the interpreter lock, and on a busy server getting it back took longer
# than the call: the 3-4 looks per map rerun were ~3% of the server's time with 30 viewers.
FILES_CHECKED_EVERY_S = 2.0


@dataclass(frozen=True, eq=False)
class Catalog:
    """One dataset as every session shares it: the layers, their index, and values derived from
    them (option labels, names...), each computed once. Read-only, like everything in it."""

    layers: Layers
    index: SiteIndex
    _derived: dict = field(default_factory=dict, repr=False)

    def derived(self, key, make):
        """`make()`'s value, computed on first use (two racing sessions compute equal values)."""
        try:
            return self._derived[key]
        except KeyError:
            return self._derived.setdefault(key, make())

    def site_rows(self) -> MappingProxyType:
        """Each curated site's row in `layers.sites` (and in the index), by id; made once."""
        return self.derived("site_rows", lambda: MappingProxyType(
            {site: row for row, site in enumerate(self.index.ids)}))

    def recent(self, kind, key, make, keep: int = 1024):
        """`make()`'s value for `key` among the `keep` most recently used of this `kind` (values
        that depend on a view, e.g. a filter: many viewers share few views). Read-only too."""
        lock, values = self.derived(("recent", kind), lambda: (threading.Lock(), LRUCache(keep)))
        with lock:
            value = values.get(key, _MISSING)
        if value is _MISSING:
            value = make()  # outside the lock: another view's value need not wait for this one
            with lock:
                values[key] = value
        return value

    def with_files(self, key, make):
        """Like `derived` for a value that lives in published files: `make()` returns (value,
        paths), and is called again when one of the files has gone (someone cleared static/data).
        The files are looked at once per FILES_CHECKED_EVERY_S, not on every rerun."""
        value, paths = self.derived(key, make)
        checked = self.derived("files_checked_at", dict)  # key -> when its files were last seen
        now = time.monotonic()
        if now - checked.get(key, -FILES_CHECKED_EVERY_S) >= FILES_CHECKED_EVERY_S:
            checked[key] = now
            if not all(Path(p).exists() for p in paths):
                value, paths = self._derived[key] = make()
        return value


# One shared, read-only copy per dataset (cache_resource), not a copy per call (cache_data): every
# rerun of every session reads the layers, and cache_data unpickles them each time (3 ms at 90
# sites, 140 ms at 50,000). Nothing may mutate them; pandas' copy-on-write keeps derived frames
# apart, the index's arrays are unwriteable, and tests/app/test_shared_data.py checks every page.
# One cached call for all of it: each call to a cached function costs ~0.15 ms of hashing.
@st.cache_resource(show_spinner=both("loading"), max_entries=4)  # a spinner only while loading
def _cached_catalog(directory: str) -> Catalog:
    layers = load_layers(directory)
    catalog = Catalog(layers, SiteIndex.build(layers.sites, layers.plans, layers.vocab))
    # The dataset lives as long as the server: move it (and every module loaded by now) out of
    # the collector's way, so its full collections stop rescanning them (they stalled reruns).
    gc.freeze()
    gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
    return catalog


def _current_data_dir() -> str:
    """The data directory as the caches' key (read on every call: tests switch it)."""
    return _directory_key(os.environ.get(ENV_VAR))


@functools.lru_cache(maxsize=8)
def _directory_key(setting: str | None) -> str:
    return str(data_dir(setting or None))


def catalog(lang: str = "en") -> Catalog:
    """This dataset's catalog, or a page listing every data problem (then the run stops)."""
    directory = _current_data_dir()
    try:
        return _cached_catalog(directory)
    except DataError as exc:
        st.error(t("data_problems", lang))
        st.code("\n".join(str(p) for p in exc.problems), language=None)
        st.stop()
    except OSError as exc:  # e.g. JJJ_DATA_DIR names something that cannot be a folder
        st.error(t("data_problems", lang))
        st.code(f"{directory[:200]}: {exc.strerror or exc}", language=None)
        st.stop()
