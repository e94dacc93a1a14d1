/* The responsibility matrix (/matrix): target rows filtered through GET /v1/targets. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const keyStore = khSessionKeyStore("kehoach.apiKey");
  const api = khApiClient("", keyStore);
  const form = document.getElementById("matrix-filters");
  const body = document.querySelector("#matrix-table tbody");
  const count = document.getElementById("matrix-count");
  const documentSelect = document.getElementById("f-document");
  const unitList = document.getElementById("f-unit-list");
  const table = document.getElementById("matrix-table");
  const plans = new Map();
  let latest = 0; // only the newest request's rows are shown

  const DATE_FIELDS = new Set(["due_after", "due_before"]);

  /** "31/12/2025" → "2025-12-31" (the API's form); null when it is not a real date. */
  function isoDate(text) {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (!match) return null;
    const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    return year + "-" + String(month).padStart(2, "0") + "-" + String(day).padStart(2, "0");
  }

  /** "2025-12-31" → "31/12/2025": dates read dd/mm/yyyy whatever the browser's locale. */
  function shownDate(iso) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return match ? match[3] + "/" + match[2] + "/" + match[1] : iso;
  }

  // fields that may hold several values: units typed "Sở KHCN; Sở TT&TT", plans linked
  // from an answer over several plans (one select option holding their ids)
  const SEPARATORS = { unit: ";", document: "," };

  /** The filters as a query string (empty fields left out); dates sent as yyyy-mm-dd. */
  function filterQuery(extra) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      let text = String(value).trim();
      if (text && DATE_FIELDS.has(name)) text = isoDate(text) || "invalid";
      if (!text || (name === "role" && text === "any")) continue;
      const parts = SEPARATORS[name] ? text.split(SEPARATORS[name]) : [text];
      for (const part of parts) if (part.trim()) params.append(name, part.trim());
    }
    for (const [name, value] of Object.entries(extra || {})) params.set(name, value);
    return params;
  }

  /** The form set from a link's query (an answer's "Mở bảng phân công", a shared URL). */
  function fillForm(params) {
    const linked = params.getAll("document");
    if (linked.length > 1) {
      const several = linked.join(",");
      documentSelect.append(khElement("option", { value: several, text: linked.length + " kế hoạch của câu trả lời" }));
      params.set("document", several);
    }
    for (const element of form.elements) {
      if (!element.name || !params.has(element.name)) continue;
      const values = params.getAll(element.name);
      const value = element.name === "unit" ? values.join("; ") : values[0];
      element.value = DATE_FIELDS.has(element.name) ? shownDate(value) : value;
    }
  }

  function cell(text) {
    return khElement("td", { text: text || "" });
  }

  function units(list) {
    return list.join("; ");
  }

  function render(listing) {
    const rows = listing.rows.map((row) => {
      const plan = plans.get(row.document_id);
      const content = khElement("td", {}, [
        row.group ? khElement("span", { class: "matrix-group", text: row.group }) : null,
        row.source === "body"
          ? khElement("span", { class: "matrix-group", text: "Ghi trong nội dung văn bản" })
          : null,
        row.content,
      ]);
      return khElement("tr", {}, [
        khElement("td", { title: plan ? plan.title : row.document_id, text: row.document_label }),
        cell(row.label),
        content,
        cell(units(row.monitoring_units)),
        cell(units(row.lead_units)),
        cell(units(row.cooperating_units)),
        cell(row.deadline ? row.deadline.raw : ""),
        cell(row.note),
      ]);
    });
    body.replaceChildren(...rows);
    count.textContent = listing.count
      ? listing.count + " dòng phân công phù hợp."
      : "Không có dòng nào phù hợp với bộ lọc.";
  }

  async function load() {
    for (const name of DATE_FIELDS) {
      const field = form.elements[name];
      if (field.value.trim() && !isoDate(field.value.trim())) {
        count.textContent = "Ngày phải ghi dạng dd/mm/yyyy, ví dụ 31/12/2025.";
        field.focus();
        return;
      }
    }
    const params = filterQuery();
    const shown = params.toString();
    const request = ++latest;
    history.replaceState(null, "", shown ? "?" + shown : location.pathname);
    table.dataset.state = "loading";
    table.setAttribute("aria-busy", "true");
    count.textContent = "Đang tải…";
    try {
      const listing = await api.targets(shown);
      if (request !== latest) return;
      render(listing);
    } catch (error) {
      if (request !== latest) return;
      body.replaceChildren();
      count.textContent = error.message;
    }
    table.dataset.state = "ready";
    table.removeAttribute("aria-busy");
  }

  async function download(format, extension) {
    try {
      const blob = await api.download(filterQuery({ format }).toString());
      const link = khElement("a", { download: "phan-cong." + extension, class: "kh-offscreen" });
      link.href = URL.createObjectURL(blob);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    } catch (error) {
      count.textContent = error.message;
    }
  }

  async function loadChoices() {
    try {
      const listing = await api.documents();
      const all = await api.targets("");
      // only plans that have rows are offered; each by its số hiệu and title
      const withRows = new Set(all.rows.map((row) => row.document_id));
      for (const plan of listing.documents) {
        plans.set(plan.id, plan);
        if (!withRows.has(plan.id)) continue;
        const text = plan.number && !plan.title.includes(plan.number) ? plan.number + " — " + plan.title : plan.title;
        documentSelect.append(khElement("option", { value: plan.id, text }));
      }
      // one suggestion per unit: the server groups spellings by the unit normaliser
      unitList.replaceChildren(...all.units.map((name) => khElement("option", { value: name })));
    } catch (error) {
      count.textContent = error.message;
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  form.addEventListener("reset", () => setTimeout(load, 0));
  for (const select of form.querySelectorAll("select")) select.addEventListener("change", load);
  document.getElementById("download-csv").addEventListener("click", () => download("csv", "csv"));
  document.getElementById("download-xlsx").addEventListener("click", () => download("xlsx", "xlsx"));

  loadChoices().then(() => {
    fillForm(new URLSearchParams(location.search));
    load();
  });
});
