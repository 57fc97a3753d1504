"""The filterable columns of one sites frame as numpy arrays, built once per dataset.

`query.matches` and `query.facet_counts` answer the same questions with pandas, whose fixed cost
per call (~1 ms each, a dozen calls per page run) dominated a rerun under many viewers. Here a
filter is a few array lookups: same answers (a test holds them equal), microseconds at 90 sites.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from cachetools import LRUCache, cachedmethod

from geodata.query import CHOICE_FIELDS, FIELD_COLUMN, LIST_FIELDS, Filter, plans_active_in
from geodata.search import NO_MATCH, SearchIndex


MASKS_KEPT = 64  # filters whose field masks a SiteIndex keeps (at most ~6 MB at 50,000 sites)


@dataclass(frozen=True)
class FieldIndex:
    """One field: its distinct values (terms) and which site has which."""

    terms: tuple[str, ...]
    position: dict[str, int]
    codes: np.ndarray | None = None  # scalar field: term position per site (-1: none)
    member: np.ndarray | None = None  # list field: sites x terms, True where the site has the term

    def having(self, wanted) -> np.ndarray:
        """Sites with any of the wanted terms (unknown terms match nothing, as in pandas)."""
        known = [self.position[w] for w in wanted if w in self.position]
        if self.codes is not None:
            return np.isin(self.codes, known)
        return self.member[:, known].any(axis=1)

    def counts(self, mask: np.ndarray) -> dict[str, int]:
        if self.codes is not None:
            per_term = np.bincount(self.codes[mask & (self.codes >= 0)], minlength=len(self.terms))
        else:
            per_term = self.member[mask].sum(axis=0)
        return {term: int(n) for term, n in zip(self.terms, per_term) if n}


@dataclass(frozen=True)
class SiteIndex:
    """Read-only: every array is flagged unwriteable, so sharing it through a cache is safe."""

    sites: pd.DataFrame
    plans: pd.DataFrame | None
    ids: np.ndarray
    order: np.ndarray  # positions in id order
    columns: dict[str, FieldIndex]
    search: SearchIndex  # folded texts and pinyin, computed once per dataset
    # The field masks of recent filters: a page run asks for the count, the facets and the rows
    # of one filter, and many viewers share few filters. Frozen arrays; bounded (MASKS_KEPT).
    _masks: LRUCache = field(default_factory=lambda: LRUCache(MASKS_KEPT), repr=False, compare=False)
    _masks_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def build(cls, sites: pd.DataFrame, plans: pd.DataFrame | None = None, vocab=None) -> SiteIndex:
        columns = {name: (_listed if name in LIST_FIELDS else _scalar)(sites[FIELD_COLUMN[name]])
                   for name in CHOICE_FIELDS}
        ids = _frozen(sites["id"].astype(str).to_numpy(dtype=object))
        return cls(sites, plans, ids, _frozen(np.argsort(ids, kind="stable")), columns,
                   SearchIndex.build(sites, vocab))

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, flt: Filter) -> np.ndarray:
        """Which sites match (same answer as `query.matches`)."""
        return self._combined(self._field_masks(flt))

    def _field_masks(self, flt: Filter, ranks: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """One mask per field the filter sets (read-only; the last MASKS_KEPT filters' are kept)."""
        if ranks is not None:
            return self._compute_masks(flt, ranks)
        return self._kept_masks(flt)

    @cachedmethod(lambda self: self._masks, lock=lambda self: self._masks_lock)
    def _kept_masks(self, flt: Filter) -> dict[str, np.ndarray]:
        return {name: _frozen(mask) for name, mask in self._compute_masks(flt).items()}

    def _compute_masks(self, flt: Filter, ranks: np.ndarray | None = None) -> dict[str, np.ndarray]:
        masks = {name: self.columns[name].having(getattr(flt, name))
                 for name in CHOICE_FIELDS if getattr(flt, name)}
        if flt.year is not None:
            masks["year"] = self.columns["plan"].having(plans_active_in(flt.year, self.plans))
        if flt.q.strip():
            masks["q"] = (self.search.ranks(flt.q) if ranks is None else ranks) < NO_MATCH
        return masks

    def _combined(self, masks: dict[str, np.ndarray], leave_out: str = "") -> np.ndarray:
        mask = np.ones(len(self.ids), dtype=bool)
        for name, field_mask in masks.items():
            if name != leave_out:
                mask &= field_mask
        return mask

    def positions(self, flt: Filter) -> np.ndarray:
        """Row positions of the matching sites, in id order, or best match first when the filter
        searches text (as `query.apply` returns them)."""
        if not flt.q.strip():
            return self.order[self.mask(flt)[self.order]]
        ranks = self.search.ranks(flt.q)
        masks = self._field_masks(flt, ranks)
        positions = self.order[self._combined(masks)[self.order]]
        return positions[np.argsort(ranks[positions], kind="stable")]

    def count(self, flt: Filter) -> int:
        return int(self.mask(flt).sum())

    def facet_counts(self, flt: Filter, name: str) -> dict[str, int]:
        """Same as `query.facet_counts`: per value of `name`, given every other field."""
        return self.facets(flt, (name,))[name]

    def facets(self, flt: Filter, names) -> dict[str, dict[str, int]]:
        """`facet_counts` for several fields, each field's mask computed once."""
        masks = self._field_masks(flt)
        return {name: self.columns[name].counts(self._combined(masks, leave_out=name))
                for name in names}


def _scalar(column: pd.Series) -> FieldIndex:
    values = column.astype(object).where(column.notna(), None)
    terms = tuple(sorted({str(v) for v in values if v is not None}))
    position = {term: i for i, term in enumerate(terms)}
    codes = np.fromiter((position[str(v)] if v is not None else -1 for v in values), dtype=np.int32,
                        count=len(values))
    return FieldIndex(terms, position, codes=_frozen(codes))


def _listed(column: pd.Series) -> FieldIndex:
    terms = tuple(sorted({str(item) for items in column for item in items}))
    position = {term: i for i, term in enumerate(terms)}
    member = np.zeros((len(column), len(terms)), dtype=bool)
    for row, items in enumerate(column):
        member[row, [position[str(item)] for item in items]] = True
    return FieldIndex(terms, position, member=_frozen(member))


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array
