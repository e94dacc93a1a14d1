"""A unit's name inside the name of its standing body is not that unit.

"Thường trực Hội đồng nhân dân tỉnh" and "Ban Thường vụ Tỉnh ủy" are bodies of their own:
the standing committee acts between sessions, its duties are not those of the council or
the committee it stands for. A question naming "HĐND tỉnh" is not met by a row led by
"Thường trực HĐND tỉnh", and one naming "Thường trực HĐND tỉnh" is met only by rows
naming the standing body.
"""

from __future__ import annotations

import re

# the words that make a standing body of the unit named right after them (folded)
_STANDING = ("thuong truc", "thuong vu")
# "cơ quan thường trực Ban Chỉ đạo": the agency serving the unit, named for it
_SERVING = tuple(f"co quan {w}" for w in _STANDING)


def names_itself(plain: str, name: str) -> bool:
    """Whether the folded, space-separated `plain` names `name` (folded words) somewhere
    other than as the tail of a standing body's name ("thuong truc hoi dong nhan dan tinh"
    names no "hoi dong nhan dan tinh"; "co quan thuong truc ban chi dao", the agency
    serving it, names "ban chi dao"); a name that is itself a standing body's is found
    wherever it stands."""
    if not name:
        return False
    padded = f" {plain} "
    if name.startswith(_STANDING):
        return f" {name} " in padded
    for found in re.finditer(rf"(?<= ){re.escape(name)}(?= )", padded):
        before = padded[: found.start()].rstrip()
        if not before.endswith(_STANDING) or before.endswith(_SERVING):
            return True
    return False
