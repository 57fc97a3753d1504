"""Read the seeds/ CSV files into typed records, collecting every problem on the way."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

from geodata.errors import Problem
from geodata.paths import data_file
from geodata.records import Dataset
from geodata.schema import ALL, DATE, DOC_ID, SLUG, Column, FileSchema
from geodata.vocab import Vocabulary


def load_dataset(directory: Path, vocab: Vocabulary) -> tuple[Dataset, list[Problem]]:
    """Every record that has an id (bad cells hold neutral values), and every problem found."""
    problems: list[Problem] = []
    parts, unreadable = [], set()
    for schema in ALL:
        rows = load_file(data_file(directory, schema.filename), schema, vocab, problems)
        if rows is None:
            unreadable.add(schema.filename)
        parts.append(rows or ())
    return Dataset(*parts, unreadable=frozenset(unreadable)), problems


def load_file(path: Path, schema: FileSchema, vocab: Vocabulary,
              problems: list[Problem]) -> tuple | None:
    """The file's records, or None when it cannot be read (missing, not UTF-8, bad header)."""
    rows = read_rows(path, problems)
    if rows is None:
        return None
    header, body = rows
    if not _check_header(path.name, header, schema, problems):
        return None
    out = []
    for line, cells in body:
        record = _parse_row(path.name, line, header, cells, schema, vocab, problems)
        if record is not None:
            out.append(record)
    return tuple(out)


def read_rows(path: Path, problems: list[Problem]):
    """(header, [(line, cells)]) or None when the file cannot be read at all."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(path.name, 0, "-", "file is missing"))
        return None
    except OSError as exc:
        problems.append(Problem(path.name, 0, "-", f"cannot read file: {exc.strerror}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path.name, line, "-",
                                f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"))
        return None
    return _split_rows(path.name, text, problems)


def _split_rows(name: str, text: str, problems: list[Problem]):
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, start = [], 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(Problem(name, reader.line_num, "-", f"malformed CSV: {exc}"))
    if not rows:
        problems.append(Problem(name, 1, "-", "file is empty (no header row)"))
        return None
    return [c.strip() for c in rows[0][1]], rows[1:]


def _check_header(name: str, header: list[str], schema: FileSchema, problems: list[Problem]) -> bool:
    ok = True
    for column in schema.columns:  # a column whose values are optional may be left out whole
        if column.required and column.name not in header:
            problems.append(Problem(name, 1, column.name, "required column is missing"))
            ok = False
    for column in header:
        if column not in schema.names:
            problems.append(Problem(name, 1, column or "-", "unknown column"))
    return ok


def _parse_row(name, line, header, cells, schema, vocab, problems):
    if len(cells) != len(header):
        problems.append(Problem(name, line, "-",
                                f"row has {len(cells)} fields, the header has {len(header)}"))
        return None
    row = dict(zip(header, (c.strip() for c in cells)))
    values = {}
    for column in schema.columns:
        values[column.name] = parse_cell(row.get(column.name, ""), column, vocab,
                                         lambda msg, c=column: problems.append(
                                             Problem(name, line, c.name, msg)))
    # Kept even with bad cells, so that its id still counts for duplicates and references.
    return schema.record(**values, line=line)


def parse_cell(raw: str, column: Column, vocab: Vocabulary | None, report):
    """The typed value of one cell; reports (and returns a neutral value) when it is bad."""
    if raw == "":
        if column.required:
            report("required value is empty")
        return column.empty
    parser = _PARSERS[column.kind]
    value = parser(raw, report)
    if column.vocab and vocab is not None and value is not None:
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if not vocab.has(column.vocab, item):
                report(f"'{item}' is not a known {column.vocab} "
                       f"(one of: {', '.join(vocab.keys(column.vocab))})")
    return value


def _parse_text(raw, report):
    return raw


def _parse_slug(raw, report):
    if not SLUG.match(raw):
        report(f"'{raw}' is not a lowercase slug (letters, digits and single hyphens)")
    return raw


def _parse_docid(raw, report):
    if not DOC_ID.match(raw):
        report(f"'{raw}' is not a document id (a source file's stem)")
    return raw


def _parse_float(raw, report):
    try:
        value = float(raw)
    except ValueError:
        report(f"'{raw}' is not a number")
        return math.nan
    if not math.isfinite(value):
        report(f"'{raw}' is not a finite number")
    return value


def _parse_int(raw, report):
    try:
        return int(raw)
    except ValueError:
        report(f"'{raw}' is not a whole number")
        return None


def _parse_bool(raw, report):
    if raw.lower() in ("true", "yes", "1"):
        return True
    if raw.lower() in ("false", "no", "0"):
        return False
    report(f"'{raw}' is not true or false")
    return False


def _parse_list(raw, report):
    items = tuple(i.strip() for i in raw.split(";"))
    if any(not i for i in items):
        report(f"'{raw}' has an empty item (lists are ';'-separated)")
    return tuple(i for i in items if i)


def _parse_date(raw, report):
    if not DATE.match(raw):
        report(f"'{raw}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return raw


_PARSERS = {"text": _parse_text, "slug": _parse_slug, "docid": _parse_docid, "float": _parse_float,
            "int": _parse_int, "bool": _parse_bool, "list": _parse_list, "date": _parse_date}
