"""Markdown as converters and authors write it: the header in a pipe table or bold lines,
`#` headings, bold or escaped markers (`**1\\.**`, `\\-`), blank lines between paragraphs,
pipe tables with `<br>` inside cells."""

from __future__ import annotations

import random

from tests.plan_space.layout import Grid, Header, Para, Signature, layout
from tests.plan_space.spec import PlanSpec


def _header(header: Header, rng: random.Random) -> list[str]:
    issuer = "<br>".join(header.issuer)
    motto = header.motto[0]
    if rng.random() < 0.6:  # a two-column table, as converters write Word's header table
        rows = [f"| **{issuer}** | **{motto}** |", "| --- | --- |"]
        if len(header.motto) > 1:
            rows.append(f"| | **{header.motto[1]}** |")
        number = f"**{header.number}**" if rng.random() < 0.3 else header.number
        rows.append(f"| {number} | *{header.date}* |")
        return [*rows, ""]
    lines = [f"**{line}**" for line in header.issuer] + [header.number, ""]
    lines += [f"**{line}**" for line in header.motto] + ["", f"*{header.date}*", ""]
    return ["\n\n".join(line for line in lines if line), ""]


def _escaped(marker: str) -> str:
    """`1.` → `1\\.` (else Markdown starts an ordered list); `a)` stays."""
    return marker.replace(".", "\\.") if marker[:1].isdigit() else marker


def _para(para: Para, rng: random.Random, style: int) -> str:
    marker, text = para.marker, para.text
    if para.role == "part":
        return f"## **{marker} {text}**" if style else f"**{marker} {text}**"
    if para.role == "section" and marker:
        escaped = _escaped(marker)
        if text.endswith(":") or len(text.split()) <= 8:
            return f"**{escaped} {text}**" if style else f"**{escaped}** {text}"
        return f"**{escaped}** {text}" if style else f"{escaped} {text}"
    if para.role == "point" and marker:
        return f"**{marker}** {text}" if style else f"{marker} {text}"
    if para.role == "bullet":
        return f"\\- {text}" if style else f"- {text}"
    if para.role in ("kind", "appendix") or (para.role == "title" and text.isupper()):
        return f"# **{text}**" if para.role == "kind" and style else f"**{text}**"
    return text


def _table(grid: Grid, breaks: bool) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("; ", "<br>") if breaks else text

    lines = ["| " + " | ".join(grid.header) + " |", "|" + "---|" * len(grid.header)]
    for k, row in enumerate(grid.rows):
        if k in grid.groups:
            cells = [f"**{row[0]}**", f"**{row[1]}**", *row[2:]]
        else:
            cells = [cell(text) for text in row]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def _signature(signature: Signature, rng: random.Random) -> list[str]:
    block = "<br>".join(f"**{line}**" for line in signature.lines)
    if rng.random() < 0.5:
        recipients = "<br>".join(["**Nơi nhận:**", *(f"- {r}" for r in signature.recipients)])
        return [
            f"| {recipients} | {block}<br><br><br>**{signature.name}** |", "| --- | --- |", "",
        ]  # fmt: skip
    lines = ["**Nơi nhận:**", *(f"\\- {r}" for r in signature.recipients)]
    lines += [f"**{line}**" for line in signature.lines] + [f"**{signature.name}**"]
    return ["\n\n".join(lines), ""]


def render_markdown(spec: PlanSpec) -> str:
    rng = random.Random(spec.seed)
    style = rng.randint(0, 1)
    breaks = rng.random() < 0.6
    out: list[str] = []
    for block in layout(spec):
        if isinstance(block, Header):
            out += _header(block, rng)
        elif isinstance(block, Signature):
            out += _signature(block, rng)
        elif isinstance(block, Grid):
            out += _table(block, breaks)
        else:
            out += [_para(block, rng, style), ""]
    return "\n".join(out)
