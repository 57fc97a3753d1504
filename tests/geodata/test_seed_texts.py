"""The curated texts a reader sees name documents as a reader knows them, never by file number.

The card's Sources list shows a document's title and date; '000 says', '002号文件' or a raw
`002_844d0e3e127a499d:44` in a note or in 'Located by' points at nothing the reader can find."""

import re

import pytest

from geodata.load import read_rows
from geodata.paths import SEEDS_DIR
from geodata.schema import ALL, DOCUMENTS


def _rows(schema):
    """(file line, row) as the loader reads the file (its BOM, quoted line breaks, blank lines)."""
    problems = []
    header, rows = read_rows(SEEDS_DIR / schema.filename, problems)
    assert not problems, problems
    return [(line, dict(zip(header, cells))) for line, cells in rows]


def _file_number_pattern():
    """A document's id ('002_844d…') or its bare number ('002', '002号'), not part of a longer
    number or of an address ('2002', '/002/', '1,000')."""
    ids = [row["id"] for _, row in _rows(DOCUMENTS)]
    numbers = sorted({i.split("_")[0] for i in ids if "_" in i})
    assert numbers, "the curated documents have numbered ids"
    either = "|".join(map(re.escape, [*ids, *numbers]))
    return re.compile(rf"(?<![0-9A-Za-z_.,:/\-])(?:{either})(?![0-9A-Za-z/])")  # ASCII: 见002 counts


# Every text a reader sees has a Chinese twin (seeds/README.md): those pairs are the reader's texts.
READER_TEXTS = [(schema, column) for schema in ALL if schema is not DOCUMENTS
                for twin in schema.twins for column in (twin.chinese_of, twin.name)]


@pytest.mark.parametrize("schema, column", READER_TEXTS,
                         ids=[f"{s.filename}:{c}" for s, c in READER_TEXTS])
def test_no_reader_text_names_a_document_by_its_file_number(schema, column):
    pattern = _file_number_pattern()
    found = [f"{schema.filename}:{line}: {column}: {match.group(0)!r} in {row[column][:80]!r}"
             for line, row in _rows(schema)
             for match in [pattern.search(row.get(column) or "")] if match]
    assert not found, "\n".join(found)


def test_the_check_finds_a_file_number():
    """The pattern catches each form the seeds once used, and spares numbers that are not one."""
    pattern = _file_number_pattern()
    for text in ("000 says the hospital", "002号文件称", "002 L44 names",
                 "002_844d0e3e127a499d:44 plans it", "见002_844d0e3e127a499d:86、:96",
                 "（000号文件将其误译为"):
        assert pattern.search(text), text
    for text in ("1,000 亿元", "http://a.cn/2022/1127/93159.html", "20000 m²", "line 44"):
        assert not pattern.search(text), text
