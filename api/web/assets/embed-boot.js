/* The widget: one <script src=".../embed.js"> puts the chat box on another site's page.
 *
 * Options as data- attributes of the script tag:
 *   data-title       heading of the box (default "Trợ lý kế hoạch")
 *   data-api-origin  where the kehoach API answers (default: where embed.js came from);
 *                    that site's origin must be in the API's KEHOACH_API_CORS_ORIGINS
 *   data-document    answer from this plan only (a document id)
 *   data-container   CSS selector of an element to render into, instead of a floating box
 *   data-open        "true" to start opened
 * The box lives in a shadow root, so the host page's styles and ours do not mix.
 */
const khScript = document.currentScript;

function khWidgetConfig(script) {
  const data = script ? script.dataset : {};
  const scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  return {
    title: data.title || "Trợ lý kế hoạch",
    apiOrigin: (data.apiOrigin || scriptOrigin).replace(/\/+$/, ""),
    documentId: data.document || null,
    container: data.container || null,
    open: data.open === "true",
  };
}

/** The element named by data-container; a bad selector or a missing element leaves the
 * widget floating (and says why in the console) rather than breaking the host page. */
function khFindContainer(selector) {
  try {
    const found = document.querySelector(selector);
    if (!found) console.warn("kehoach widget: no element matches data-container=" + selector);
    return found;
  } catch (error) {
    console.warn("kehoach widget: data-container is not a CSS selector: " + selector);
    return null;
  }
}

function khAdoptStyles(shadow) {
  if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet === "function") {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(KH_WIDGET_CSS);
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch (error) {
      /* fall through to a <style> element */
    }
  }
  shadow.append(khElement("style", { text: KH_WIDGET_CSS }));
}

function khMountWidget() {
  const config = khWidgetConfig(khScript);
  const inline = config.container ? khFindContainer(config.container) : null;
  const host = khElement("div", { class: "kehoach-widget", "data-kehoach": "widget" });
  (inline || document.body).append(host);
  const shadow = host.attachShadow({ mode: "open" });
  khAdoptStyles(shadow);
  const frame = khElement("div", { class: inline ? "kh-widget kh-inline" : "kh-widget kh-floating" });
  shadow.append(frame);
  const panel = khElement("div", { class: "kh-panel", id: "kh-widget-panel" });
  frame.append(panel);
  const chat = khMountChat(panel, {
    api: khApiClient(config.apiOrigin, null),
    title: config.title,
    headingLevel: 2,
    idPrefix: "khw",
    documentId: config.documentId,
    matrixUrl: config.apiOrigin + "/matrix",
  });
  if (inline) return;

  const launcher = khElement("button", {
    type: "button",
    class: "kh-launcher",
    "aria-expanded": "false",
    "aria-controls": "kh-widget-panel",
    text: config.title,
  });
  const close = khElement("button", { type: "button", class: "kh-close", "aria-label": "Đóng", text: "×" });
  chat.box.querySelector(".kh-head").append(close);
  frame.prepend(launcher);

  function setOpen(open) {
    frame.classList.toggle("kh-open", open);
    launcher.setAttribute("aria-expanded", String(open));
    if (open) chat.question.focus();
    else launcher.focus();
  }
  launcher.addEventListener("click", () => setOpen(!frame.classList.contains("kh-open")));
  close.addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") setOpen(false);
  });
  if (config.open) setOpen(true);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", khMountWidget);
else khMountWidget();
