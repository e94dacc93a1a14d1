"""The chat page, the matrix and the widget in a real browser (headless Chromium).

One kehoach server (the bundled corpus plus a plan full of markup) serves the module;
the widget is embedded in pages of two other origins, one allowed by CORS and one not.
Each test takes a fresh browser context; screenshots land in `test-artifacts/`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from api.web.assets import build_widget_script
from ingest.embedding.hashing import HashingEmbedder
from ingest.settings import Settings
from retrieval import row_lists
from retrieval.runtime import Runtime
from tests.browser_support import (
    CHROMIUM_ARGS,
    artifacts_dir,
    chromium_executable,
    free_port,
    live_server,
    static_site,
)
from tests.test_api_support import (
    EMBED_DIMENSION,
    READ_KEY,
    api_settings,
    build_app,
    corpus_home,
)

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect
Page = sync_api.Page
Browser = sync_api.Browser

NB19 = "ninh-binh-19-KH-UBND-2025"
TIEN_GIANG = "tien-giang-466-KH-UBND-2025"
TIMEOUT_MS = 20_000
WIDGET_TITLE = "Trợ lý kế hoạch của xã"
expect.set_options(timeout=TIMEOUT_MS)

# Markup inside a plan: every piece must show as text and none may run.
XSS_PLAN = """ỦY BAN NHÂN DÂN
TỈNH KIỂM THỬ
Số: 99/KH-UBND
KẾ HOẠCH
Kiểm thử hiển thị <img src=x onerror="window.__kehoachXss=1"> trên cổng năm 2026
I. MỤC TIÊU
Bảo đảm nội dung kế hoạch luôn hiển thị an toàn.
II. NHIỆM VỤ
1. Rà soát đoạn mã <script>window.__kehoachXss=2</script> trên cổng thông tin: Sở Kiểm Thử chủ trì.
2. Tổ chức thực hiện kế hoạch.
PHỤ LỤC
DANH MỤC NHIỆM VỤ
STT |
Nhiệm vụ |
Đơn vị chủ trì |
Đơn vị phối hợp |
Thời gian hoàn thành |
1 |
Gỡ bỏ thẻ <img src=x onerror=window.__kehoachXss=3> khỏi cổng |
Sở Kiểm Thử |
<b onmouseover=window.__kehoachXss=4>Văn phòng</b> |
Tháng 12/2026 |
"""

# Registered before any page script: collects CSP violations the page would cause.
WATCH_CSP = (
    "window.__cspViolations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def widget_page(script_tag: str, body: str = "") -> str:
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin xã</title>
<style>button {{ background: red; font-size: 40px; }}</style></head>
<body><h1>Cổng thông tin điện tử xã Thử Nghiệm</h1>
<p>Trang của một đơn vị khác, nhúng trợ lý bằng một thẻ script.</p>
{body}
{script_tag}
</body></html>"""


def host_site_files(api_origin: str) -> dict[str, str]:
    """The portal's pages: the widget floating, and inline in a box with one plan only,
    from a copy of embed.js the portal hosts itself (so the API origin is configured)."""
    floating = f'<script src="{api_origin}/embed.js" data-title="{WIDGET_TITLE}"></script>'
    inline = (
        f'<script src="/assets/kehoach.js" data-api-origin="{api_origin}" '
        f'data-title="Hỏi về kế hoạch 19" data-document="{NB19}" '
        'data-container="#tro-ly"></script>'
    )
    return {
        "/": widget_page(floating),
        "/inline": widget_page(inline, '<section id="tro-ly"></section>'),
        "/assets/kehoach.js": build_widget_script(),
    }


class Site:
    """The origins the tests visit."""

    def __init__(self, app: str, widget_host: str, foreign_host: str) -> None:
        self.app = app
        self.widget_host = widget_host  # allowed in KEHOACH_API_CORS_ORIGINS
        self.foreign_host = foreign_host  # not allowed


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    chromium_executable()  # skip before the expensive set-up when there is no browser
    home = corpus_home(tmp_path_factory)
    plans = tmp_path_factory.mktemp("xss-plan")
    (plans / "kiem-thu-xss.txt").write_text(XSS_PLAN, encoding="utf-8")
    runtime = Runtime(Settings(home=home), embedder=HashingEmbedder(EMBED_DIMENSION))
    try:
        runtime.ingest_paths([plans])
    finally:
        runtime.close()
    app_port, host_port, foreign_port = free_port(), free_port(), free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    app, runtime = build_app(home, api_settings(api_cors_origins=[host_origin]))
    try:
        app_origin = f"http://127.0.0.1:{app_port}"
        with (
            live_server(app, app_port),
            static_site(host_site_files(app_origin), host_port) as host,
            static_site(host_site_files(app_origin), foreign_port) as foreign,
        ):
            yield Site(app_origin, host, foreign)
    finally:
        runtime.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_executable()
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh context and page that records page errors and dialogs, and fails on them."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(WATCH_CSP)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    yield opened
    shoot(opened, request.node.name)
    context.close()
    assert not problems, problems


def shoot(page: Any, name: str) -> Path:
    path = artifacts_dir() / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def ask(page: Any, question: str, answers_before: int = 0) -> Any:
    """Type a question, send it with Enter, and return the new answer's locator."""
    box = page.get_by_label("Câu hỏi", exact=True)
    box.fill(question)
    box.press("Enter")
    answers = page.locator("article.kh-bot")
    expect(answers).to_have_count(answers_before + 1)
    return answers.nth(answers_before)


def csp_violations(page: Any) -> list[str]:
    found: list[str] = page.evaluate("window.__cspViolations || []")
    return found


# ---- the chat page ---------------------------------------------------------------------


def test_chat_answers_who_leads_with_a_citation_card(site: Site, page: Any) -> None:
    page.goto(site.app + "/")
    page.evaluate("window.__samePage = true")
    answer = ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")
    expect(answer).to_contain_text("Sở Khoa học và Công nghệ")
    expect(answer).to_contain_text("Văn phòng UBND tỉnh")
    expect(answer).to_contain_text("Tháng 11/2025")
    card = answer.locator("li.kh-cite").first
    expect(card).to_contain_text("19/KH-UBND")
    expect(card.locator(".kh-cite-path")).to_contain_text("6.6")
    # answered in place: the page was not reloaded
    assert page.evaluate("window.__samePage") is True
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert csp_violations(page) == []


def test_opening_a_card_shows_the_clause_with_the_quote_marked(site: Site, page: Any) -> None:
    page.goto(site.app + "/")
    answer = ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")
    clause = answer.locator("li.kh-cite").first.locator(".kh-clause-text")
    expect(clause).to_be_hidden()
    answer.get_by_role("button", name="Xem trích dẫn 1").first.click()  # the [1] in the text
    expect(clause).to_be_visible()
    expect(clause).to_contain_text("6.6. |")
    expect(clause).to_contain_text("Tỉ lệ hồ sơ thủ tục hành chính")
    marked = clause.locator("mark").inner_text()
    assert "Tháng 11/2025" in marked
    assert marked in clause.inner_text()
    # the summary line can close it again
    answer.locator("li.kh-cite summary").first.click()
    expect(clause).to_be_hidden()


def test_a_follow_up_stays_in_the_conversation_until_a_new_one(site: Site, page: Any) -> None:
    sent: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: (
            sent.append(json.loads(r.post_data or "{}")) if r.url.endswith("/v1/ask") else None
        ),
    )
    page.goto(site.app + "/")
    ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")
    follow_up = ask(page, "còn thời hạn thì sao?", answers_before=1)
    expect(follow_up).to_contain_text("Tháng 11/2025")
    expect(follow_up.locator("li.kh-cite").first).to_contain_text("6.6")
    assert sent[0]["conversation_id"] is None
    assert sent[1]["conversation_id"]  # the id the first answer returned
    page.get_by_role("button", name="Hội thoại mới").click()
    expect(page.locator("article.kh-bot")).to_have_count(0)
    ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")
    assert sent[2]["conversation_id"] is None


def cited_plans(answer: Any) -> set[str]:
    texts: list[str] = answer.locator("li.kh-cite .kh-cite-doc").all_inner_texts()
    return set(texts)


def test_ambiguous_number_offers_the_plans_and_the_filter_narrows(site: Site, page: Any) -> None:
    page.goto(site.app + "/")
    several = ask(page, "chỉ tiêu 2.1 là gì?")
    expect(several).to_contain_text("19/KH-UBND")
    expect(several).to_contain_text("466/KH-UBND")
    # one button per plan re-asks the question in that plan
    several.get_by_role(
        "button", name="Hỏi lại trong Kế hoạch Chuyển đổi số tỉnh Tiền Giang"
    ).click()
    in_one = page.locator("article.kh-bot").nth(1)
    expect(in_one.locator("li.kh-cite").first).to_contain_text("466/KH-UBND")
    assert all("466/KH-UBND" in plan for plan in cited_plans(in_one))
    plan = page.get_by_label("Kế hoạch", exact=True)
    expect(plan).to_have_value(TIEN_GIANG)  # the filter shows the plan now asked
    plan.select_option(NB19)
    other = ask(page, "chỉ tiêu 2.1 là gì?", answers_before=2)
    expect(other).to_contain_text("Phủ sóng 5G")
    assert all("19/KH-UBND" in plan for plan in cited_plans(other))


def test_copy_answer_puts_the_answer_and_its_sources_on_the_clipboard(
    site: Site, browser: Any
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(site.app + "/")
        answer = ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")
        answer.get_by_role("button", name="Sao chép câu trả lời").click()
        expect(page.get_by_role("status").first).to_have_text("Đã sao chép câu trả lời.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "Sở Khoa học và Công nghệ" in copied
        assert "[1] Kế hoạch Chuyển đổi số tỉnh Ninh Bình năm 2025 (19/KH-UBND)" in copied
    finally:
        context.close()


def test_keyboard_alone_asks_and_opens_a_citation(site: Site, page: Any) -> None:
    page.goto(site.app + "/")
    # the question box has focus on arrival
    assert page.evaluate("document.activeElement.id") == "kh-question"
    page.keyboard.type("so nao chu tri chi tieu 6.6")
    page.keyboard.press("Enter")
    expect(page.locator("article.kh-bot")).to_have_count(1)
    for _ in range(12):  # back through the page until a citation card's summary
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    else:
        pytest.fail("no citation card is reachable with the keyboard")
    page.keyboard.press("Enter")
    expect(page.locator("li.kh-cite details[open] .kh-clause-text")).to_be_visible()


def test_every_control_has_a_label(site: Site, page: Any) -> None:
    for path in ("/", "/matrix"):
        page.goto(site.app + path)
        page.wait_for_load_state("networkidle")
        unlabeled = page.evaluate(
            """() => [...document.querySelectorAll('input, select, textarea, button')]
                .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                              && !el.textContent.trim())
                .map(el => el.outerHTML)"""
        )
        assert unlabeled == [], (path, unlabeled)
        assert page.evaluate("document.documentElement.lang") == "vi"


def test_phone_screen_has_no_sideways_scroll(site: Site, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(site.app + "/")
        answer = ask(page, "VP UBND tỉnh theo dõi những chỉ tiêu nào?")
        expect(answer).to_contain_text("6.6")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360
        expect(page.get_by_role("button", name="Hỏi", exact=True)).to_be_in_viewport()
        shoot(page, "phone-chat")
        page.goto(site.app + "/matrix")
        expect(page.locator("#matrix-table tbody tr").first).to_be_visible()
        # the wide table scrolls inside its own box, not the page
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        shoot(page, "phone-matrix")
    finally:
        context.close()


# ---- the responsibility matrix ------------------------------------------------------------


def matrix_rows(page: Any) -> list[list[str]]:
    rows: list[list[str]] = page.evaluate(
        """() => [...document.querySelectorAll('#matrix-table tbody tr')]
            .map(tr => [...tr.cells].map(td => td.textContent))"""
    )
    return rows


def wait_for_rows(page: Any, query_part: str) -> list[list[str]]:
    """The table's rows once the request whose query holds `query_part` has been shown.

    (Polled from here: `wait_for_function` evaluates strings, which the page's CSP forbids.)
    The page updates the URL and marks the table loading in one step, so the URL first,
    then the ready mark, belong to the same request.
    """
    if query_part:
        expect(page).to_have_url(re.compile(re.escape(query_part)))
    expect(page.locator("#matrix-table")).to_have_attribute("data-state", "ready")
    return matrix_rows(page)


def test_matrix_filters_by_unit_plan_and_deadline(site: Site, page: Any) -> None:
    page.goto(site.app + "/matrix")
    everything = wait_for_rows(page, "")
    assert len(everything) >= 88  # 56 + 31 rows in the bundled appendices, and the test plan's
    expect(page.locator("#matrix-count")).to_have_text(f"{len(everything)} dòng phân công phù hợp.")

    page.get_by_label("Đơn vị", exact=True).fill(
        "Sở KHCN"
    )  # abbreviation of Sở Khoa học và Công nghệ
    page.get_by_label("Vai trò", exact=True).select_option("lead")  # a select applies at once
    rows = wait_for_rows(page, "unit=S%E1%BB%9F+KHCN&role=lead")
    assert 0 < len(rows) < len(everything)
    assert all("Sở Khoa học và Công nghệ" in row[4] for row in rows)

    page.get_by_label("Kế hoạch", exact=True).select_option(NB19)
    rows = wait_for_rows(page, f"document={NB19}")
    assert rows and all(row[0] == "19/KH-UBND" for row in rows)

    page.get_by_label("Hạn đến ngày", exact=True).fill("30/06/2025")
    page.get_by_role("button", name="Lọc", exact=True).click()
    early = wait_for_rows(page, "due_before=2025-06-30")
    assert len(early) < len(rows)
    assert all("2025" in row[6] for row in early)

    page.get_by_role("button", name="Bỏ lọc").click()
    expect(page).to_have_url(site.app + "/matrix")
    expect(page.locator("#matrix-table")).to_have_attribute("data-state", "ready")
    assert len(matrix_rows(page)) == len(everything)


def test_matrix_dates_read_dd_mm_yyyy_in_an_en_us_browser(site: Site, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(site.app + "/matrix?due_after=2025-10-01")
        after = page.get_by_label("Hạn từ ngày", exact=True)
        expect(after).to_have_value("01/10/2025")  # from the link, in the Vietnamese order
        before = page.get_by_label("Hạn đến ngày", exact=True)
        assert before.get_attribute("placeholder") == "dd/mm/yyyy"
        assert page.evaluate("navigator.language") == "en-US"
        before.fill("31/10/2025")
        page.get_by_role("button", name="Lọc", exact=True).click()
        rows = wait_for_rows(page, "due_after=2025-10-01&due_before=2025-10-31")
        assert rows and all("10/2025" in row[6] for row in rows)
        shoot(page, "matrix-dates-en-us")

        before.fill("10/31/2025")  # month first, as an en-US reader might type it
        page.get_by_role("button", name="Lọc", exact=True).click()
        expect(page.locator("#matrix-count")).to_have_text(
            "Ngày phải ghi dạng dd/mm/yyyy, ví dụ 31/12/2025."
        )
    finally:
        context.close()


def test_matrix_labels_rows_by_appendix_and_offers_each_unit_once(site: Site, page: Any) -> None:
    page.goto(site.app + f"/matrix?document={NB19}")
    rows = wait_for_rows(page, "document=")
    labels = [row[1] for row in rows]
    assert "PL2 · 9" in labels and "PL1 · 6.6" in labels
    options = page.evaluate(
        "[...document.querySelectorAll('#f-unit-list option')].map(o => o.value)"
    )
    assert "Sở Khoa học và Công nghệ" in options and "Sở KHCN" not in options
    plans = page.evaluate("[...document.querySelectorAll('#f-document option')].map(o => o.value)")
    assert NB19 in plans


def test_a_long_list_shows_ten_rows_then_all_on_request(site: Site, page: Any) -> None:
    page.goto(site.app + "/")
    answer = ask(page, "Những nhiệm vụ nào phải hoàn thành trong năm 2025?")
    expect(answer.locator(".kh-headline")).to_contain_text("chỉ tiêu/nhiệm vụ")
    expect(answer.locator(".kh-answer-text li:visible")).to_have_count(10)
    expect(answer.locator(".kh-group").first).to_contain_text("Phụ lục 1")
    # the headings of plans and appendices whose rows all wait behind "Xem tất cả" wait too
    expect(answer.locator(".kh-group:visible")).to_have_count(1)
    expect(answer.locator(".kh-answer-text li").first).to_contain_text("PL1 · ")
    expect(answer.locator("a.kh-matrix-link")).to_have_attribute(
        "href", "matrix?due_after=2025-01-01&due_before=2025-12-31"
    )
    shoot(page, "chat-long-list-first-rows")
    answer.get_by_role("button", name=re.compile("Xem tất cả")).click()
    total = answer.locator(".kh-answer-text li").count()
    assert total > 30
    expect(answer.locator(".kh-answer-text li:visible")).to_have_count(total)
    expect(answer.locator(".kh-group:visible")).to_have_count(answer.locator(".kh-group").count())
    assert answer.locator(".kh-group").count() > 1
    card = answer.locator("li.kh-cite").first
    expect(card.locator(".kh-cite-quote")).to_contain_text(" · ")
    expect(card).not_to_contain_text("ký tự")


def test_a_long_lists_matrix_link_opens_the_matrix_on_the_same_rows(site: Site, page: Any) -> None:
    page.goto(site.app + "/")
    answer = ask(page, "So KHCN chu tri nhung nhiem vu nao trong ke hoach 19?")
    headline = answer.locator(".kh-headline")
    expect(headline).to_contain_text("chỉ tiêu/nhiệm vụ")
    count = int(headline.inner_text().split()[1])  # "Có 8 chỉ tiêu/nhiệm vụ ghi …"
    answer.get_by_role("link", name="Mở bảng phân công").click()
    rows = wait_for_rows(page, f"document={NB19}")
    expect(page.get_by_label("Đơn vị", exact=True)).to_have_value("Sở Khoa học và Công nghệ")
    expect(page.get_by_label("Vai trò", exact=True)).to_have_value("lead")
    expect(page.get_by_label("Kế hoạch", exact=True)).to_have_value(NB19)
    assert len(rows) == count
    assert all(row[0] == "19/KH-UBND" and "Sở Khoa học và Công nghệ" in row[4] for row in rows)
    shoot(page, "matrix-from-an-answer")

    # an answer over two plans links both; the matrix offers them as one choice
    two = f"{NB19}&document={TIEN_GIANG}"
    page.goto(site.app + f"/matrix?unit=C%C3%B4ng+an+t%E1%BB%89nh&document={two}")
    rows = wait_for_rows(page, f"document={TIEN_GIANG}")
    expect(page.get_by_label("Kế hoạch", exact=True)).to_have_value(f"{NB19},{TIEN_GIANG}")
    assert rows and {row[0] for row in rows} <= {"19/KH-UBND", "466/KH-UBND"}


def test_matrix_downloads_the_filtered_rows_as_csv_and_xlsx(site: Site, page: Any) -> None:
    page.goto(site.app + "/matrix?unit=C%C3%B4ng+an+t%E1%BB%89nh")
    expect(page.get_by_label("Đơn vị", exact=True)).to_have_value("Công an tỉnh")
    shown = wait_for_rows(page, "unit=")
    assert shown
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Tải CSV").click()
    assert csv_download.value.suggested_filename == "phan-cong.csv"
    text = Path(csv_download.value.path()).read_text(encoding="utf-8-sig")
    records = list(csv.reader(io.StringIO(text)))
    assert len(records) - 1 == len(shown)
    assert all("Công an tỉnh" in ";".join(record) for record in records[1:])

    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="Tải Excel (XLSX)").click()
    assert xlsx_download.value.suggested_filename == "phan-cong.xlsx"
    workbook = Path(xlsx_download.value.path()).read_bytes()
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    assert sheet is not None and sheet.max_row - 1 == len(shown)


# ---- the widget on other sites -------------------------------------------------------------


def test_widget_on_an_allowed_site_answers_with_citations(site: Site, page: Any) -> None:
    page.goto(site.widget_host + "/")
    launcher = page.get_by_role("button", name=WIDGET_TITLE)
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("heading", name=WIDGET_TITLE)).to_be_visible()
    answer = ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")  # Playwright pierces the shadow root
    expect(answer).to_contain_text("Sở Khoa học và Công nghệ")
    card = answer.locator("li.kh-cite").first
    expect(card).to_contain_text("19/KH-UBND")
    card.locator("summary").click()
    expect(card.locator(".kh-clause-text mark")).to_contain_text("Tháng 11/2025")
    # the host page's `button { background: red }` does not reach into the widget
    colour = page.get_by_role("button", name="Hỏi", exact=True).evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert colour != "rgb(255, 0, 0)"
    shoot(page, "widget-answer")
    # Escape closes it and gives focus back to the launcher
    page.get_by_label("Câu hỏi", exact=True).press("Escape")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    expect(launcher).to_be_focused()
    assert page.evaluate("typeof khMountChat") == "undefined"  # nothing leaked to globals


def test_widget_inline_with_a_configured_api_origin_and_one_plan(site: Site, page: Any) -> None:
    page.goto(site.widget_host + "/inline")
    box = page.locator("#tro-ly")
    expect(box.get_by_role("heading", name="Hỏi về kế hoạch 19")).to_be_visible()
    expect(box.get_by_label("Kế hoạch", exact=True)).to_have_count(0)  # the plan is fixed
    answer = ask(page, "chỉ tiêu 2.1 là gì?")  # three plans have a 2.1; this box asks one
    expect(answer).to_contain_text("Phủ sóng 5G")
    expect(answer.locator("li.kh-cite")).to_have_count(1)
    expect(answer.locator("li.kh-cite")).to_contain_text("19/KH-UBND")
    shoot(page, "widget-inline")


def test_widget_on_a_site_outside_the_cors_list_gets_no_answer(site: Site, page: Any) -> None:
    page.goto(site.foreign_host + "/")
    page.get_by_role("button", name=WIDGET_TITLE).click()
    box = page.get_by_label("Câu hỏi", exact=True)
    box.fill("Sở nào chủ trì chỉ tiêu 6.6?")
    box.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("KEHOACH_API_CORS_ORIGINS")
    expect(page.locator("article.kh-bot")).to_have_count(0)


# ---- plan text is text ----------------------------------------------------------------------


def test_markup_in_a_plan_is_shown_and_never_run(site: Site, page: Any) -> None:
    page.goto(site.app + "/")
    answer = ask(page, "Ai chủ trì nhiệm vụ gỡ bỏ thẻ img khỏi cổng?")
    expect(answer).to_contain_text("<img src=x onerror=window.__kehoachXss=3>")
    card = answer.locator("li.kh-cite").first
    expect(card).to_contain_text("<img src=x onerror")
    card.locator("summary").click()
    clause = card.locator(".kh-clause-text")
    expect(clause).to_contain_text("<b onmouseover=window.__kehoachXss=4>Văn phòng</b>")
    clause.hover()
    shoot(page, "markup-shown-as-text")
    assert page.evaluate("window.__kehoachXss") is None
    plan = page.get_by_label("Kế hoạch", exact=True)
    expect(plan.locator('option[value="kiem-thu-xss"]')).to_contain_text("onerror=")
    ask(page, "Đoạn mã nào cần rà soát trên cổng thông tin?", answers_before=1)
    page.goto(site.app + "/matrix?document=kiem-thu-xss")
    expect(page.locator("#matrix-table tbody")).to_contain_text("<img src=x onerror")
    page.locator("#matrix-table tbody td").last.hover()
    assert page.evaluate("window.__kehoachXss") is None
    assert page.locator("#matrix-table img, #matrix-table b").count() == 0
    assert csp_violations(page) == []


def test_api_docs_render_without_any_outside_host(site: Site, page: Any) -> None:
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith((site.app, "data:")) else None,
    )
    page.goto(site.app + "/docs")
    expect(page.get_by_text("/v1/ask").first).to_be_visible()
    assert outside == []


def test_with_read_keys_the_page_asks_for_one_and_keeps_it_in_the_tab(
    tmp_path_factory: pytest.TempPathFactory, browser: Any
) -> None:
    app, runtime = build_app(corpus_home(tmp_path_factory), api_settings(read_keys=[READ_KEY]))
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    try:
        with live_server(app, free_port()) as origin:
            page = context.new_page()
            page.goto(origin + "/")
            key = page.get_by_label("Khóa truy cập (API key) của đơn vị")
            expect(key).to_be_visible()  # the plan list needed a key
            assert READ_KEY not in page.content()
            key.fill(READ_KEY)
            page.get_by_role("button", name="Lưu khóa").click()
            expect(key).to_have_count(0)
            answer = ask(page, "Sở nào chủ trì chỉ tiêu 6.6?")
            expect(answer).to_contain_text("Sở Khoa học và Công nghệ")
            stored = page.evaluate("sessionStorage.getItem('kehoach.apiKey')")
            assert stored == READ_KEY
            assert page.evaluate("localStorage.length") == 0  # nothing outlives the tab
    finally:
        context.close()
        runtime.close()


# ---- a long list's pages, asked from the server ---------------------------------------


def asked_bodies(page: Any) -> list[dict[str, Any]]:
    """The JSON bodies the page posts to /v1/ask, as it posts them."""
    bodies: list[dict[str, Any]] = []

    def record(request: Any) -> None:
        if request.url.endswith("/v1/ask"):
            bodies.append(json.loads(request.post_data or "{}"))

    page.on("request", record)
    return bodies


def page_through(answer: Any, total: int) -> int:
    """Press "Xem tiếp" until the list has no rows left; the rows shown in the end."""
    shown = answer.locator(".kh-answer-text li").count()
    while answer.get_by_role("button", name=re.compile("Xem tiếp")).count():
        answer.get_by_role("button", name=re.compile("Xem tiếp")).click()
        shown = min(shown + 10, total)
        expect(answer.locator(".kh-answer-text li")).to_have_count(shown)
    return shown


def test_a_long_list_asks_the_server_for_each_next_page(
    site: Site, page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)  # the server pages this list (> 3 rows)
    bodies = asked_bodies(page)
    page.goto(site.app + "/")
    answer = ask(page, "Những nhiệm vụ nào phải hoàn thành trong năm 2025?")
    headline = answer.locator(".kh-headline")
    total = int(headline.inner_text().split()[1])  # "Có 36 chỉ tiêu/nhiệm vụ …"
    expect(answer.locator(".kh-answer-text li")).to_have_count(10)  # one page came
    assert bodies[-1]["first_row"] == 0 and "all_rows" not in bodies[-1]
    more = answer.get_by_role("button", name=f"Xem tiếp (còn {total - 10} dòng)")
    expect(more).to_be_visible()
    # by keyboard alone: the button takes Enter, the reader lands on the first new row
    more.focus()
    page.keyboard.press("Enter")
    expect(answer.locator(".kh-answer-text li")).to_have_count(20)
    expect(answer.locator(".kh-answer-text li").nth(10)).to_be_focused()
    asked = bodies[-1]
    assert asked["first_row"] == 10 and asked["conversation_id"]
    assert asked["question"] == bodies[0]["question"]
    expect(answer.get_by_role("button", name=f"Xem tiếp (còn {total - 20} dòng)")).to_be_visible()
    assert page_through(answer, total) == total
    # every row once, each citation numbered after the earlier pages' and with its card
    rows = answer.locator(".kh-answer-text li").all_inner_texts()
    assert len(set(rows)) == total
    numbers = [
        int(n)
        for n in answer.locator("li.kh-cite").evaluate_all(
            "cards => cards.map(card => card.dataset.n)"
        )
    ]
    assert len(numbers) == len(set(numbers)) >= total
    answer.locator(".kh-answer-text li").nth(total - 1).get_by_role("button").first.click()
    expect(answer.locator("li.kh-cite details[open]")).to_have_count(1)
    shoot(page, "chat-long-list-paged-from-the-server")


def test_a_server_paged_list_shows_every_row_at_once_on_request(
    site: Site, page: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)  # the server pages this list (> 3 rows)
    bodies = asked_bodies(page)
    page.goto(site.app + "/")
    answer = ask(page, "Những nhiệm vụ nào phải hoàn thành trong năm 2025?")
    total = int(answer.locator(".kh-headline").inner_text().split()[1])
    expect(answer.locator(".kh-answer-text li")).to_have_count(10)
    every = answer.get_by_role("button", name=f"Xem tất cả {total} dòng")
    expect(every).to_be_visible()  # next to "Xem tiếp", with the matrix (export) link
    expect(answer.get_by_role("button", name=re.compile("Xem tiếp"))).to_be_visible()
    expect(answer.get_by_role("link", name="Mở bảng phân công")).to_be_visible()
    answer.get_by_role("button", name=re.compile("Xem tiếp")).click()
    expect(answer.locator(".kh-answer-text li")).to_have_count(20)
    every.click()  # the rest in one request, from the row after those shown
    expect(answer.locator(".kh-answer-text li")).to_have_count(total)
    assert bodies[-1]["first_row"] == 20 and bodies[-1]["all_rows"] is True
    assert bodies[-1]["conversation_id"] and bodies[-1]["question"] == bodies[0]["question"]
    expect(answer.locator(".kh-answer-text li").nth(20)).to_be_focused()
    expect(answer.get_by_role("button", name=re.compile("Xem (tiếp|tất cả)"))).to_have_count(0)
    rows = answer.locator(".kh-answer-text li").all_inner_texts()
    assert len(set(rows)) == total
    numbers = answer.locator("li.kh-cite").evaluate_all("cards => cards.map(c => c.dataset.n)")
    assert len(numbers) == len(set(numbers)) >= total


def test_a_long_lists_next_page_on_a_phone(
    site: Site, browser: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(row_lists, "WHOLE_LIST", 3)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        phone = context.new_page()
        phone.goto(site.app + "/")
        answer = ask(phone, "Những nhiệm vụ nào phải hoàn thành trong năm 2025?")
        more = answer.get_by_role("button", name=re.compile("Xem tiếp"))
        expect(more).to_be_visible()
        box = more.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360
        more.click()
        expect(answer.locator(".kh-answer-text li")).to_have_count(20)
        wide = phone.evaluate("document.documentElement.scrollWidth")
        assert wide <= 360
        shoot(phone, "chat-long-list-next-page-phone")
    finally:
        context.close()
