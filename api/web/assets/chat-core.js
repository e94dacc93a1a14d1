/* kehoach chat box, shared by the page (/) and the widget (/embed.js).
 *
 * Safety rule: every string that comes from the API (answers, plan titles, clause text)
 * reaches the page through textContent or a text node, never as HTML, so a plan that
 * contains "<script>" or "onerror=" shows those characters and runs nothing.
 */
"use strict";

/** An element with attributes and children; strings become text nodes. */
function khElement(tag, attributes, children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") element.textContent = String(value);
    else if (name === "class") element.className = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children || []) {
    if (child === null || child === undefined) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** An API failure with the server's stable code and Vietnamese-facing message. */
class KhApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status || 0;
  }
}

/** Calls to the kehoach HTTP API at `baseUrl` ("" for the page's own origin). */
function khApiClient(baseUrl, keyStore) {
  async function send(method, path, body) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const key = keyStore ? keyStore.get() : "";
    if (key) headers["X-API-Key"] = key;
    let response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: "omit",
      });
    } catch (error) {
      throw new KhApiError(
        "network",
        "Không kết nối được máy chủ kehoach (máy chủ tắt, mất mạng, hoặc trang này chưa " +
          "được cho phép trong KEHOACH_API_CORS_ORIGINS).",
        0
      );
    }
    return response;
  }

  async function json(method, path, body) {
    const response = await send(method, path, body);
    let payload = null;
    try {
      payload = await response.json();
    } catch (error) {
      payload = null;
    }
    if (!response.ok) {
      const detail = payload && payload.error;
      throw new KhApiError(
        detail ? detail.code : "http_" + response.status,
        detail ? detail.message : "Máy chủ trả lỗi HTTP " + response.status + ".",
        response.status
      );
    }
    return payload;
  }

  return {
    baseUrl,
    /** The answer; `firstRow` > 0: the page of a long list from that row on, read in the
     * context the list was asked in (send the list's own conversation id); `allRows`: every
     * row from there on, not one page. */
    ask(question, documentId, conversationId, scope, firstRow, allRows) {
      const body = {
        question,
        document: documentId || null,
        conversation_id: conversationId || null,
        scope: scope || null,
        first_row: firstRow || 0,
      };
      if (allRows) body.all_rows = true;
      return json("POST", "/v1/ask", body);
    },
    documents() {
      return json("GET", "/v1/documents");
    },
    targets(query) {
      return json("GET", "/v1/targets?" + query);
    },
    async download(query) {
      const response = await send("GET", "/v1/targets?" + query);
      if (!response.ok) throw new KhApiError("http_" + response.status, "Tải xuống thất bại.", response.status);
      return response.blob();
    },
  };
}

/** A read key kept for this browser tab only (never written into the page). */
function khSessionKeyStore(storageKey) {
  return {
    get() {
      try {
        return window.sessionStorage.getItem(storageKey) || "";
      } catch (error) {
        return "";
      }
    },
    set(value) {
      try {
        if (value) window.sessionStorage.setItem(storageKey, value);
        else window.sessionStorage.removeItem(storageKey);
      } catch (error) {
        /* storage disabled: the key lives until the page closes */
      }
    },
  };
}

/** Copy text to the clipboard; falls back to a hidden textarea off secure contexts. */
async function khCopyText(text, root) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = khElement("textarea", { class: "kh-offscreen", "aria-hidden": "true" });
  area.value = text;
  root.append(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  if (!copied) throw new Error("copy refused");
}

/** "Text with [1] markers" as nodes: each marker a button that opens citation card n. */
function khInlineWithRefs(line, openCitation) {
  const nodes = [];
  const pattern = /\[(\d+)\]/g;
  let last = 0;
  let match;
  while ((match = pattern.exec(line)) !== null) {
    if (match.index > last) nodes.push(document.createTextNode(line.slice(last, match.index)));
    const n = Number(match[1]);
    const button = khElement("button", {
      type: "button",
      class: "kh-ref",
      "aria-label": "Xem trích dẫn " + n,
      text: "[" + n + "]",
    });
    button.addEventListener("click", () => openCitation(n));
    nodes.push(button);
    last = pattern.lastIndex;
  }
  if (last < line.length) nodes.push(document.createTextNode(line.slice(last)));
  return nodes;
}

/**
 * The matrix page showing a list's rows: `filter` (the view's `matrix`: units, role, plans,
 * the period's first and last day) as its query; `base` alone when the list has none.
 */
function khMatrixHref(base, filter) {
  if (!filter) return base;
  const params = new URLSearchParams();
  for (const unit of filter.unit) params.append("unit", unit);
  if (filter.role !== "any") params.set("role", filter.role);
  for (const id of filter.document) params.append("document", id);
  if (filter.due_after) params.set("due_after", filter.due_after);
  if (filter.due_before) params.set("due_before", filter.due_before);
  const query = params.toString();
  return query ? base + "?" + query : base;
}

/** The list rows a view holds (its `item` lines). */
function khItemCount(view) {
  return view.lines.filter((line) => line.kind === "item").length;
}

/**
 * The answer view the server rendered (the same one the CLI and the bots print): the direct
 * answer, detail lines, list rows under their plan and appendix. A long list comes one page
 * at a time: "Xem tiếp (còn N dòng)" asks the server for the next page (`fetchPage(row)`,
 * resolving to that page's view, its citations already numbered after ours) and adds its
 * rows to the same list. Rows a whole answer holds past `first_rows` wait hidden and show a
 * page at a time too. "Xem tất cả" shows every row at once: the hidden ones, and the rest
 * of a server-paged list in one request (`fetchPage(row, true)`). The link opens the
 * responsibility matrix (`matrixUrl`) filtered to the same rows, with its CSV/Excel export.
 */
function khAnswerBody(view, openCitation, matrixUrl, fetchPage) {
  const body = khElement("div", { class: "kh-answer-text" });
  body.append(khElement("p", { class: "kh-headline" }, khInlineWithRefs(view.headline, openCitation)));
  const rowsBox = khElement("div", { class: "kh-rows" });
  const notes = khElement("div", { class: "kh-notes" });
  body.append(rowsBox, notes);
  let list = null;
  let lastGroup = null;
  let rows = 0;
  const hidden = [];
  /** Add a page's lines in order, the text after its last row below the list (where a
   * later page's rows cannot come after it); a later page's text repeats the first's and
   * is left out. */
  function addLines(lines, later) {
    let pageRows = 0;
    let pageGroups = 0;
    const added = [];
    const lastRow = lines.map((line) => line.kind).lastIndexOf("item");
    for (const [at, line] of lines.entries()) {
      if (line.kind === "item") {
        if (!list) {
          list = khElement("ul");
          rowsBox.append(list);
        }
        const item = khElement("li", {}, khInlineWithRefs(line.text, openCitation));
        rows += 1;
        pageRows += 1;
        if (!later && rows > view.first_rows) {
          item.hidden = true;
          hidden.push(item);
        }
        list.append(item);
        added.push(item);
      } else if (line.kind === "group") {
        // a page that goes on with the group the last one ended in does not repeat it
        const repeated = later && !pageRows && !pageGroups && line.text === lastGroup;
        pageGroups += 1;
        if (repeated) continue;
        list = null;
        lastGroup = line.text;
        rowsBox.append(khElement("p", { class: "kh-group" }, khInlineWithRefs(line.text, openCitation)));
      } else if (!later) {
        list = null;
        const paragraph = khElement("p", {}, khInlineWithRefs(line.text, openCitation));
        (lastRow >= 0 && at > lastRow ? notes : rowsBox).append(paragraph);
      }
    }
    return added;
  }
  addLines(view.lines, false);
  // a group heading whose rows are all hidden waits with them (as the CLI and the bots
  // leave it out); a heading over headings waits when the first row after it does
  const blocks = [...rowsBox.children];
  blocks.forEach((block, i) => {
    if (!block.classList.contains("kh-group")) return;
    const next = blocks.slice(i + 1).find((after) => !after.classList.contains("kh-group"));
    const firstRow = next && next.tagName === "UL" ? next.firstElementChild : null;
    if (firstRow && firstRow.hidden) {
      block.hidden = true;
      hidden.push(block);
    }
  });
  // the server's next page: the row after the last one this answer holds (none: all held)
  let serverNext = view.rows_from + rows < view.total_rows ? view.rows_from + rows : null;
  if (!hidden.length && serverNext === null) return body;

  const count = (n) => n.toLocaleString("vi-VN");
  const next = khElement("button", { type: "button", class: "kh-button kh-next" });
  const more = hidden.length || (serverNext !== null && fetchPage)
    ? khElement("button", {
        type: "button",
        class: "kh-button kh-secondary kh-more",
        // a count past the store's bound is a lower bound ("ít nhất")
        text: "Xem tất cả " + (view.total_rows_at_least ? "ít nhất " : "") + count(view.total_rows) + " dòng",
      })
    : null;
  // rows still hidden (group headings are not counted; one shows again with its first row)
  const left = () => hidden.filter((item) => item.hidden && item.tagName === "LI");
  const update = () => {
    for (const heading of hidden.filter((item) => item.hidden && item.tagName !== "LI")) {
      const kids = [...rowsBox.children];
      const after = kids.slice(kids.indexOf(heading) + 1).find((x) => !x.classList.contains("kh-group"));
      const firstRow = after && after.tagName === "UL" ? after.firstElementChild : null;
      if (firstRow && !firstRow.hidden) heading.hidden = false;
    }
    const shown = view.rows_from + rows - left().length;
    const rest = view.total_rows - shown;
    next.textContent = "Xem tiếp (còn " + (view.total_rows_at_least ? "ít nhất " : "") + count(rest) + " dòng)";
    if (!rest) next.remove();
    if (more && !left().length && serverNext === null) more.remove();
  };
  /** Move the reader (keyboard, screen reader) to the first row just shown. */
  const focusRow = (item) => {
    if (!item) return;
    item.setAttribute("tabindex", "-1");
    item.focus();
  };
  next.addEventListener("click", async () => {
    const waiting = left();
    if (waiting.length) {
      const shown = waiting.slice(0, view.first_rows);
      for (const item of shown) item.hidden = false;
      update();
      focusRow(shown[0]);
      return;
    }
    if (serverNext === null || !fetchPage || next.disabled) return;
    next.disabled = true;
    body.setAttribute("aria-busy", "true");
    try {
      const page = await fetchPage(serverNext);
      if (page) {
        const added = addLines(page.lines, true);
        serverNext = added.length && page.rows_from + added.length < page.total_rows
          ? page.rows_from + added.length
          : null;
        if (serverNext === null) view.total_rows = view.rows_from + rows;
        update();
        focusRow(added[0]);
      }
    } finally {
      next.disabled = false;
      body.removeAttribute("aria-busy");
    }
  });
  if (more) {
    more.addEventListener("click", async () => {
      const first = left()[0];
      for (const item of hidden) item.hidden = false;
      if (serverNext === null || !fetchPage) {
        update();
        focusRow(first);
        return;
      }
      if (more.disabled) return;
      more.disabled = next.disabled = true;
      body.setAttribute("aria-busy", "true");
      try {
        const page = await fetchPage(serverNext, true);
        if (page) {
          const added = addLines(page.lines, true);
          serverNext = null;
          view.total_rows = view.rows_from + rows;
          focusRow(first || added[0]);
        }
        update();
      } finally {
        more.disabled = next.disabled = false;
        body.removeAttribute("aria-busy");
      }
    });
  }
  update();
  const link = khElement("a", { class: "kh-matrix-link", href: khMatrixHref(matrixUrl, view.matrix), text: "Mở bảng phân công" });
  body.append(
    khElement("p", { class: "kh-more-row" }, [
      next,
      document.createTextNode(" "),
      more,
      more ? document.createTextNode(" ") : null,
      link,
    ])
  );
  return body;
}

/** A later page's view and citations with its citation numbers moved past `shift` (each
 * page numbers its own from 1), so that they follow the ones already shown. */
function khShiftCitations(payload, shift) {
  const moved = (text) => text.replace(/\[(\d+)\]/g, (_, n) => "[" + (Number(n) + shift) + "]");
  return {
    view: {
      ...payload.view,
      lines: payload.view.lines.map((line) => ({ kind: line.kind, text: moved(line.text) })),
      cards: payload.view.cards.map((card) => ({ ...card, n: card.n + shift })),
    },
    citations: payload.citations.map((citation) => ({ ...citation, n: citation.n + shift })),
  };
}

/** The cells a table-row quote spans, each under its exact column header. */
function khColumns(columns) {
  const table = khElement("table", { class: "kh-columns" });
  for (const column of columns) {
    table.append(
      khElement("tr", {}, [khElement("th", { scope: "row", text: column.header }), khElement("td", { text: column.text })])
    );
  }
  return table;
}

/** The clause text with the quoted part in <mark> (all as text nodes). */
function khHighlightedClause(text, quote) {
  const pre = khElement("pre", { class: "kh-clause-text" });
  const at = quote ? text.indexOf(quote) : -1;
  if (at < 0) {
    pre.textContent = text;
    return pre;
  }
  pre.append(
    document.createTextNode(text.slice(0, at)),
    khElement("mark", { text: quote }),
    document.createTextNode(text.slice(at + quote.length))
  );
  return pre;
}

/**
 * One citation as a card: plan (số hiệu once), clause path and the quote with table cells
 * kept apart; opening it shows each cell under its column header, then the whole clause.
 */
function khCitationCard(citation, card, cardId) {
  const summary = khElement("summary", {}, [
    khElement("span", { class: "kh-cite-n", text: "[" + citation.n + "]" }),
    khElement("span", { class: "kh-cite-doc", text: card.heading }),
    khElement("span", { class: "kh-cite-path", text: citation.path }),
    khElement("q", { class: "kh-cite-quote", text: card.quote }),
  ]);
  const details = khElement("details", { class: "kh-cite-details" }, [
    summary,
    khElement("div", { class: "kh-clause" }, [
      card.columns.length ? khColumns(card.columns) : null,
      khElement("p", { class: "kh-clause-label", text: "Nguyên văn điều khoản" + (citation.clause ? " " + citation.clause : "") }),
      khHighlightedClause(citation.text, citation.quote),
    ]),
  ]);
  return khElement("li", { class: "kh-cite", id: cardId, "data-n": citation.n }, [details]);
}

/** Plain text of an answer with its sources, for the clipboard. */
function khAnswerAsText(payload) {
  const lines = [payload.answer, ""];
  for (const card of payload.view.cards) {
    lines.push("[" + card.n + "] " + card.heading + ", " + card.path + ": “" + card.quote + "”");
  }
  return lines.join("\n").trim();
}

const KH_EXAMPLES = [
  "Sở nào chủ trì chỉ tiêu 6.6?",
  "VP UBND tỉnh theo dõi những chỉ tiêu nào?",
  "Tổ công nghệ số cộng đồng cần làm gì?",
];

/**
 * Mount a chat box in `root` (an element or a shadow root).
 * options: api (khApiClient), title, headingLevel, idPrefix, documentId (one fixed plan;
 * otherwise a plan filter is shown), keyStore (asks for a read key on 401 when given).
 */
function khMountChat(root, options) {
  const prefix = options.idPrefix || "kh";
  const api = options.api;
  const state = { conversationId: null, busy: false, turn: 0 };

  const title = khElement("h" + (options.headingLevel || 1), { class: "kh-title", id: prefix + "-title", text: options.title });
  const newButton = khElement("button", { type: "button", class: "kh-button kh-new", text: "Hội thoại mới" });
  const log = khElement("div", {
    class: "kh-log",
    role: "log",
    "aria-live": "polite",
    "aria-label": "Các câu hỏi và câu trả lời",
    tabindex: "0",
  });
  const planSelect = khElement("select", { id: prefix + "-plan", class: "kh-plan" }, [
    khElement("option", { value: "", text: "Tất cả kế hoạch" }),
  ]);
  const planField = khElement("div", { class: "kh-field kh-plan-field" }, [
    khElement("label", { for: prefix + "-plan", text: "Kế hoạch" }),
    planSelect,
  ]);
  const scopeInput = khElement("input", {
    id: prefix + "-scope",
    class: "kh-plan kh-scope",
    type: "text",
    maxlength: "200",
    placeholder: "Ví dụ: xã Văn Bàn · cấp xã, 2026 · tỉnh Ninh Bình",
  });
  const scopeField = khElement("div", { class: "kh-field kh-scope-field" }, [
    khElement("label", { for: prefix + "-scope", text: "Phạm vi (địa bàn, cấp, cơ quan, năm)" }),
    scopeInput,
  ]);
  const question = khElement("textarea", {
    id: prefix + "-question",
    class: "kh-question",
    rows: "2",
    maxlength: "1000",
    required: true,
    placeholder: "Ví dụ: Sở nào chủ trì chỉ tiêu 6.6?",
    "aria-describedby": prefix + "-hint",
  });
  const submit = khElement("button", { type: "submit", class: "kh-button kh-send", text: "Hỏi" });
  const hint = khElement("p", {
    id: prefix + "-hint",
    class: "kh-hint",
    text: "Gõ có dấu hoặc không dấu. Enter để gửi, Shift+Enter để xuống dòng.",
  });
  const form = khElement("form", { class: "kh-form", "aria-label": "Đặt câu hỏi" }, [
    options.documentId ? null : planField,
    options.documentId ? null : scopeField,
    khElement("div", { class: "kh-field kh-question-field" }, [
      khElement("label", { for: prefix + "-question", text: "Câu hỏi" }),
      khElement("div", { class: "kh-row" }, [question, submit]),
    ]),
    hint,
  ]);
  const status = khElement("p", { class: "kh-status", role: "status", "aria-live": "polite" });
  const box = khElement("section", { class: "kh-chat", "aria-labelledby": prefix + "-title" }, [
    khElement("header", { class: "kh-head" }, [title, newButton]),
    log,
    form,
    status,
  ]);
  root.append(box);

  function showWelcome() {
    const examples = KH_EXAMPLES.map((text) => {
      const button = khElement("button", { type: "button", class: "kh-example", text });
      button.addEventListener("click", () => {
        question.value = text;
        question.focus();
      });
      return khElement("li", {}, [button]);
    });
    log.append(
      khElement("div", { class: "kh-welcome" }, [
        khElement("p", {
          text:
            "Hỏi về các kế hoạch đã nạp: ai chủ trì, ai phối hợp, thời hạn, chỉ tiêu. " +
            "Mỗi ý trả lời kèm trích dẫn nguyên văn điều khoản.",
        }),
        khElement("ul", { class: "kh-examples", "aria-label": "Câu hỏi mẫu" }, examples),
      ])
    );
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  /** Show a new answer from its top, with the question above it when there is room. */
  function scrollToAnswer(article) {
    // .kh-log is position: relative, so offsetTop is measured inside it
    const question = article.previousElementSibling;
    log.scrollTop = Math.max(0, (question || article).offsetTop - 8);
  }

  function addUserMessage(text) {
    log.append(khElement("div", { class: "kh-msg kh-user" }, [khElement("p", { text })]));
    scrollToEnd();
  }

  function addError(message) {
    log.append(khElement("div", { class: "kh-msg kh-error", role: "alert" }, [khElement("p", { text: message })]));
    scrollToEnd();
  }

  /** For an ambiguous question: one button per plan that re-asks it in that plan. */
  function planChoices(payload, questionText) {
    const seen = new Map();
    for (const c of payload.citations) if (!seen.has(c.document_id)) seen.set(c.document_id, c);
    if (payload.intent !== "ambiguous" || seen.size < 2 || options.documentId) return null;
    const buttons = [...seen.values()].map((c) => {
      const label = c.document_number ? "Kế hoạch " + c.document_number : c.document_title;
      const button = khElement("button", { type: "button", class: "kh-button kh-secondary kh-choice", text: label });
      button.setAttribute("aria-label", "Hỏi lại trong " + c.document_title);
      button.addEventListener("click", () => {
        if (![...planSelect.options].some((o) => o.value === c.document_id)) {
          planSelect.append(khElement("option", { value: c.document_id, text: c.document_title }));
        }
        planSelect.value = c.document_id;
        addUserMessage(questionText + " — " + label);
        send(questionText);
      });
      return button;
    });
    return khElement("div", { class: "kh-choices", role: "group", "aria-label": "Chọn kế hoạch để hỏi lại" }, [
      khElement("p", { class: "kh-choices-label", text: "Hỏi lại trong một kế hoạch:" }),
      ...buttons,
    ]);
  }

  /** For a question matching many plans: one button per level or place that sets that
   * scope and asks the question again. */
  function narrowingChoices(payload, questionText) {
    const choices = payload.view.choices || [];
    if (!choices.length) return null;
    const buttons = choices.map((choice) => {
      const button = khElement("button", { type: "button", class: "kh-button kh-secondary kh-choice", text: choice.label });
      button.setAttribute("aria-label", "Hỏi lại trong phạm vi " + choice.scope);
      button.addEventListener("click", () => {
        scopeInput.value = choice.scope;
        addUserMessage(questionText + " — " + choice.scope);
        send(questionText);
      });
      return button;
    });
    return khElement("div", { class: "kh-choices", role: "group", "aria-label": "Thu hẹp phạm vi" }, [
      khElement("p", { class: "kh-choices-label", text: "Thu hẹp theo cấp hoặc địa bàn:" }),
      ...buttons,
    ]);
  }

  /** `asked`: the question as sent, its plan, scope and conversation, for its next pages. */
  function addAnswer(payload, questionText, asked) {
    state.turn += 1;
    const cardPrefix = prefix + "-t" + state.turn + "-c";
    const cards = khElement("ol", { class: "kh-cites", "aria-label": "Trích dẫn" });
    function openCitation(n) {
      const card = cards.querySelector('[data-n="' + Number(n) + '"] details');
      if (!card) return;
      card.open = true;
      card.querySelector("summary").focus();
      card.scrollIntoView({ block: "nearest" });
    }
    let cited = 0;
    function addCards(view, citations) {
      const cardOf = new Map(view.cards.map((card) => [card.n, card]));
      for (const citation of citations) {
        cited = Math.max(cited, citation.n);
        const card = cardOf.get(citation.n);
        if (card) cards.append(khCitationCard(citation, card, cardPrefix + citation.n));
      }
    }
    addCards(payload.view, payload.citations);
    /** The next page of a long list from `firstRow`: asked again with the list's question,
     * plan, scope and conversation (the server reads it in the list's own context). */
    async function fetchPage(firstRow, allRows) {
      status.textContent = "Đang tải thêm dòng…";
      try {
        const page = await api.ask(asked.text, asked.documentId, payload.conversation_id, asked.scope, firstRow, allRows);
        const shifted = khShiftCitations(page, cited);
        addCards(shifted.view, shifted.citations);
        if (shifted.citations.length && !cards.parentNode) article.insertBefore(cards, actions);
        status.textContent = "Đã thêm " + khItemCount(shifted.view) + " dòng.";
        return shifted.view;
      } catch (error) {
        status.textContent = "";
        addError(error.message || "Có lỗi khi tải thêm dòng.");
        if (error.status === 401) askForKey();
        return null;
      }
    }
    const copyButton = khElement("button", { type: "button", class: "kh-button kh-copy", text: "Sao chép câu trả lời" });
    copyButton.addEventListener("click", async () => {
      try {
        await khCopyText(khAnswerAsText(payload), box);
        status.textContent = "Đã sao chép câu trả lời.";
      } catch (error) {
        status.textContent = "Không sao chép được; hãy chọn và sao chép bằng tay.";
      }
    });
    const actions = khElement("div", { class: "kh-actions" }, [copyButton]);
    const article = khElement(
      "article",
      { class: "kh-msg kh-bot" + (payload.abstained ? " kh-abstained" : ""), "aria-label": "Câu trả lời" },
      [
        payload.abstained ? khElement("p", { class: "kh-badge", text: "Các kế hoạch không nêu điều này" }) : null,
        khAnswerBody(payload.view, openCitation, options.matrixUrl || "matrix", asked ? fetchPage : null),
        narrowingChoices(payload, questionText) || planChoices(payload, questionText),
        payload.citations.length ? cards : null,
        actions,
      ]
    );
    log.append(article);
    scrollToAnswer(article);
  }

  function askForKey() {
    if (!options.keyStore || box.querySelector(".kh-key-form")) return;
    const input = khElement("input", { id: prefix + "-key", type: "password", autocomplete: "off", class: "kh-key" });
    const keyForm = khElement("form", { class: "kh-key-form" }, [
      khElement("label", { for: prefix + "-key", text: "Khóa truy cập (API key) của đơn vị" }),
      khElement("div", { class: "kh-row" }, [input, khElement("button", { type: "submit", class: "kh-button", text: "Lưu khóa" })]),
    ]);
    keyForm.addEventListener("submit", (event) => {
      event.preventDefault();
      options.keyStore.set(input.value.trim());
      keyForm.remove();
      status.textContent = "Đã lưu khóa cho tab này. Hãy gửi lại câu hỏi.";
      question.focus();
      loadPlans();
    });
    box.insertBefore(keyForm, status);
    input.focus();
  }

  async function loadPlans() {
    if (options.documentId) return;
    try {
      const listing = await api.documents();
      while (planSelect.options.length > 1) planSelect.remove(1);
      for (const documentInfo of listing.documents) {
        planSelect.append(khElement("option", { value: documentInfo.id, text: documentInfo.title }));
      }
    } catch (error) {
      if (error.status === 401) askForKey();
    }
  }

  async function send(text) {
    if (state.busy) return;
    state.busy = true;
    submit.disabled = true;
    box.setAttribute("aria-busy", "true");
    status.textContent = "Đang tìm trong các kế hoạch…";
    const documentId = options.documentId || planSelect.value || null;
    const scope = options.documentId ? null : scopeInput.value.trim() || null;
    try {
      let payload;
      try {
        payload = await api.ask(text, documentId, state.conversationId, scope);
      } catch (error) {
        if (error.code !== "unknown_conversation") throw error;
        state.conversationId = null; // expired on the server: start again
        payload = await api.ask(text, documentId, null, scope);
      }
      state.conversationId = payload.conversation_id;
      addAnswer(payload, text, { text, documentId, scope });
      status.textContent = payload.abstained ? "Không tìm thấy câu trả lời trong các kế hoạch." : "Đã có câu trả lời.";
    } catch (error) {
      addError(error.message || "Có lỗi khi hỏi.");
      status.textContent = "";
      if (error.status === 401) askForKey();
    } finally {
      state.busy = false;
      submit.disabled = false;
      box.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (!text || state.busy) return;
    question.value = "";
    addUserMessage(text);
    send(text);
  });
  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  newButton.addEventListener("click", () => {
    state.conversationId = null;
    log.replaceChildren();
    showWelcome();
    status.textContent = "Đã bắt đầu hội thoại mới.";
    question.focus();
  });

  showWelcome();
  loadPlans();
  return { box, question };
}
