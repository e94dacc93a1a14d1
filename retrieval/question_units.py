"""The units a question names, each with the part it plays in the question.

"Sở TTTT chủ trì …" makes Sở TTTT the doer; "… gửi kết quả về Sở TTTT" the receiver;
"phối hợp với Sở Y tế" the partner; "dưới sự chỉ đạo của UBND tỉnh" the one who directs.
The part is read from the words the asker typed right before the unit (`Query.plain`, never
an abbreviation's spelling-out), and a unit listed after another ("báo cáo UBND tỉnh và Sở
TTTT") plays the part of the one it is listed with.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from retrieval.query import Query, Span


class UnitPart(StrEnum):
    """The part a named unit plays in the question."""

    DOER = "doer"  # acts: "Sở TTTT chủ trì …", "giao Sở Y tế …", "nhiệm vụ của Sở X"
    PARTNER = "partner"  # works with the doer: "phối hợp với Sở Y tế"
    RECEIVER = "receiver"  # is sent, reported or submitted to: "báo cáo UBND tỉnh"
    MONITOR = "monitor"  # directs or oversees the doer: "dưới sự chỉ đạo của UBND tỉnh"


@dataclass(frozen=True)
class UnitMention:
    """A unit the question names: its key, where the asker typed it (`Query.plain`), its
    part and the words that tell it (no cue: the unit stands as the subject)."""

    key: str
    span: Span | None  # None when the question's texts do not line up
    part: UnitPart | None  # None when the unit could not be placed in the question
    cue: Span | None = None

    @property
    def collective(self) -> bool:
        """ "các đơn vị", "các sở": a collective, naming no one unit."""
        return self.key.startswith(("cac ", "nhung "))


# the words before a unit that give its part, matched at the end of the text before it;
# first match wins (a report verb before "với" makes a receiver, "giao cho" a doer)
_DIRECTIONS = r"(?:ve|cho|toi|den|len|voi|qua)"
_SENDS = (
    r"(?:gui|nop|trinh|bao cao|de xuat|kien nghi|tham muu|xin y kien|phan anh"
    r"|thong bao)"
)
_CUES: tuple[tuple[UnitPart, re.Pattern[str]], ...] = (
    (UnitPart.DOER, re.compile(r"\b(?:giao|phan cong|yeu cau|de nghi|do|boi)(?: cho)?$")),
    (
        UnitPart.MONITOR,
        re.compile(
            r"\b(?:su )?(?:chi dao|lanh dao|huong dan|giam sat|theo doi|quan li|dieu hanh"
            r"|dieu phoi)(?: truc tiep| chung)? cua$"
        ),
    ),
    (UnitPart.DOER, re.compile(r"\bcua$")),
    (
        UnitPart.PARTNER,
        re.compile(
            r"\b(?:phoi hop|ket hop|cung|lam viec|trao doi|thong nhat|hiep dong)"
            r"(?: chat che| thuong xuyen)?(?: voi)?$"
        ),
    ),
    # "gửi báo cáo kết quả về Sở TTTT", "báo cáo UBND tỉnh", "gửi BTT UBMTTQ tỉnh" (a word
    # or two of the name before the unit found), "đối với UBND xã" (acted towards)
    (
        UnitPart.RECEIVER,
        re.compile(
            rf"\b{_SENDS}(?: [a-z0-9/%.&-]+){{0,8}} {_DIRECTIONS}$"
            rf"|\b{_SENDS}(?: [a-z0-9&]+){{0,2}}$|\bdoi voi(?: [a-z0-9&]+){{0,4}}$"
        ),
    ),
    (UnitPart.PARTNER, re.compile(r"\bvoi$")),
    (UnitPart.RECEIVER, re.compile(rf"\b{_DIRECTIONS}$")),
)
# the words that list a unit with the one before it ("UBND tỉnh và Sở TTTT", "A, B")
_LISTED = re.compile(r"(?:va|hoac|cung|cac)?(?: (?:va|hoac|cac|nhung))*")
# "phối hợp với các sở …": the collective word is part of the unit, not of its cue
_COLLECTIVE_END = re.compile(r"(?:^|\s+)(?:cac|nhung|toan bo|tat ca)$")


def unit_mentions(query: Query, keys: Sequence[str]) -> tuple[UnitMention, ...]:
    """Each place the question names one of the unit `keys` (longest first where two
    overlap), in question order, with its part."""
    placed: list[tuple[int, int, str]] = []  # spans in `Query.folded`
    text = f" {query.folded} "
    for key in sorted(dict.fromkeys(keys), key=len, reverse=True):
        found = False
        for match in re.finditer(rf"(?<= ){re.escape(key)}(?= )", text):
            start, end = match.start() - 1, match.end() - 1
            if any(s < end and start < e for s, e, _ in placed):
                continue
            placed.append((start, end, key))
            found = True
        if not found:
            placed.append((-1, -1, key))
    mentions: list[UnitMention] = []
    previous: UnitMention | None = None
    for start, end, key in sorted(placed, key=lambda p: (p[0] < 0, p[0])):
        at = query.plain_span(start, end) if start >= 0 else None
        if at is None:
            mentions.append(UnitMention(key, None, None))
            continue
        span = Span(at[0], at[1], query.plain[at[0] : at[1]])
        mention = _mention(query.plain, key, span, previous)
        mentions.append(mention)
        previous = mention
    return tuple(mentions)


def _mention(plain: str, key: str, span: Span, previous: UnitMention | None) -> UnitMention:
    listed = (
        previous is not None
        and previous.span is not None
        and previous.span.end <= span.start
        and _LISTED.fullmatch(plain[previous.span.end : span.start].strip())
    )
    if listed and previous is not None:
        return UnitMention(key, span, previous.part, previous.cue)
    before = _COLLECTIVE_END.sub("", plain[: span.start].rstrip())
    for part, pattern in _CUES:
        cue = pattern.search(before)
        if cue is not None:
            return UnitMention(key, span, part, Span(cue.start(), cue.end(), cue.group()))
    return UnitMention(key, span, UnitPart.DOER)


def doers(mentions: Sequence[UnitMention]) -> list[str]:
    """The keys of the named units (not collectives) the question makes doers."""
    keys = [m.key for m in mentions if m.part is UnitPart.DOER and not m.collective]
    return list(dict.fromkeys(keys))
