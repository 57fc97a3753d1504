"""The controlled vocabularies (focus, kind, status, ...) with English and Chinese labels.

One source for validation, filter widgets, legend colours and translations: `vocab.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from geodata.errors import DataError, Problem

CATEGORIES = ("focus", "kind", "status", "region", "precision", "zone_kind", "comparator")
# Optional categories (a data set may leave them out): industry-chain segments, each listing the
# focus terms it groups (`focus: [...]`).
OPTIONAL = ("chain",)
DEFAULT_COLOR = "#777777"


@dataclass(frozen=True)
class Term:
    key: str
    en: str
    zh: str
    color: str = DEFAULT_COLOR
    members: tuple[str, ...] = ()  # chain segment: its focus terms

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Vocabulary:
    terms: dict[str, dict[str, Term]]

    def keys(self, category: str) -> tuple[str, ...]:
        return tuple(self.terms[category])

    def term(self, category: str, key: str) -> Term:
        return self.terms[category][key]

    def label(self, category: str, key: str, lang: str = "en") -> str:
        term = self.terms[category].get(key)
        return term.label(lang) if term else key

    def color(self, category: str, key: str) -> str:
        term = self.terms[category].get(key)
        return term.color if term else DEFAULT_COLOR

    def has(self, category: str, key: str) -> bool:
        return key in self.terms[category]


def load_vocabulary(path: Path) -> Vocabulary:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataError([Problem(path.name, 1, "-", f"cannot read vocabulary: {exc}")]) from exc
    problems = [Problem(path.name, 1, c, "missing vocabulary") for c in CATEGORIES if c not in raw]
    if problems:
        raise DataError(problems)
    terms = {
        category: {str(k): _term(str(k), v) for k, v in (raw.get(category) or {}).items()}
        for category in (*CATEGORIES, *OPTIONAL)
    }
    problems = [Problem(path.name, 1, f"chain.{key}", f"unknown focus term '{member}'")
                for key, term in terms["chain"].items() for member in term.members
                if member not in terms["focus"]]
    if problems:
        raise DataError(problems)
    return Vocabulary(terms)


def _term(key: str, value: dict) -> Term:
    return Term(key, str(value.get("en", key)), str(value.get("zh", key)),
                str(value.get("color", DEFAULT_COLOR)),
                tuple(str(m) for m in value.get("focus") or ()))
