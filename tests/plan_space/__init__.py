"""A generator of plan structures and renderers into every layout plans arrive in.

`generate(seed)` builds a typed `PlanSpec` (issuer to Nghị định 30/2020/NĐ-CP or Hướng dẫn
36-HD/VPTW, số ký hiệu, date, kind and title, sections, stage headings with targets, duties
under unit headings and in role sentences, an appendix task table, the signer block) from a
seeded `random.Random`; the `render_*` modules write it as a web copy, plain text, Markdown,
DOCX, HTML or PDF; `expected` says what a parser must read back, `read` reads a rendering
through the real reader and parser.
"""
