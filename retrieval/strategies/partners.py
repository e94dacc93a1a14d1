"""Who a unit works with: "Bộ Ngoại giao phối hợp với những bộ nào?", "… MTTQ xã phối hợp
với ai?" answered with the units its own duty names after "phối hợp với" — a duty under the
unit's heading ("11. Bộ Ngoại giao" / "Phối hợp với Bộ Quốc phòng, Bộ LĐTBXH …") or a
sentence it is the subject of ("MTTQ phối hợp với UBND xã, các thôn …") — on the question's
topic when it names one. The lead and co-operating cells of another unit's row are not the
asked unit's partners, so a plan that names none for it is left to the other strategies."""

from __future__ import annotations

import re

from ingest.abbreviations import expand_abbreviations
from ingest.normalize_vi import folded
from ingest.parser.duty_roles import read_roles
from ingest.parser.units import unit_key
from retrieval.answers import Answer
from retrieval.citations import CitationBuilder
from retrieval.constraints import documents_named
from retrieval.coverage import MIN_COVERAGE
from retrieval.query import Intent
from retrieval.stored import StoredClause
from retrieval.strategies.context import Context
from retrieval.topic import is_unit_word, naming_words

# "phối hợp với ai", "phối hợp với những bộ nào", "phối hợp cùng đơn vị nào" (folded)
_ASKS = re.compile(
    r"\bphoi hop\s+(?:voi|cung)\s+(?:ai\b|(?:(?:nhung|cac)\s+)?(?:[a-z]+\s+){0,3}nao\b)"
)
# the words asking, not the topic
_ASKING = frozenset(
    [
        "phoi",
        "hop",
        "voi",
        "cung",
        "ai",
        "nhung",
        "cac",
        "nao",
        "don",
        "vi",
        "co",
        "quan",
        "bo",
        "so",
        "nganh",
    ]
)
# the words a question opens with to name where it reads from ("theo", "trong")
_READS_FROM = frozenset(["theo", "trong", "tai"])
_NAMING_WORDS = 5  # "Theo Công văn số 4390/UBND-NLN": the words that may name the plan
_READ = 12  # ranked clauses read for the unit's own partner sentence
_SUBJECT_WORDS = 6  # words before "phối hợp với" that may name the sentence's subject
_LEVELS = frozenset(["xa", "phuong", "tinh", "huyen", "thanh", "pho", "cap", "cac"])


def answer(ctx: Context) -> Answer | None:
    """The partners the unit's own duty names; None when the question asks no partners of a
    unit, or no clause on its topic says whom that unit works with."""
    query = ctx.query
    asked = _ASKS.search(query.folded)
    if asked is None:
        return None
    prefix = query.folded[: asked.start()]
    if re.search(r"\b(?:ai|nao)\b", prefix):
        return None  # "Ai xây dựng …, phối hợp với ai?": the subject is asked too
    subject_text = re.split(r"[:;,?]", prefix)[-1]
    keys = ctx.units.find(subject_text)
    naming = naming_words(ctx.documents, query, ctx.scope.doc_ids) if ctx.scope.named else set()
    # the unit as the question writes it, the plan it reads from left out ("Theo CV 4390,
    # các sở, ban, ngành cấp tỉnh phối hợp với …": "cac so ban nganh cap tinh")
    written = re.findall(r"\w+", subject_text)
    if written[:1] and written[0] in _READS_FROM:
        named_at = [i for i, w in enumerate(written[:_NAMING_WORDS]) if w in naming]
        written = written[named_at[-1] + 1 :] if named_at else written
    subject = [w for w in written if w not in _ASKING]
    if not subject:
        return None
    # a document named ("… triển khai NĐ 180"): what the duty carries out, not its topic
    cited = {w for ref in documents_named(query.folded) for w in ref.span.text.split()}
    topic = [
        w
        for w in ctx.topic(ctx.scope.doc_ids)
        if not is_unit_word(w, keys)
        and w not in _ASKING
        and w not in subject
        and w not in naming
        and w not in cited
    ]
    text = ctx.documents.without_naming(query.text, ctx.scope.doc_ids) if naming else query.text
    hits = ctx.search.hybrid(text, ctx.scope.doc_ids, limit=25)
    for candidate in ctx.rank(hits, query)[:_READ]:
        clause = candidate.clause
        if topic and ctx.coverage(topic, clause) < MIN_COVERAGE:
            continue
        found = _partners(clause, keys, subject, written)
        if found:
            return _answer(ctx, clause, keys, *found)
    return None


def _partners(
    clause: StoredClause, keys: list[str], subject: list[str], written: list[str]
) -> tuple[list[str], str] | None:
    """(the partners the clause names for the unit, the sentence saying so), or None."""
    text = clause.text
    roles = read_roles(text, 0, len(text))
    partners = [p for p in roles.partners if unit_key(p.text) not in keys]
    if not partners or len(partners) < len(roles.partners):
        return None  # the unit is among those worked with ("Phối hợp với Sở Y tế …"), not the one
    # working with them: its partners are that sentence's subject, left to the other strategies
    first = partners[0].start
    line_start = text.rfind("\n", 0, first) + 1
    before = re.findall(r"\w+", folded(expand_abbreviations(text[line_start:first])))
    if not _the_units(clause, keys, before, subject) and not _written_in(written, before):
        return None
    line_end = text.find("\n", first)
    sentence = text[line_start : line_end if line_end >= 0 else len(text)].strip(" -–*\t")
    return [p.text for p in partners], sentence


def _written_in(written: list[str], before: list[str]) -> bool:
    """Whether the sentence before its partners holds the unit word for word as the
    question writes it ("các sở, ban, ngành cấp tỉnh theo chức năng …, phối hợp với …"): a
    generic unit no list of names knows."""
    n = len(written)
    return n >= 3 and any(before[i : i + n] == written for i in range(len(before) - n + 1))


def _the_units(
    clause: StoredClause, keys: list[str], before: list[str], subject: list[str]
) -> bool:
    """Whether the partner sentence is the asked unit's: the unit is its subject ("MTTQ phối
    hợp với …"), or the sentence opens with "Phối hợp với" in the unit's own row."""
    near = before[-_SUBJECT_WORDS:]
    own = {word for word in subject if word not in _LEVELS}
    if own and len(own & set(near)) >= min(2, len(own)):
        return True
    opens = len(before) <= 3  # "Phối hợp với …", "- Phối hợp chặt chẽ với …"
    target = clause.target
    if target is None or not opens:
        return False
    # the unit leads the row, or co-operates in a row with no lead ("Phối hợp với …" under its
    # own heading); a unit co-operating with another's lead is one of that lead's partners
    leads = {unit_key(u) for u in target.lead_units}
    if leads:
        return bool(leads & set(keys))
    return bool({unit_key(u) for u in target.cooperating_units} & set(keys))


def _answer(
    ctx: Context, clause: StoredClause, keys: list[str], partners: list[str], sentence: str
) -> Answer:
    cite = CitationBuilder(ctx.documents)
    n = cite.cite(clause, sentence)
    unit = ctx.units.display_name(keys[0], ctx.query.text) if keys else "Đơn vị được hỏi"
    where = ctx.label(clause.document_id)
    text = f"{unit} phối hợp với: {'; '.join(partners)} [{n}].\nTheo {where}, {clause.path}."
    return Answer(text, False, Intent.WHO_COOPERATE.value, cite.citations)
