"""A dashboard viewer at the protocol level: changes the Region or Focus filter, picks a site, and
checks that every rerun did the real work (the match count and the site card are right).

Expected results come from the same data and the same functions the app uses
(`geodata.load_layers`, `Filter`, `apply`), never from the app's own output.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field, replace

from bench.load_protocol import Run, Session
from components.text import md_escape
from geodata import Filter, apply, data_dir, load_layers

FIELDS = ("region", "focus")
NONE_LABEL = "— none —"
COUNT = re.compile(r"^\*\*(\d+) of (\d+) sites match\*\*$")
LABEL = re.compile(r"^(.*) \((\d+)(?: · [^)]*)?\)$")  # "Beijing (23)", "Tianjin (0 · no source ...)"


class Truth:
    """What the app should show, computed from the curated data."""

    def __init__(self):
        self.layers = load_layers(data_dir())
        sites, vocab = self.layers.sites, self.layers.vocab
        self.total = len(sites)
        self.keys = {name: {vocab.label(name, k, "en"): k for k in vocab.keys(name)} for name in FIELDS}
        self.names = dict(zip(sites["id"], sites["name_en"]))
        self._counts: dict[Filter, int] = {}

    def key(self, name: str, formatted: str) -> str:
        """'Beijing (23)' -> 'beijing'."""
        match = LABEL.match(formatted)
        return self.keys[name][match.group(1) if match else formatted]

    def count(self, flt: Filter) -> int:
        if flt not in self._counts:
            self._counts[flt] = len(apply(flt, self.layers.sites, self.layers.plans))
        return self._counts[flt]


@dataclass
class Action:
    kind: str  # "filter" or "site"
    detail: str
    expect_count: int | None = None
    expect_heading: str | None = None
    fragment: str = ""  # the st.fragment the action's widget lies in: only it reruns


@dataclass
class User:
    """One viewer: its session, its idea of the filter, and a seeded random walk of actions."""

    session: Session
    truth: Truth
    rng: random.Random
    flt: Filter = field(default_factory=Filter)
    turn: int = 0

    def next_action(self) -> Action:
        """Alternate filter changes and site picks (a filter change when no site is listed)."""
        self.turn += 1
        sites = [o for o in self.session.widget("site_select").options if o != NONE_LABEL]
        current = self.session.value("site_select")
        choices = [s for s in sites if s != current]
        if self.turn % 2 == 0 and choices:
            return self.pick_site(self.rng.choice(choices))
        return self.change_filter()

    def change_filter(self, name: str | None = None, label: str | None = None) -> Action:
        """Set one field to one option (or clear it); a person clicks one option at a time."""
        name = name or self.rng.choice(FIELDS)
        options = self.session.widget(f"filter_{name}").options
        if label is None:
            current = self.session.value(f"filter_{name}") or []
            label = None if current and self.rng.random() < 0.35 else self.rng.choice(
                [o for o in options if o not in current] or options)
        values = [label] if label else []
        self.session.set_strings(f"filter_{name}", values)
        self.flt = replace(self.flt, **{name: tuple(self.truth.key(name, v) for v in values)})
        return Action("filter", f"{name}={values}", expect_count=self.truth.count(self.flt))

    def pick_site(self, label: str) -> Action:
        self.session.set_string("site_select", label)
        fragment = self.session.widgets["site_select"].fragment
        return Action("site", label, expect_count=None if fragment else self.truth.count(self.flt),
                      expect_heading=md_escape(label), fragment=fragment)

    def check(self, action: Action, run: Run) -> list[str]:
        """What is wrong with this run's result (empty when it did what the action asked)."""
        problems = [f"exception: {e}" for e in run.exceptions]
        if run.status not in ("ok", "fragment_ok"):
            problems.append(f"script_finished status {run.status}")
        if action.expect_count is not None:
            counts = [int(m.group(1)) for m in map(COUNT.match, run.markdown) if m]
            if counts != [action.expect_count]:
                problems.append(f"{action.detail}: expected '{action.expect_count} of "
                                f"{self.truth.total} sites match', got {counts}")
        if action.expect_heading is not None and action.expect_heading not in run.headings:
            problems.append(f"site {action.detail!r}: card subheader missing (got {run.headings})")
        return problems
