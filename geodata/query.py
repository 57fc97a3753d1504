"""The filter value object and the pure functions that apply it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields, replace
from itertools import chain

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.schema import SITES
from geodata.search import NO_MATCH, SearchIndex


def choice(column: str = ""):
    """A filter field: a set of keys matched against one site column (default: of the same name)."""
    return field(default=(), metadata={"column": column})


@dataclass(frozen=True)
class Filter:
    """What the user asked to see. Within a field values are alternatives (OR); fields combine (AND).

    The one declaration of the filter fields: the URL, the CLI, the sidebar and the index follow it."""

    region: tuple[str, ...] = choice()
    city: tuple[str, ...] = choice()
    county: tuple[str, ...] = choice()
    kind: tuple[str, ...] = choice()
    focus: tuple[str, ...] = choice()
    status: tuple[str, ...] = choice()
    plan: tuple[str, ...] = choice("plans")
    year: int | None = None
    q: str = ""

    def is_empty(self) -> bool:
        return self == Filter()

    def without(self, name: str) -> Filter:
        return replace(self, **{name: Filter.__dataclass_fields__[name].default})

    def active(self) -> list[str]:
        return [f.name for f in fields(self) if getattr(self, f.name) != f.default]


# The choice fields in order, the site column each matches, and which columns hold lists of keys.
CHOICE_FIELDS = tuple(f.name for f in fields(Filter) if "column" in f.metadata)
FIELD_COLUMN = {f.name: f.metadata["column"] or f.name for f in fields(Filter) if f.name in CHOICE_FIELDS}
LIST_FIELDS = tuple(n for n in CHOICE_FIELDS
                    if FIELD_COLUMN[n] in {c.name for c in SITES.columns if c.kind == "list"})


def filter_params(flt: Filter) -> dict[str, list[str] | str]:
    """The filter as canonical URL parameters (the app's links, the brief's link): only the fields
    set, a list's values sorted, the search text trimmed."""
    out: dict[str, list[str] | str] = {}
    for name in CHOICE_FIELDS:
        if getattr(flt, name):
            out[name] = sorted(getattr(flt, name))
    if flt.year is not None:
        out["year"] = str(flt.year)
    if flt.q.strip():
        out["q"] = flt.q.strip()
    return {name: out[name] for f in fields(Filter) if (name := f.name) in out}


def apply(flt: Filter, sites: gpd.GeoDataFrame, plans: pd.DataFrame | None = None,
          vocab=None) -> gpd.GeoDataFrame:
    """The matching sites in id order, or best match first when the filter searches text (ties in
    id order). `vocab` lets the search find kind and focus labels. Never modifies `sites`."""
    ranks = search_ranks(sites, flt.q, vocab)
    mask = matches(flt, sites, plans, vocab, ranks=ranks)
    if ranks is None:
        return sites[mask].sort_values("id", kind="stable")
    order = np.lexsort((sites["id"].astype(str).to_numpy()[mask], ranks[mask]))
    return sites[mask].iloc[order]


def matches(flt: Filter, sites: pd.DataFrame, plans: pd.DataFrame | None = None, vocab=None,
            ranks: np.ndarray | None = None) -> pd.Series:
    mask = pd.Series(True, index=sites.index)
    for name in CHOICE_FIELDS:
        wanted = getattr(flt, name)
        if wanted:
            column = sites[FIELD_COLUMN[name]]
            mask &= _any_of(column, wanted) if name in LIST_FIELDS else column.isin(wanted)
    if flt.year is not None:
        mask &= _any_of(sites["plans"], plans_active_in(flt.year, plans))
    if flt.q.strip():
        ranks = search_ranks(sites, flt.q, vocab) if ranks is None else ranks
        mask &= pd.Series(ranks < NO_MATCH, index=sites.index)
    return mask


def search_ranks(sites: pd.DataFrame, query: str, vocab=None) -> np.ndarray | None:
    """How well each site matches the text search (geodata.search), None without a search."""
    if not query.strip():
        return None
    return SearchIndex.build(sites, vocab).ranks(query)


def plans_active_in(year: int, plans: pd.DataFrame | None) -> tuple[str, ...]:
    """Plans whose period covers `year` (an open end counts as still running)."""
    if plans is None or plans.empty:
        return ()
    start = plans["year_start"].fillna(-1).astype(int)
    end = plans["year_end"].fillna(9999).astype(int)
    return tuple(plans.loc[(start <= year) & (year <= end), "id"])


def facet_counts(flt: Filter, sites: pd.DataFrame, name: str,
                 plans: pd.DataFrame | None = None, vocab=None) -> dict[str, int]:
    """How many sites each value of `name` would match, given every other filter field."""
    subset = sites[matches(flt.without(name), sites, plans, vocab)]
    if name in LIST_FIELDS:
        return dict(Counter(chain.from_iterable(subset[FIELD_COLUMN[name]])))
    counts = subset[FIELD_COLUMN[name]].value_counts()
    return {key: int(n) for key, n in counts.items() if n}


def _any_of(column: pd.Series, wanted) -> pd.Series:
    wanted = frozenset(wanted)
    return column.map(lambda items: not wanted.isdisjoint(items)).astype(bool)


def targets_about(targets: pd.DataFrame, sites: pd.DataFrame) -> pd.DataFrame:
    """Figures whose subject is one of `sites`, a zone they lie in or the area they are placed in."""
    subjects = set(sites["id"]).union(*sites["zones"])
    if "area" in sites:
        subjects.update(a for a in sites["area"].astype(str) if a)
    return targets[targets["subject"].isin(subjects)]
