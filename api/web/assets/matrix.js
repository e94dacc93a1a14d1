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

  /** The filters as a query string (empty fields left out). */
  function filterQuery(extra) {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      const text = String(value).trim();
      if (text && !(name === "role" && text === "any")) params.append(name, text);
    }
    for (const [name, value] of Object.entries(extra || {})) params.set(name, value);
    return params;
  }

  function fillForm(params) {
    for (const element of form.elements) {
      if (element.name && params.has(element.name)) element.value = params.get(element.name);
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
      const planLabel = row.document_number || (plan ? plan.title : row.document_id);
      const content = khElement("td", {}, [
        row.group ? khElement("span", { class: "matrix-group", text: row.group }) : null,
        row.source === "body"
          ? khElement("span", { class: "matrix-group", text: "Ghi trong nội dung văn bản" })
          : null,
        row.content,
      ]);
      return khElement("tr", {}, [
        khElement("td", { title: plan ? plan.title : row.document_id, text: planLabel }),
        cell(row.number),
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
      for (const plan of listing.documents) {
        plans.set(plan.id, plan);
        documentSelect.append(khElement("option", { value: plan.id, text: plan.title }));
      }
      const all = await api.targets("");
      const names = new Set();
      for (const row of all.rows) {
        for (const name of [...row.lead_units, ...row.monitoring_units, ...row.cooperating_units]) names.add(name);
      }
      unitList.replaceChildren(
        ...[...names].sort((a, b) => a.localeCompare(b, "vi")).map((name) => khElement("option", { value: name }))
      );
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
