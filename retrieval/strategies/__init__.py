"""Answer strategies, one job each, that `retrieval.assistant.Assistant` routes a question to.

Each module has one public function, `answer(ctx) -> Answer | None`: the answer when the
question is its kind, else None and the next one is tried. `ctx` is a
`retrieval.strategies.context.Context`: the question (`query`) and its typed reading
(`reading`, from `retrieval.constraints`), the plans it is about (`scope`), the
conversation, and the ingested plans' services (`library`: clause search, document
directory, units, term weights, reranker). The order, as in `retrieval.assistant.STRATEGIES`:

1. `cited_document` — a fact of a document the plans cite, quoted from the plan's own
   mention: named by number and not loaded, its date as a plan writes it beside its number
   ("Nghị định số 26/2020/NĐ-CP ngày 28 tháng 02 năm 2020 …"); named by kind and name as a
   named plan's basis ("QĐ 254 căn cứ Luật …", "Tờ trình số mấy"), the basis line naming it.
   `not_loaded` — a plan named but only mentioned by the loaded plans, or a place no loaded
   plan is about: declined, saying so.
   `plan_parts` — a question asking each plan named its own part ("KH 09 giao … cơ quan
   nào, còn QĐ 2200 giao ai chủ trì?", "NQ 34 yêu cầu … khi nào, và KH 134 ban hành ngày
   nào?"): each part answered over its plan alone, a part unanswered declining the whole.
2. `effective_date` — when a named plan takes effect, from its own article ("Quyết định này
   có hiệu lực kể từ ngày ký"). `document_facts` — who signed a plan, when, its số hiệu,
   who proposed a decision (intent ``document_facts``).
   `copy_note` — whether the loaded text is the original or a machine transcription,
   from the note it opens with ("[Bản trích chữ tự động bằng tesseract …]").
3. `follow_up` — a turn leaning on the previous one: the clauses it cited, the previous
   question asked of another plan, or the previous intent kept.
4. `clause_lookup` — a clause named by number or path ("chỉ tiêu 6.6", "chỉ tiêu 3 mục IV
   phụ lục 01"); a path no clause lies in is said to be missing.
5. `missing_appendix` — an appendix asked about that the plan's ingested text lacks.
   `numbered_absent` — a step, round or session numbered as the plans never number it
   ("Bước 7" of steps 1–6, "Hội nghị lần thứ 12" of session 11): declined, saying so.
   `measure_unit` — the unit a table's figures are written in, from its "ĐVT:" line.
   `attached_details` — where a plan puts its details, from its own line pointing to the
   tables it attaches ("(Chi tiết có các biểu số 01, 02 … kèm theo)").
   `unnamed_place` — a place ("xã Ân Hảo") the one plan named never names: declined.
6. `count_items` — "có bao nhiêu X": the items under the heading that names X word for
   word, counted and quoted.
   `row_groups` — the headings a plan's rows stand under ("… chia các chỉ tiêu thành những
   nhóm nào?").
   `unnamed_unit` — the tasks of a unit the settled plan never names, recognised by the
   shape of its name ("Thanh tra Chính phủ được giao nhiệm vụ gì?"): declined, saying so.
   `partners` — whom a unit works with ("Bộ Ngoại giao phối hợp với những bộ nào?"): the
   units its own duty names after "phối hợp với".
   `list_by_unit` — the table rows naming a unit in the role asked; a role the tables lack
   is said to be absent.
   `units_assigned` — which units a plan gives duties to ("phân công cho những cơ quan nào?").
7. `list_by_period` — the table rows due in the period asked.
8. `compare` — the same topic in two or more plans, every plan named answered or missing;
   a plan named whose clauses the topic search misses is asked the question alone
   (`retrieval.side_questions`), as a single-plan question.
9. `unit_duties` — what a unit is to do: the clauses headed by it, then its rows.
10. `search_answer` — last, always answers: hybrid search, reranked, the best clause that
    covers the question's topic, or an abstention with the closest clauses.

Shared pieces live in modules named for their job: `retrieval.scope` (which plans),
`retrieval.topic` (the question's content words), `retrieval.coverage` (how much of the
topic a clause covers), `retrieval.ranking` (reranking, candidate lists),
`retrieval.clause_content` (content or bare heading, children of a heading),
`retrieval.appendix_rows` (whether a plan's appendices carry rows).
"""
