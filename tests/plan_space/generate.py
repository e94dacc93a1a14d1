"""`generate(seed)`: a random but typed plan, every choice drawn from one `random.Random`."""

from __future__ import annotations

import random

from tests.plan_space import vocabulary as vocab
from tests.plan_space.spec import (
    Column,
    DateSpec,
    DecisionSpec,
    DutyRow,
    Issuer,
    Node,
    NumberSpec,
    PlanSpec,
    SignerSpec,
    TableRowSpec,
    TableSpec,
    TitleSpec,
)

LETTERS = "abcdđeghiklmn"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")
KIND_CODES = {
    "Kế hoạch": "KH",
    "Chương trình": "CTr",
    "Đề án": "ĐA",
    "Nghị quyết": "NQ",
    "Chỉ thị": "CT",
}
STAGES = (
    ("Trong năm 2026", "2026"),
    ("Mục tiêu đến năm 2030", "2030"),
    ("Giai đoạn 2026-2030", "2026-2030"),
    ("Tầm nhìn đến năm 2045", "2045"),
    ("Mục tiêu cụ thể đến năm 2027", "2027"),
)
SUBJECTS = (
    ("chuyển đổi số", "năm 2026"),
    ("cải cách hành chính", "năm 2026"),
    ("phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số", "giai đoạn 2026-2030"),
    ("phát triển hạ tầng số", "đến năm 2030"),
)


def _issuer(rng: random.Random, name: str | None) -> Issuer:
    make = vocab.ISSUER_KINDS[name] if name else rng.choice(list(vocab.ISSUER_KINDS.values()))
    return make(rng)


def _number(rng: random.Random, issuer: Issuer, kind: str) -> NumberSpec:
    digits = None if rng.random() < 0.15 else str(rng.randint(1, 999))
    code = KIND_CODES[kind]
    if issuer.party:
        return NumberSpec(digits, f"{code}/{issuer.code}", True, rng.random() < 0.3)
    return NumberSpec(
        digits, f"{code}-{issuer.code}", False, rng.random() < 0.85, rng.random() < 0.15
    )


def _date(rng: random.Random, issuer: Issuer) -> DateSpec:
    blank = rng.random()
    day = None if blank < 0.15 else rng.randint(1, 28)
    month = None if blank < 0.05 else rng.randint(1, 12)
    return DateSpec(
        issuer.date_place, day, month, rng.choice((2025, 2026)), rng.random() < 0.5,
        rng.random() < 0.5,
    )  # fmt: skip


def _area(issuer: Issuer) -> str:
    place = issuer.place
    return f"{place.level} {place.name}" if place and place.name else ""


def _title(rng: random.Random, issuer: Issuer, kind: str) -> TitleSpec:
    topic, stage = rng.choice(SUBJECTS)
    area = _area(issuer)
    words = f"{topic}{' ' + area if area else ''} {stage}"
    if rng.random() < 0.3:
        words = f"thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về {topic} {stage}"
    caps = rng.random() < 0.6
    # a subject in ordinary case keeps "thực hiện …" in lower case, as authors write it
    first = words if not caps and words.startswith("thực") else words[:1].upper() + words[1:]
    count = rng.choice((1, 1, 2, 3))
    lines = _balanced(first.split(), count)
    # never a title line that is only a stage ("NĂM 2026", "ĐẾN NĂM 2030"): a known gap,
    # tested on its own (tests/test_plan_space_known_gaps.py)
    if len(lines) > 1 and lines[-1].lower().startswith(("năm ", "đến ", "giai đoạn ")):
        lines = (*lines[:-2], f"{lines[-2]} {lines[-1]}")
    same_line = not caps and len(lines) == 1 and rng.random() < 0.5
    return TitleSpec(kind, lines, caps, same_line)


def _balanced(words: list[str], count: int) -> tuple[str, ...]:
    """Words broken into `count` lines of about the same length, as a centred title is."""
    total = sum(len(w) + 1 for w in words)
    lines: list[list[str]] = [[]]
    for word in words:
        if len(lines) < count and sum(len(w) + 1 for w in lines[-1]) >= total / count:
            lines.append([])
        lines[-1].append(word)
    return tuple(" ".join(line) for line in lines if line)


def _units(rng: random.Random, issuer: Issuer, count: int) -> list[str]:
    return rng.sample(vocab.UNITS[issuer.level], count)


def _joined(rng: random.Random, units: list[str]) -> str:
    if len(units) == 1:
        return units[0]
    return ", ".join(units[:-1]) + " và " + units[-1] if rng.random() < 0.5 else ", ".join(units)


def _part_heading(rng: random.Random, caps: str) -> str:
    """A part's heading: in capitals, or (some authors) in sentence case."""
    return caps if rng.random() < 0.8 else caps[:1] + caps[1:].lower()


def _purpose(rng: random.Random) -> Node:
    bullets = (
        "Quán triệt đầy đủ các chủ trương của Đảng, chính sách của Nhà nước về chuyển đổi số.",
        "Xác định rõ nhiệm vụ, lộ trình và trách nhiệm của các cơ quan, đơn vị.",
        "Bảo đảm sự phối hợp chặt chẽ, đồng bộ giữa các cấp, các ngành.",
    )
    return Node(
        "part",
        "I",
        _part_heading(rng, "MỤC ĐÍCH, YÊU CẦU"),
        True,
        children=(
            Node("section", "1", "Mục đích", True, children=(Node("bullet", None, bullets[0]),)),
            Node(
                "section",
                "2",
                "Yêu cầu",
                True,
                children=tuple(Node("bullet", None, text) for text in bullets[1:]),
            ),
        ),
    )


def _targets(rng: random.Random, part: str) -> Node:
    stages = rng.sample(STAGES, rng.randint(1, 3))
    stages.sort(key=lambda s: s[1][:4])
    sections = [
        Node(
            "section",
            "1",
            "Mục tiêu chung",
            True,
            children=(
                Node("paragraph", None, "Phát triển chính quyền số, kinh tế số và xã hội số."),
            ),
        )
    ]
    pool = rng.sample(vocab.TARGETS, len(vocab.TARGETS))  # no target under two stages
    form = rng.choice(("heading", "heading", "lead-in", "point"))
    staged: list[Node] = []
    for k, (heading, label) in enumerate(stages, start=2):
        picked = [pool.pop() for _ in range(min(len(pool), rng.randint(1, 2)))]
        style = "bullet" if form != "heading" else rng.choice(("bullet", "point"))
        children = tuple(
            Node(
                style,
                LETTERS[n] if style == "point" else None,
                f"{text} đạt {rng.randint(30, 99)}{' %' if unit == '%' else ' ' + unit};",
                period=label,
            )
            for n, (text, unit) in enumerate(picked)
        )
        if form == "heading":  # "2. Mục tiêu đến năm 2030" (in capitals now and then)
            shown = heading.upper() if rng.random() < 0.2 else heading
            sections.append(Node("section", str(k), shown, True, label, children))
        elif form == "lead-in":  # an unnumbered "Đến năm 2030:" before its items
            staged += [Node("paragraph", None, f"{_lead_in(heading)}:", period=label), *children]
        else:  # "a) Đến năm 2030:" with its items under it
            letter = LETTERS[k - 2]
            staged.append(Node("point", letter, f"{_lead_in(heading)}:", False, label, children))
    if staged:
        sections.append(Node("section", "2", "Mục tiêu cụ thể", True, children=tuple(staged)))
    return Node("part", part, _part_heading(rng, "MỤC TIÊU"), True, children=tuple(sections))


def _lead_in(heading: str) -> str:
    """ "Mục tiêu đến năm 2030" → "Đến năm 2030" (a lead-in names only its stage)."""
    words = heading.removeprefix("Mục tiêu cụ thể ").removeprefix("Mục tiêu ")
    return words[:1].upper() + words[1:]


def _task_sentence(rng: random.Random, issuer: Issuer) -> tuple[str, DutyRow]:
    lead, *cooperating = _units(rng, issuer, rng.randint(2, 3))
    task = rng.choice(vocab.TASKS)
    lowered = task[:1].lower() + task[1:]
    deadline = rng.choice((None, "Quý IV/2026", "tháng 6/2026", "năm 2027"))
    partners = _joined(rng, cooperating)
    form = rng.random()
    if form < 0.4:
        text = f"{lead} chủ trì, phối hợp với {partners} {lowered}"
    elif form < 0.7:
        text = f"Giao {lead} chủ trì, phối hợp với {partners} {lowered}"
    else:  # "… do Sở X chủ trì, phối hợp với Sở Y thực hiện"
        text = f"{task} do {lead} chủ trì, phối hợp với {partners} thực hiện"
    text += f". Thời hạn: {deadline}." if deadline else "."
    return text, DutyRow(lowered, (lead,), tuple(cooperating), deadline)


def _tasks(rng: random.Random, issuer: Issuer, part: str) -> tuple[Node, list[DutyRow]]:
    duties: list[DutyRow] = []
    sections = []
    for k, group in enumerate(rng.sample(vocab.GROUPS, rng.randint(1, 3)), start=1):
        points = []
        for n in range(rng.randint(1, 3)):
            if rng.random() < 0.6:
                text, duty = _task_sentence(rng, issuer)
                duties.append(duty)
            else:
                text = rng.choice(vocab.TASKS) + "."
            points.append(Node("point", LETTERS[n], text))
        sections.append(Node("section", str(k), group, True, children=tuple(points)))
    return Node(
        "part", part, _part_heading(rng, "NHIỆM VỤ, GIẢI PHÁP"), True, children=tuple(sections)
    ), duties


def _organisation(rng: random.Random, issuer: Issuer, part: str) -> tuple[Node, list[DutyRow]]:
    """ "IV. TỔ CHỨC THỰC HIỆN" with unit headings: numbered with tasks under them or after
    the colon, or unnumbered "Công an tỉnh:" lines followed by "-" items."""
    if issuer.party and rng.random() < 0.4:
        return _party_cells(rng, part)
    duties: list[DutyRow] = []
    children = []
    form = rng.choice(("section", "section", "paragraph", "point"))
    pool = rng.sample(vocab.TASKS, len(vocab.TASKS))  # each unit its own tasks
    for k, unit in enumerate(_units(rng, issuer, rng.randint(2, 4)), start=1):
        tasks = [pool.pop() for _ in range(rng.randint(1, 3))]
        inline = form != "paragraph" and len(tasks) == 1 and rng.random() < 0.5
        kind, number = ("point", LETTERS[k - 1]) if form == "point" else ("section", str(k))
        if inline:  # "2. Sở Tài chính: Bố trí kinh phí …"
            children.append(Node(kind, number, f"{unit}: {tasks[0]}."))
        else:
            bullets = tuple(Node("bullet", None, f"{task};") for task in tasks)
            if form == "paragraph":  # "Công an tỉnh:" then its "-" items
                children.append(Node("paragraph", None, f"{unit}:"))
                children.extend(bullets)
            else:  # "1. Sở Khoa học và Công nghệ:" / "a) Ban Tổ chức Tỉnh ủy:"
                headed = kind == "section"
                children.append(Node(kind, number, f"{unit}:", headed, children=bullets))
        duties.extend(DutyRow(task, (unit,)) for task in tasks)
    if form == "point":  # the units' points under "1. Các cơ quan, đơn vị"
        children = [Node("section", "1", "Trách nhiệm thực hiện", True, children=tuple(children))]
    heading = _part_heading(rng, "TỔ CHỨC THỰC HIỆN")
    node = Node("part", part, heading, True, children=tuple(children))
    return node, duties


def _party_cells(rng: random.Random, part: str) -> tuple[Node, list[DutyRow]]:
    """A Party plan's "1. Trách nhiệm của các tổ đảng" with "a) Tổ đảng ở …" unit headings
    (no colon) and each cell's tasks under it, as "-" items or as sentences of their own."""
    duties: list[DutyRow] = []
    points = []
    pool = rng.sample(vocab.TASKS, len(vocab.TASKS))
    cells = rng.sample(vocab.PARTY_CELLS, rng.randint(2, 3))
    sentences = rng.random() < 0.5
    for k, cell in enumerate(cells):
        unit = f"Tổ đảng ở {cell}"
        tasks = [pool.pop() for _ in range(rng.randint(1, 3))]
        bullets = tuple(
            Node("paragraph", None, f"{task}.") if sentences else Node("bullet", None, f"{task};")
            for task in tasks
        )
        points.append(Node("point", LETTERS[k], unit, children=bullets))
        duties.extend(DutyRow(task, (unit,)) for task in tasks)
    section = Node("section", "1", "Trách nhiệm của các tổ đảng", True, children=tuple(points))
    heading = _part_heading(rng, "TỔ CHỨC THỰC HIỆN")
    return Node("part", part, heading, True, children=(section,)), duties


def _cell_units(units: list[str], comma: bool) -> str:
    return (", " if comma else "; ").join(units)


def _table(
    rng: random.Random,
    issuer: Issuer,
    kind: str,
    number: NumberSpec,
    date: DateSpec,
    comma: bool,
) -> TableSpec:
    indicators = rng.random() < 0.35

    def header(role: str) -> str:
        return rng.choice(vocab.HEADERS[role])

    if indicators:
        periods = rng.sample(("2026", "2027", "2030", "2026-2030"), rng.randint(1, 3))
        periods.sort()
        value_header = {
            "2026": "Năm 2026",
            "2027": "Năm 2027",
            "2030": rng.choice(("Đến năm 2030", "Chỉ tiêu đến 2030", "Năm 2030")),
            "2026-2030": "Giai đoạn 2026-2030",
        }
        columns = [
            Column("content", header("indicator")),
            Column("measure_unit", header("measure_unit")),
        ]
        # the value columns under one spanning label ("Kết quả" over "Năm 2026 | Năm 2030")
        # in some tables; the renderers that cannot merge cells write the sub-labels alone
        span = (
            rng.choice((None, None, "Kết quả", "Chỉ tiêu phấn đấu")) if len(periods) > 1 else None
        )
        columns += [Column("value", value_header[p], p, span) for p in periods]
        columns.append(Column("lead", header("lead")))
        if rng.random() < 0.4:
            columns.append(Column("note", "Ghi chú"))
    else:
        columns = [Column("content", header("content")), Column("lead", header("lead"))]
        for role, chance in (
            ("cooperating", 0.8),
            ("deadline", 0.8),
            ("product", 0.5),
            ("note", 0.3),
        ):
            if rng.random() < chance:
                columns.append(Column(role, header(role)))
        # the task column stays right after STT (group titles are merged from there on);
        # the other columns come in any order
        # and "Ghi chú" closes the table, as it does in every appendix
        rest = [c for c in columns[1:] if c.role != "note"]
        rng.shuffle(rest)
        columns = [columns[0], *rest, *(c for c in columns if c.role == "note")]
    columns.insert(0, Column("number", header("number")))
    rows: list[TableRowSpec] = []
    groups = rng.sample(vocab.GROUPS, rng.randint(2, 3)) if rng.random() < 0.5 else [None]
    dotted = rng.random() < 0.5
    counter = 0
    for g, group in enumerate(groups, start=1):
        if group is not None:
            label = str(g) if dotted else ROMAN[g - 1]
            # a group row: its title merged across the row, from the second column on
            texts = [label, group] + [""] * (len(columns) - 2)
            cells = tuple((c.header, text) for c, text in zip(columns, texts, strict=True))
            rows.append(TableRowSpec(label, True, cells, group))
        for n in range(1, rng.randint(2, 3) + 1):
            counter += 1
            label = f"{g}.{n}" if group is not None and dotted else str(counter)
            rows.append(_task_row(rng, issuer, columns, label, group, indicators, comma))
    title = (
        "PHỤ LỤC",
        "CHỈ TIÊU CHỦ YẾU" if indicators else "DANH MỤC NHIỆM VỤ TRỌNG TÂM",
        f"(Kèm theo {kind} số {number.value or '   /' + number.symbol} ngày {date.slashed})",
    )
    return TableSpec(title, tuple(columns), tuple(rows))


def _task_row(
    rng: random.Random, issuer: Issuer, columns: list[Column], label: str,
    group: str | None, indicators: bool, comma: bool,
) -> TableRowSpec:  # fmt: skip
    lead, *cooperating = _units(rng, issuer, rng.randint(1, 3))
    if indicators:
        content, measure = rng.choice(vocab.TARGETS)
    else:
        content, measure = rng.choice(vocab.TASKS), None
    texts: dict[str, str] = {}
    values: list[tuple[str | None, str]] = []
    deadline = note = None
    for column in columns:
        role = column.role
        if role == "number":
            text = label
        elif role == "content":
            text = content
        elif role == "lead":
            text = lead
        elif role == "cooperating":
            text = _cell_units(cooperating, comma)
        elif role == "deadline":
            text = deadline = rng.choice(vocab.DEADLINES)
        elif role == "product":
            text = rng.choice(vocab.PRODUCTS)
        elif role == "note":
            text = "Nhiệm vụ chuyển tiếp" if rng.random() < 0.4 else ""
            note = text or None
        elif role == "measure_unit":
            text = measure or ""
        else:  # value
            text = str(rng.randint(20, 100))
            values.append((column.period, text))
        texts[column.header] = text
    has_coop = any(c.role == "cooperating" for c in columns)
    return TableRowSpec(
        number=label,
        group=False,
        cells=tuple((c.header, texts[c.header]) for c in columns),
        content=content,
        lead=(lead,),
        cooperating=tuple(cooperating) if has_coop else (),
        deadline=deadline,
        note=note,
        measure_unit=measure if indicators else None,
        values=tuple(values),
        group_title=group,
    )


def _signer(rng: random.Random, issuer: Issuer) -> SignerSpec:
    name = vocab.person(rng)
    style = rng.random()
    lines: tuple[str, ...]
    if style < 0.45:
        lines = (issuer.head,)
        title = issuer.head
    elif style < 0.9:
        lines = (f"KT. {issuer.head}", issuer.deputy)
        title = issuer.deputy
    else:
        lines = (f"Q. {issuer.head}",)
        title = issuer.head  # the project reads "Q. GIÁM ĐỐC" as the title "Giám đốc"
    if issuer.party:  # a Party committee signs for its collective, never "KT."
        lines = (issuer.head,) if style < 0.6 else (issuer.deputy,)
        title = lines[0]
    if issuer.collective:
        lines = (issuer.collective, *lines)
    return SignerSpec(lines, title.lower().capitalize(), name)


def generate(seed: int, issuer: str | None = None, comma_cells: bool = False) -> PlanSpec:
    """A plan drawn from `seed`; `issuer` picks the kind of body (a key of ISSUER_KINDS);
    `comma_cells` joins a table cell's units with commas instead of semicolons."""
    rng = random.Random(seed)
    body = _issuer(rng, issuer)
    kind = rng.choice(body.kinds)
    number = _number(rng, body, kind)
    date = _date(rng, body)
    title = _title(rng, body, kind)
    preamble = (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
        if not body.party
        else "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị,"
        " Ban Thường vụ ban hành Kế hoạch thực hiện như sau:"
    )
    if body.lines == ("ỦY BAN NHÂN DÂN",) and body.place:  # the level only in the text
        preamble += f" Ủy ban nhân dân {body.place.level} ban hành {kind} như sau:"
    parts = [_purpose(rng), _targets(rng, "II")]
    tasks, duties = _tasks(rng, body, "III")
    organisation, unit_duties = _organisation(rng, body, "IV")
    parts += [tasks, organisation]
    number_spec = number
    table = _table(rng, body, kind, number_spec, date, comma_cells) if rng.random() < 0.85 else None
    decision = _decision(seed, body, kind)
    if decision is not None:  # the plan is the decision's: its own number is the decision's
        number = decision.number
    return PlanSpec(
        seed=seed,
        issuer=body,
        number=number,
        date=date,
        title=title,
        preamble=preamble,
        parts=tuple(parts),
        duties=tuple(duties + unit_duties),
        table=table,
        signer=_signer(rng, body),
        recipients=("Như trên;", "Lưu: VT."),
        decision=decision,
    )


def _decision(seed: int, issuer: Issuer, kind: str) -> DecisionSpec | None:
    """A Quyết định issuing the plan, for about a quarter of the state bodies' Kế hoạch (drawn
    from its own generator, so that the plans of other seeds stay as they were)."""
    rng = random.Random(seed * 7919 + 17)
    if issuer.party or kind != "Kế hoạch" or rng.random() >= 0.25:
        return None
    number = NumberSpec(str(rng.randint(100, 3999)), f"QĐ-{issuer.code}", False, True)
    return DecisionSpec(number, f"{issuer.head} {issuer.lines[-1]}")
