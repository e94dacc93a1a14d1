"""Numbered citations whose quotes are checked to be verbatim parts of the stored clause."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from ingest.dates import mentions_date
from retrieval.answers import Citation
from retrieval.documents import DocumentDirectory
from retrieval.stored import StoredClause


class QuoteNotVerifiedError(ValueError):
    """A quote is not a verbatim part of the clause it would cite."""


class CitationBuilder:
    """Hands out citation numbers; one number per (clause, quote), quotes verified."""

    def __init__(self, documents: DocumentDirectory) -> None:
        self._documents = documents
        self._citations: list[Citation] = []

    def cite(self, clause: StoredClause, quote: str) -> int:
        """The number of a citation of `clause` with `quote` (verbatim in the clause)."""
        quote = quote.strip()
        if not quote or quote not in clause.text:
            raise QuoteNotVerifiedError(
                f"quote not found verbatim in {clause.clause_id}: {quote[:60]!r}"
            )
        for citation in self._citations:
            if citation.clause_id == clause.clause_id and citation.quote == quote:
                return citation.n
        document = self._documents.get(clause.document_id)
        citation = Citation(
            n=len(self._citations) + 1,
            document_id=clause.document_id,
            document_title=document.title if document else clause.document_title,
            document_number=document.number if document else clause.document_number,
            clause=clause.number,
            path=clause.path,
            text=clause.text,
            start=clause.start,
            end=clause.end,
            quote=quote,
            clause_id=clause.clause_id,
            columns=_quoted_columns(clause, quote),
        )
        self._citations.append(citation)
        return citation.n

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self._citations)


def _quoted_columns(clause: StoredClause, quote: str) -> tuple[tuple[str, str], ...]:
    """The (header, text) of each filled table cell inside the quoted span."""
    if clause.target is None:
        return ()
    start = clause.start + clause.text.index(quote)
    end = start + len(quote)
    return tuple(
        (cell.header, cell.text)
        for cell in clause.target.cells
        if cell.role != "number" and start <= cell.start and cell.end <= end
    )


# Markdown copies escape the marker ("1\.", "\-", "a\)"): the backslash is the marker's too
_MARKER = re.compile(r"^\s*\\?(?:[-–+•*]|[a-zđ]\\?\)|\d+(?:\.\d+)*(?:\\?\.)?|[IVX]+\\?\.)\s*")


def body_quote(
    clause: StoredClause,
    keywords: tuple[str, ...] = (),
    limit: int = 400,
    prefer: Callable[[str], bool] | None = None,
) -> str:
    """A verbatim quote from a clause's own text: the sentence that best matches `keywords`
    (of those `prefer` accepts, when any does: the one stating the time asked for).

    The numbering marker is left out; long bodies are cut at a sentence boundary.
    """
    from ingest.normalize_vi import folded

    body = clause.body.strip()
    if not body:
        return clause.text.strip()[:limit]
    marker = _MARKER.match(body)
    body = body[marker.end() :] if marker else body
    body = body.strip(" |\t\n")
    if len(body) <= limit:
        return body
    # Sentences end at punctuation, not at line ends: hard-wrapped plans break lines
    # mid-sentence, and a quote must not start in the middle of one.
    sentences = [s for s in re.split(r"(?<=[.;:])\s+|\n(?=\s*[-–+•*]\s)", body) if s.strip()]
    if not sentences:
        return body[:limit]

    # the part of a sentence stating the time preferred that a ";"-joined part after it
    # shares ("Hết năm 2026 hoàn thành …; đo đạc … đối với 27 xã …."), per part
    timed = _times_shared(sentences, prefer) if prefer is not None else [None] * len(sentences)

    def score(i: int) -> tuple[int, int]:
        # whole words: "hai" (hại) is not in "thai" (thải)
        text = " " + " ".join(re.findall(r"[a-z0-9%]+", folded(sentences[i]))) + " "
        preferred = len(keywords) + 1 if timed[i] is not None else 0
        # a tie is broken by the question's words kept side by side ("chất thải nguy hại
        # được thu gom, xử lý" over "… dưới 10% chất thải rắn … được xử lý … thu gom")
        return preferred + sum(1 for word in keywords if f" {word} " in text), _pairs_kept(
            keywords, text
        )

    index = max(range(len(sentences)), key=score)
    best = sentences[index].strip()
    shared = timed[index]
    if shared is not None and shared < index:
        # the time is stated by an earlier part of the same sentence: quoted from there
        start = body.find(sentences[shared].strip())
        end = body.find(best, start) + len(best)
        if 0 <= start < end and end - start <= limit:
            for part in sentences[index + 1 :] if best.endswith(";") else ():
                # the sentence's later parts too, as far as the limit allows
                at = body.find(part, end)
                if at < 0 or at + len(part) - start > limit:
                    break
                end = at + len(part)
                if not part.endswith(";"):
                    break
            return body[start:end]
    if best.endswith(":"):
        # "… phối hợp chặt chẽ với các sở:" announces what follows: quote that too
        start = body.find(best)
        following = sentences[index + 1 : index + 1 + _MAX_ANNOUNCED]
        end = body.find(following[-1], start) + len(following[-1]) if following else -1
        if following and end > start:
            return _cut(body[start:end], limit)
    if best.endswith(";"):
        # a part of a sentence whose parts are joined by ";" ("… nhiệm vụ; phân công … và
        # xác định mốc thời gian …."): the sentence from there on, as far as the limit allows
        start = body.find(best)
        end = start + len(best)
        for part in sentences[index + 1 :]:
            at = body.find(part, end)
            if at < 0 or at + len(part) - start > limit:
                break
            if (
                prefer is None
                and mentions_date(part)
                and not mentions_date(best)
                and not _says_more_asked(part, best, keywords)
            ):
                break  # a time the question did not ask for is another part's fact
            end = at + len(part)
            if not part.endswith(";"):
                break
        if start >= 0:
            return body[start:end]
    return best[:limit]


def _says_more_asked(part: str, best: str, keywords: tuple[str, ...]) -> bool:
    """Whether a part of the sentence says a word of the question that the best part does
    not ("… với quy mô 2,9km; tổng mức đầu tư 173 tỷ (… ngày 02/6/2023 …)" for "… dài bao
    nhiêu km, tổng mức đầu tư bao nhiêu?"): its date is no reason to leave it out then."""
    from ingest.normalize_vi import folded

    def said(text: str) -> set[str]:
        plain = " " + " ".join(re.findall(r"[a-z0-9%]+", folded(text))) + " "
        return {word for word in keywords if f" {word} " in plain}

    return bool(said(part) - said(best))


def enumeration_rest(clause: StoredClause, quote: str, limit: int = 400) -> list[str]:
    """The rest of an enumeration a quote stops in: a sentence whose items are joined by ";"
    ("… phát triển kinh tế - xã hội; …; kết quả thực hiện quy hoạch thủy điện …; kết quả
    thực hiện chương trình … giảm nghèo …;") cut by the quote's `limit` goes on in further
    quotes of at most `limit` characters each, verbatim, to the part that ends it; none when
    the quote ends the enumeration or stopped before the limit for another reason."""
    body = clause.body
    start = body.find(quote)
    if start < 0 or not quote.rstrip().endswith(";"):
        return []
    end = start + len(quote)
    parts = [(m.start(), m.end()) for m in _ITEM.finditer(body, end)]
    if not parts or parts[0][1] - start <= limit:
        return []  # the next item would have fit: the quote stopped for its own reason
    quotes: list[str] = []
    low = high = None
    for part_start, part_end in parts:
        if low is not None and high is not None and part_end - low > limit:
            quotes.append(body[low:high])
            low = None
        low = part_start if low is None else low
        high = part_end
        if not body[part_start:part_end].endswith(";"):
            break
    if low is not None and high is not None:
        quotes.append(body[low:high])
    return [q for q in quotes if len(q) <= limit]


# one item of a ";" enumeration: up to and with its ";" (or the full stop ending it)
_ITEM = re.compile(r"\S[^;]*?(?:;|\.(?=\s|$)|$)", re.DOTALL)


_MAX_ANNOUNCED = 6


def _times_shared(sentences: list[str], prefer: Callable[[str], bool]) -> list[int | None]:
    """For each part, the index of the part stating a preferred time that it shares: itself,
    or the nearest earlier part of the same sentence (parts joined by ";"); else None."""
    shared: list[int | None] = []
    for i, sentence in enumerate(sentences):
        if prefer(sentence):
            shared.append(i)
        elif i and sentences[i - 1].rstrip().endswith(";"):
            shared.append(shared[i - 1])
        else:
            shared.append(None)
    return shared


def _pairs_kept(keywords: tuple[str, ...], folded_text: str) -> int:
    """How many pairs of words next to each other in `keywords` stand next to each other in
    `folded_text` too (punctuation between them ignored)."""
    words = re.findall(r"[a-z0-9%]+", folded_text)
    adjacent = set(pairwise(words))
    return sum(1 for pair in pairwise(keywords) if pair in adjacent)


def _cut(text: str, limit: int) -> str:
    """`text` up to `limit` characters, ended at the last sentence boundary before it."""
    if len(text) <= limit:
        return text.strip()
    cut = max(text.rfind(mark, 0, limit) for mark in (";", ".", "\n"))
    return text[: cut + 1 if cut > 0 else limit].strip()
