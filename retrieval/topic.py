"""The question's topic: its content words, without the words that carry its intent and
the words that name the plans it is about."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.abbreviations import expand_abbreviations
from ingest.gazetteer import places_in_text
from ingest.normalize_vi import folded
from retrieval.asked_phrases import asking_words
from retrieval.documents import DocumentDirectory
from retrieval.follow_ups import FOLLOW_UP_WORDS
from retrieval.query import Query

# Words that carry the question's intent, not its topic.
INTENT_WORDS = frozenset(
    """
    chu tri phoi hop theo doi thoi han hoan thanh don vi co quan phu trach nhiem lam thuc
    hien khi bao gio nhieu nam thang quy ai nguoi sanh giua voi hai ti le muc tieu trien
    khai giao vu gi nao thi sao con ra truc tiep chot
    """.split()  # noqa: SIM905 (a word list reads better as text)
)


# intent words that are intent only after their lead word ("triển khai"): elsewhere they
# are part of a topic ("khai giảng", "công khai", "khai thác")
_INTENT_AFTER = {"khai": "trien"}
# intent words that are a topic after a word ("lần thứ hai" tells the rounds apart; "hai kế
# hoạch" compares)
_TOPIC_AFTER = {"hai": "thu"}


def _stands_alone(word: str, question_folded: str) -> bool:
    """Whether an intent word is a topic word here: one that is intent only after its lead
    word stands without it, or one that is a topic after a word follows that word."""
    lead = _INTENT_AFTER.get(word)
    if lead is not None:
        return bool(re.search(rf"(?<!\b{lead} )\b{word}\b", question_folded))
    before = _TOPIC_AFTER.get(word)
    return before is not None and bool(re.search(rf"\b{before} {word}\b", question_folded))


# a document's kind written short ("KH BMNN 2023 Sơn La", "QĐ 518", "NQ bổ sung …") names a
# plan, never what is asked about it
_KIND_SHORT = frozenset(["kh", "qd", "nq", "nd", "ttg", "cv", "ctr"])


def naming_words(documents: DocumentDirectory, query: Query, doc_ids: Sequence[str]) -> set[str]:
    """Words naming these documents, or a plan whose place the question mentions (an
    indexed place look-up, `DocumentDirectory.naming_words`)."""
    return documents.naming_words(query.folded, doc_ids)


def words_beside_places(documents: DocumentDirectory, query: Query) -> set[str]:
    """Words of a place name that the question also uses elsewhere: "Trưởng" in "Trưởng
    Ban Chỉ đạo … xã Xuân Trường" is a topic word, the place's "Trường" is not."""
    return documents.words_beside_places(query.folded)


def topic_words(
    documents: DocumentDirectory,
    query: Query,
    doc_ids: Sequence[str],
    theme: bool = True,
    whole_title: bool = False,
) -> list[str]:
    """The question's content words: without intent words, the words phrasing the figure or
    time it asks for ("giữ dưới mức nào") and words naming documents; with `theme` False,
    without the settled plans' theme words too (`DocumentDirectory.theme_words`; with
    `whole_title`, every word pair of their titles)."""
    naming = naming_words(documents, query, doc_ids) - words_beside_places(documents, query)
    asking = asking_words(query.folded, lambda ref: documents.is_loaded(ref.number, ref.symbol))
    words = [
        w
        for w in query.keywords
        if (w not in INTENT_WORDS or _stands_alone(w, query.folded))
        and w not in asking
        and w not in naming
        and w not in FOLLOW_UP_WORDS
        and w not in _KIND_SHORT
        and not re.fullmatch(r"20\d\d", w)
    ]
    # the settled plans' issuer named as the doer ("… ở MTTQ xã Lương Minh" of the MTTQ's
    # plans) names the plans, unless nothing else is asked; a plan named by its number needs
    # no issuer to name it, and there the issuer may be what is asked ("phản ánh về đâu theo
    # KH 252 của BCĐ quốc gia 1237?" — to the Ban Chỉ đạo's office)
    by_number = documents.named_by_own_number(query.folded)
    issuer = set() if by_number else documents.issuer_named(query.folded, doc_ids)
    if issuer and len([w for w in words if w not in issuer]) >= _MIN_BESIDE_ISSUER:
        words = [w for w in words if w not in issuer]
    # a place the question is about keeps its whole name, words that are stop words
    # elsewhere too ("tỉnh Lâm Đồng mới hợp nhất từ những tỉnh nào": "lam" is no verb here)
    for place in places_in_text(query.text):
        words.extend(w for w in folded(place.name).split() if w not in words and w not in naming)
    if theme or not doc_ids:
        return words
    # the settled plan's theme ("… hỗ trợ nhà ở người có công" of a plan titled so) is not
    # what is asked about it, unless it is all the question says
    plain = " ".join(
        re.findall(r"[a-z0-9]+", folded(expand_abbreviations(query.text, keep_short=False)))
    )
    theme_words = documents.theme_words(plain, doc_ids, whole_title)
    rest = [w for w in words if w not in theme_words]
    return rest if len(rest) >= _MIN_TOPIC else words


# fewer words than this left once the plan's theme is set aside: the theme is the topic
_MIN_TOPIC = 1
# fewer topic words than this besides the issuer's name: the issuer is asked about
_MIN_BESIDE_ISSUER = 2


def is_unit_word(word: str, unit_keys: Sequence[str]) -> bool:
    """Whether `word` is a word of one of the units' names (not a topic of its own)."""
    return any(word in key.split() for key in unit_keys)
