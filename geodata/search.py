"""Search that finds: pinyin, punctuation-blind, both languages' labels, typos forgiven, ranked.

Every site gets two texts, computed once per dataset (`SearchIndex.build`): its names (English,
Chinese, the Chinese name's pinyin, its id) and everything else worth finding it by (notes, places,
the kind and focus labels in both languages). Texts are folded (NFKC, case) and compacted: spaces,
hyphens and punctuation removed, so "stem cell" = "stem-cell" and "Xiong'an" = "xiong an" =
"xiongan" = 雄安's pinyin. A query matches when its compacted form, or each of its words, occurs
in one site's texts; a word found nowhere in the data is replaced by the data's words within a
small edit distance (rapidfuzz), so "theraphy" finds "therapy". Fields are kept apart by a
separator no query contains, so a match never straddles two fields.

Both the numpy index and the pandas query call this module: one search, one answer.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

NAME_FIELDS = ("name_en", "name_zh", "id")
OTHER_FIELDS = ("note", "note_zh", "city", "city_zh", "county", "county_zh")
LABELLED_FIELDS = ("kind", "focus")  # searched by their vocabulary labels, English and Chinese
SEPARATOR = "|"
MIN_FUZZY_LEN = 4  # shorter words have too many neighbours one edit away
FUZZY_CUTOFF = 80  # rapidfuzz ratio: one typo in a word of 5+ letters
MAX_ALTERNATIVES = 8
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u9fff]+")

# Ranks: lower comes first.
EXACT_NAME, NAME_PREFIX, IN_NAME, IN_OTHER, FUZZY, NO_MATCH = range(6)


@functools.lru_cache(maxsize=65536)  # names, places and labels repeat across sites and builds
def fold(text: str) -> str:
    """Lower-cased words separated by single spaces; punctuation, hyphens, apostrophes removed."""
    return _NOT_WORD.sub(" ", unicodedata.normalize("NFKC", str(text)).casefold()).strip()


def compact(text: str) -> str:
    return fold(text).replace(" ", "")


def pinyin(text: str) -> str:
    """The toneless pinyin of the Chinese characters in `text` ('' without any)."""
    return "".join(syllables("".join(_HAN.findall(str(text)))))


@functools.lru_cache(maxsize=65536)
def syllables(han: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(han)) if han else ()


@dataclass(frozen=True)
class Query:
    text: str
    whole: str  # compacted
    words: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        folded = fold(text)
        return cls(text, folded.replace(" ", ""), tuple(dict.fromkeys(folded.split())))

    def __bool__(self) -> bool:
        return bool(self.whole)


@dataclass(frozen=True)
class SearchIndex:
    """Per site: the compacted names (each kept whole for exact-name ranking) and other texts."""

    names: pd.Series  # "|name_en|name_zh|pinyin|id|"
    others: pd.Series  # "|note|...|kind labels|focus labels|"
    texts: pd.Series  # both together: a query's words may be spread over names and labels
    sites: pd.DataFrame = field(repr=False)  # for the word list, made on a typo's first need
    vocab: object = field(default=None, repr=False)

    @functools.cached_property
    def words(self) -> tuple[str, ...]:
        """Every distinct word of the data, for forgiving typos."""
        return _words(self.sites, self.vocab)

    @classmethod
    def build(cls, sites: pd.DataFrame, vocab=None) -> SearchIndex:
        names_zh = _strings(sites["name_zh"])
        pinyins = [pinyin(v) for v in names_zh]
        name_parts = [[compact(v) for v in _strings(sites["name_en"])], [compact(v) for v in names_zh],
                      pinyins, [compact(v) for v in _strings(sites["id"])]]
        other_parts = [[compact(v) for v in _strings(sites[c])] for c in OTHER_FIELDS if c in sites]
        other_parts += [_labels(sites, name, vocab) for name in LABELLED_FIELDS if name in sites]
        names = [_joined(parts) for parts in zip(*name_parts)]
        others = [_joined(parts) for parts in zip(*other_parts)] if other_parts else [SEPARATOR] * len(names)
        texts = [n + o[1:] for n, o in zip(names, others)]
        series = [pd.Series(v, index=sites.index, dtype=object) for v in (names, others, texts)]
        return cls(*series, sites, vocab)

    def ranks(self, text: str) -> np.ndarray:
        """Per site, how well it matches (EXACT_NAME ... FUZZY), NO_MATCH where it does not."""
        query = Query.parse(text)
        rank = np.full(len(self.names), NO_MATCH, dtype=np.int8)
        if not query:
            rank[:] = EXACT_NAME
            return rank
        whole = self.names.str.contains(SEPARATOR + query.whole + SEPARATOR, regex=False).to_numpy()
        prefix = self.names.str.contains(SEPARATOR + query.whole, regex=False).to_numpy()
        in_name = _all_words(self.names, query)
        in_other = _all_words(self.texts, query)
        fuzzy = self._fuzzy(query)
        for level, mask in ((FUZZY, fuzzy), (IN_OTHER, in_other), (IN_NAME, in_name),
                            (NAME_PREFIX, prefix), (EXACT_NAME, whole)):
            rank[mask] = level
        return rank

    def mask(self, text: str) -> np.ndarray:
        return self.ranks(text) < NO_MATCH

    def _fuzzy(self, query: Query) -> np.ndarray:
        """Sites matching once each word found nowhere is replaced by the data's words near it."""
        texts = self.texts
        options = []
        changed = False
        for word in query.words:
            if texts.str.contains(word, regex=False).any():
                options.append((word,))
                continue
            near = self.near_words(word)
            if not near:
                return np.zeros(len(texts), dtype=bool)
            options.append(near)
            changed = True
        if not changed:
            return np.zeros(len(texts), dtype=bool)
        mask = np.ones(len(texts), dtype=bool)
        for alternatives in options:
            found = np.zeros(len(texts), dtype=bool)
            for alternative in alternatives:
                found |= texts.str.contains(alternative, regex=False).to_numpy()
            mask &= found
        return mask

    def near_words(self, word: str) -> tuple[str, ...]:
        if len(word) < MIN_FUZZY_LEN or _HAN.search(word):
            return ()
        hits = process.extract(word, self.words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                               limit=MAX_ALTERNATIVES)
        return tuple(hit[0] for hit in hits)


def ranked_order(ranks: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """`positions` (in id order) reordered best match first; equal ranks stay in id order."""
    return positions[np.argsort(ranks[positions], kind="stable")]


def _all_words(texts: pd.Series, query: Query) -> np.ndarray:
    mask = texts.str.contains(query.whole, regex=False).to_numpy(dtype=bool, copy=True)
    if len(query.words) > 1:
        every = np.ones(len(texts), dtype=bool)
        for word in query.words:
            every &= texts.str.contains(word, regex=False).to_numpy()
        mask |= every
    return mask


def _strings(column: pd.Series) -> list[str]:
    return ["" if v is None or v != v else str(v) for v in column.tolist()]


def _labels(sites: pd.DataFrame, field: str, vocab) -> list[str]:
    @functools.cache
    def label(key: str) -> str:
        if vocab is None or not vocab.has(field, key):
            return compact(key)
        term = vocab.term(field, key)
        return compact(term.en) + SEPARATOR + compact(term.zh)

    values = sites[field].tolist()
    if field == "focus":  # a list per site
        return [SEPARATOR.join(label(str(k)) for k in keys) for keys in values]
    return [label(str(v)) for v in values]


def _joined(parts) -> str:
    return SEPARATOR + SEPARATOR.join(parts) + SEPARATOR


def _words(sites: pd.DataFrame, vocab) -> tuple[str, ...]:
    """Distinct folded words of names, places and labels, plus each Chinese name's pinyin words."""
    words: set[str] = set()
    for column in ("name_en", "city", "county", "note"):
        if column in sites:
            for value in set(_strings(sites[column])):
                words.update(fold(value).split())
    for value in set(_strings(sites["name_zh"])):
        for run in _HAN.findall(value):
            sounds = syllables(run)
            # two- and three-character words: 雄安 -> xiongan, 石家庄 -> shijiazhuang
            for size in (2, 3):
                words.update("".join(sounds[i:i + size]) for i in range(len(sounds) - size + 1))
    if vocab is not None:
        for field in LABELLED_FIELDS:
            for key in vocab.keys(field):
                words.update(fold(vocab.term(field, key).en).split())
    return tuple(sorted(w for w in words if len(w) >= 2 and not _HAN.search(w)))
