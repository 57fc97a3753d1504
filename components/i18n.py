"""The app's words: the table lives in geodata.i18n so that files geodata writes (the brief) use
the same translations; components import it from here."""

from geodata.i18n import LANGS, STRINGS, both, in_lang, name, number_text, t

__all__ = ["LANGS", "STRINGS", "both", "in_lang", "name", "number_text", "t"]
