"""A generator of plan structures and renderers into every layout plans arrive in.

- `spec`: the typed `PlanSpec` (issuer, số ký hiệu, date, kind and title, clause tree with
  stages, duties, appendix table, signer); `vocabulary`: bodies to Nghị định 30/2020/NĐ-CP
  and Hướng dẫn 36-HD/VPTW, units, tasks, targets and the header synonyms officials write;
- `generate`: `generate(seed, issuer=None)` draws a plan from one `random.Random(seed)`;
- `layout`: the plan as an author's blocks (header boxes, paragraphs, table, signature);
- `render_text` (plain text, legal-portal web copy), `render_markdown`, `render_office`
  (DOCX, HTML, PDF): the same blocks in each layout;
- `expected`: what a reader must get back, and the same facts from a `ParsedPlan`;
- `read`: a rendering through the real reader and parser (as `kehoach ingest` / `inspect`);
- `cases`: the layouts under test, their seed counts, each case parsed once.

Shapes the parser still reads wrong are avoided by the generator and tested on their own as
strict xfails (tests/test_plan_space_known_gaps.py).
"""
