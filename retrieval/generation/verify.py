"""Verification of a generated answer against the clauses it was given.

Rules, sentence by sentence (sentences end at `.`, `!`, `?`, `…` or a line break):

- every sentence cites at least one `[n]`; the one exception is a sentence that says the
  plans do not state something ("Các kế hoạch không nêu …") and names no number;
- every cited `n` is one of the answer's citations;
- every number, percentage or date (`80%`, `11/2025`, `2025`, `6.6`) stands in at least one
  clause the sentence cites: its text, or its label, path, document number or title.

Units and names are not compared: paraphrase makes string checks on them too fuzzy, while a
changed number is the error that matters most and is cheap to catch.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.normalize_vi import folded
from retrieval.answers import Citation

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+")
# "- ", "• ", "1. ", "2.1) ", "a) " at the start of a line: layout, not a claim.
_LIST_MARKER = re.compile(r"^\s*(?:[-*•+]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s+")
# "TP. Hồ Chí Minh", "P. KT": a short capitalised abbreviation does not end a sentence.
_ABBREVIATION_END = re.compile(r"(?:^|\s)[A-ZĐ][A-Za-zĐđ]?\.$")
_WORD = re.compile(r"\w")
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
_LEADING_ZEROS = re.compile(r"(?<![\d.,])0+(?=\d)")  # "05/2025" is "5/2025"
_NOT_STATED = re.compile(
    r"^(?:cac |nhung )?(?:ke hoach|van ban|dieu khoan)(?: da nap| duoc trich)?"
    r"(?: deu)? khong (?:neu|de cap|quy dinh|co thong tin)"
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of a generated answer and the clause numbers it cites."""

    text: str
    cited: tuple[int, ...]

    @property
    def claim(self) -> str:
        """The sentence without its citation markers, in folded form."""
        return folded(_MARKER.sub(" ", self.text)).strip()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`; a fragment that is only markers belongs to the sentence before."""
    parts: list[str] = []
    for line in text.splitlines():
        line = _LIST_MARKER.sub("", line, count=1).strip()
        pending = ""
        for part in _SENTENCE_BREAK.split(line):
            fragment = f"{pending} {part}".strip()
            pending = ""
            if _ABBREVIATION_END.search(fragment):
                pending = fragment
            elif _WORD.search(_MARKER.sub(" ", fragment)):
                parts.append(fragment)
            elif _MARKER.search(fragment) and parts:
                parts[-1] = f"{parts[-1]} {fragment}"  # "… 80%. [1]"
        if pending:
            parts.append(pending)
    return [Sentence(part, _cited(part)) for part in parts]


def verify_phrasing(text: str, citations: Sequence[Citation]) -> list[str]:
    """Why `text` cannot replace the extractive answer; an empty list when it verifies."""
    sources = {citation.n: _source_of(citation) for citation in citations}
    sentences = split_sentences(text)
    if not sentences:
        return ["the reply is empty"]
    problems: list[str] = []
    for sentence in sentences:
        claim = sentence.claim
        numbers = _numbers(claim)
        unknown = [n for n in sentence.cited if n not in sources]
        if unknown:
            problems.append(
                f"cites {unknown} but was given only {sorted(sources)}: {sentence.text!r}"
            )
        if not sentence.cited:
            if not (_NOT_STATED.match(claim) and not numbers):
                problems.append(f"sentence without a citation: {sentence.text!r}")
            continue
        given = [sources[n] for n in sentence.cited if n in sources]
        for number in numbers:
            if not any(_has_number(source, number) for source in given):
                problems.append(
                    f"{number!r} is not in cited clause(s) {list(sentence.cited)}: "
                    f"{sentence.text!r}"
                )
    if not any(sentence.cited for sentence in sentences):
        problems.append("the reply cites no clause")
    return problems


def _cited(sentence: str) -> tuple[int, ...]:
    numbers = (int(n) for group in _MARKER.findall(sentence) for n in re.split(r"[,;]", group))
    return tuple(dict.fromkeys(numbers))


def _source_of(citation: Citation) -> str:
    """What a number may be checked against: the clause and the names that identify it."""
    fields = (
        citation.text,
        citation.clause,
        citation.path,
        citation.document_number,
        citation.document_title,
    )
    return _LEADING_ZEROS.sub("", folded("\n".join(f for f in fields if f)))


def _numbers(claim: str) -> list[str]:
    return list(dict.fromkeys(_LEADING_ZEROS.sub("", m) for m in _NUMBER.findall(claim)))


def _has_number(source: str, number: str) -> bool:
    """Whether `number` stands whole in `source` ("80" in "80%", "2025" in "11/2025";
    not "6" in "6.6" nor "80" in "180")."""
    pattern = rf"(?<!\d)(?<!\d[.,]){re.escape(number)}(?![.,]?\d)"
    return re.search(pattern, source) is not None
