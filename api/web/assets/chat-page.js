/* The chat page (/): mounts the shared chat box on the page's own origin. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("chat");
  const keyStore = khSessionKeyStore("kehoach.apiKey");
  const chat = khMountChat(root, {
    api: khApiClient("", keyStore),
    title: "Hỏi đáp kế hoạch",
    headingLevel: 1,
    idPrefix: "kh",
    keyStore,
  });
  chat.question.focus();
});
