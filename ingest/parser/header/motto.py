"""Quốc hiệu, tiêu ngữ (Nghị định 30/2020/NĐ-CP) and the Party's name (Hướng dẫn 36-HD/VPTW).

They are recognised as whole phrases, whatever the wrapping, OCR slips ("CỘNG HỊA", "XàHỘI")
or tone placement, and removed before anything else is read from the header: no place name
or issuer may ever come from "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
"""

from __future__ import annotations

import re

_NATIONAL = re.compile(
    r"C[ỘO]NG\s*H\S{0,2}A?\s+X\S{0,2}\s*H[ỘO]I\s+CH[ỦU]\s*NGH[ĨI]A\s+VI[ỆE]T\s+NAM", re.IGNORECASE
)
_MOTTO = re.compile(r"Độc\s+lập\s*[-–—]*\s*Tự\s+do\s*[-–—]*\s*Hạnh\s+phúc", re.IGNORECASE)
# OCR slips of its tone marks ("ĐÁNG CỘNG SẢN VIỆT NAM") too
_PARTY = re.compile(r"Đ[ẢÁẠA]NG\s+C[ỘÔO]NG\s+S[ẢÁẠA]N\s+VI[ỆÊE]T\s+NAM")


def is_party(text: str) -> bool:
    """Whether the header carries the Party's name (a Party body's document)."""
    return bool(_PARTY.search(text))


def strip_mottos(text: str) -> str:
    """The text with quốc hiệu, tiêu ngữ and the Party's name cut out."""
    for pattern in (_NATIONAL, _MOTTO, _PARTY):
        text = pattern.sub(" ", text)
    return " ".join(text.split())


def motto_spans(text: str) -> list[tuple[int, int]]:
    """Where quốc hiệu, tiêu ngữ and the Party's name stand in `text`, in order."""
    spans = [m.span() for pattern in (_NATIONAL, _MOTTO, _PARTY) for m in pattern.finditer(text)]
    return sorted(spans)


def is_motto(text: str) -> bool:
    """Whether a header box holds nothing but mottos."""
    return bool(text.strip()) and not strip_mottos(text)


def motto_free(texts: list[str]) -> list[str]:
    """Each text of one header box with the mottos cut out, even where a wrap split them."""
    joined, starts = "", []
    for text in texts:
        starts.append(len(joined) + (1 if joined else 0))
        joined = f"{joined} {text}" if joined else text
    covered = [False] * len(joined)
    for pattern in (_NATIONAL, _MOTTO, _PARTY):
        for match in pattern.finditer(joined):
            covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    kept: list[str] = []
    for text, start in zip(texts, starts, strict=True):
        chars = [c for i, c in enumerate(text) if not covered[start + i]]
        kept.append(" ".join("".join(chars).split()))
    return kept
