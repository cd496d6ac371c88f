// Live preview client, added by `python build.py serve` to every HTML page it serves (never to dist/).
// Reloads after a rebuild, swaps stylesheets when only CSS changed, and shows build errors over the page.
(() => {
  "use strict";
  const script = document.currentScript;
  const base = script.dataset.base;
  const servedVersion = Number(script.dataset.version);
  const servedIndex = Number(script.dataset.index);
  let overlay = null;

  function showError(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "digest-live-error";
      overlay.setAttribute("role", "alert");
      Object.assign(overlay.style, {
        position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483647", margin: "0",
        padding: "1rem", background: "#7f1d1d", color: "#fff", font: "14px/1.5 monospace",
        whiteSpace: "pre-wrap", maxHeight: "50vh", overflow: "auto", boxShadow: "0 -2px 8px rgba(0,0,0,.4)",
      });
      document.body.appendChild(overlay);
    }
    overlay.textContent = "构建失败 build failed\n" + message;
  }

  function hideError() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  // Stylesheets are fingerprinted (style.<hash>.css), so read the new href from a fresh copy of this page.
  async function swapStyles() {
    const response = await fetch(location.href, { cache: "no-store" });
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
    const hrefs = [...fresh.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.href);
    const links = [...document.querySelectorAll('link[rel="stylesheet"]')];
    if (hrefs.length !== links.length) {
      location.reload();
      return;
    }
    links.forEach((link, i) => {
      if (link.href !== hrefs[i]) link.href = hrefs[i];
    });
  }

  let version = servedVersion;
  let index = servedIndex; // the search index's version when this page was served
  const events = new EventSource(base + "__live/events");
  events.addEventListener("state", (event) => {
    const state = JSON.parse(event.data);
    if (state.error) {
      showError(state.error);
      return;
    }
    hideError();
    // The index catches up after the pages (serve reloads first): the search page searches again.
    if (state.index !== index && document.querySelector("[data-search]")) {
      location.reload();
      return;
    }
    index = state.index;
    if (state.version !== version) {
      version = state.version;
      if (state.styles_only) swapStyles().catch(() => location.reload());
      else location.reload();
    }
  });
})();
