"""The controlled vocabularies (focus, kind, status, ...) with English and Chinese labels.

One source for validation, filter widgets, legend colours and translations: `vocab.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from geodata.errors import DataError, Problem

CATEGORIES = ("focus", "kind", "status", "region", "precision", "zone_kind", "comparator",
              "item_kind")
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
        text = path.read_text(encoding="utf-8")
        raw = yaml.safe_load(text) or {}
        lines = _key_lines(yaml.compose(text))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        where = getattr(exc, "problem_mark", None)
        line = where.line + 1 if where is not None else 1
        reason = getattr(exc, "problem", None) or getattr(exc, "strerror", None) or type(exc).__name__
        raise DataError([Problem(path.name, line, "-", f"cannot read vocabulary: {reason}")]) from None
    if not isinstance(raw, dict):
        raise DataError([Problem(path.name, 1, "-", "the file must map each category to its terms")])
    problems = [Problem(path.name, 1, c, "missing vocabulary") for c in CATEGORIES if c not in raw]
    terms = {}
    for category in (*CATEGORIES, *OPTIONAL):
        entries = raw.get(category) or {}
        line = lines.get((category,), 1)
        if not isinstance(entries, dict):
            problems.append(Problem(path.name, line, category, f"must map each term's key to its labels "
                                    f"(en, zh, color), not a {_shape(entries)}"))
            continue
        terms[category] = {}
        for key, value in entries.items():
            if not isinstance(value, dict) or not all(isinstance(value.get(f, ""), str)
                                                      for f in ("en", "zh", "color")):
                problems.append(Problem(path.name, lines.get((category, key), line), f"{category}.{key}",
                                        f"must be a mapping with en, zh and color texts, not a {_shape(value)}"))
                continue
            terms[category][str(key)] = _term(str(key), value)
    if problems:
        raise DataError(problems)
    problems = [Problem(path.name, lines.get(("chain", key), 1), f"chain.{key}",
                        f"unknown focus term '{member}'")
                for key, term in terms.get("chain", {}).items() for member in term.members
                if member not in terms["focus"]]
    if problems:
        raise DataError(problems)
    return Vocabulary(terms)


def _shape(value) -> str:
    return {list: "list", str: "text", int: "number", float: "number", bool: "yes/no"}.get(
        type(value), type(value).__name__)


def _key_lines(node) -> dict[tuple, int]:
    """(category,) and (category, term) -> the line they are written on (1-based)."""
    lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[(key.value,)] = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                for term, _ in value.value:
                    lines[(key.value, term.value)] = term.start_mark.line + 1
    return lines


def _term(key: str, value: dict) -> Term:
    return Term(key, str(value.get("en", key)), str(value.get("zh", key)),
                str(value.get("color", DEFAULT_COLOR)),
                tuple(str(m) for m in value.get("focus") or ()))
