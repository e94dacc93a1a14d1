"""In whose name a document is signed: the authority line above the signer's title —
"TM. ỦY BAN NHÂN DÂN" / "T/M BAN THƯỜNG VỤ" (thay mặt: for a collective body), "KT. CHỦ
TỊCH" (ký thay: in place of its head), "TL." / "TUQ." (thừa lệnh, thừa ủy quyền), "Q."
(quyền) — NĐ 30/2020/NĐ-CP, Phụ lục I, mục 7; HD 36-HD/VPTW for the T/M of Party bodies."""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.stored import StoredClause

# the mark, then the body or office in capitals, up to the line's end or a second column
AUTHORITY_LINE = re.compile(r"(?<![\w/])(?:T/M|TM\.?|KT\.?|TL\.?|TUQ\.?|Q\.)[ \t]+([^\n]+)")
_SHORTEST = 4  # "TM. UBND"; never a lone capital


def signing_authorities(clauses: Sequence[StoredClause]) -> tuple[list[StoredClause], list[str]]:
    """The clause holding the document's authority line and that line as written ("T/M
    BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"); nothing when the text has none."""
    for clause in clauses:
        for match in AUTHORITY_LINE.finditer(clause.text):
            words = []
            for word in re.split(r"[ \t]", re.split(r"\s{3,}|\|", match.group(1))[0].strip()):
                if not word or not word.isupper():
                    break
                words.append(word)
            whom = " ".join(words)
            if len(whom) >= _SHORTEST:
                mark = match.group()[: match.start(1) - match.start()].strip()
                return [clause], [f"{mark} {whom}"]
    return [], []
