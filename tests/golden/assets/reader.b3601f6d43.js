// Reader tools on every page, under the site's Content Security Policy (no inline code, no inline handlers):
// 字号 (templates/_font_size.html), copy link and share sheet (_share.html), 返回顶部 (_to_top.html) and, on the
// 404 page, a link to the day named in the address (404.html).
//
// base.html loads this file in <head> as a plain, not deferred, script: its first lines run before the body is
// parsed, so the reader's text size and the classes that show the buttons are on <html> before the page is
// drawn, and nothing moves afterwards (a deferred script or a module runs after the first paint). It is small,
// fingerprinted and fetched in parallel with the stylesheet, which blocks drawing anyway. Everything else waits
// for the document.
(() => {
  "use strict";

  const KEY = "digest-font-size";
  const SIZES = ["small", "medium", "large"];
  const root = document.documentElement;

  const storedSize = () => {
    try {
      const size = localStorage.getItem(KEY);
      return SIZES.includes(size) ? size : "medium";
    } catch {
      return "medium"; // storage blocked: the default size
    }
  };

  const applySize = (size) => {
    for (const each of SIZES) root.classList.toggle(`font-${each}`, each === size && size !== "medium");
  };

  // Before the page is drawn: what the stylesheet needs to show the right buttons at the right text size.
  root.classList.add("js");
  if (typeof navigator.share === "function") root.classList.add("can-share");
  let size = storedSize();
  applySize(size);

  const fontSize = (group) => {
    const buttons = [...group.querySelectorAll("button[data-size]")];
    const show = () => buttons.forEach((button) => button.setAttribute("aria-pressed", String(button.dataset.size === size)));
    show();
    group.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-size]");
      if (!button) return;
      size = button.dataset.size;
      applySize(size);
      show();
      try {
        if (size === "medium") localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, size);
      } catch {
        // Storage blocked (some private modes): the size holds for this page only.
      }
    });
  };

  const share = (box) => {
    // The canonical URL; without site_url it is a path, made full against this page's address.
    const url = new URL(box.dataset.url, location.href).href;
    const status = box.querySelector("[data-share-status]");
    let timer = 0;
    const say = (text) => {
      status.textContent = text;
      clearTimeout(timer);
      timer = setTimeout(() => { status.textContent = ""; }, 5000);
    };
    box.querySelector("[data-share-copy]").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(url);
        say("链接已复制");
      } catch {
        // No clipboard (a page not served over https, or permission refused): the link to copy by hand.
        say(`请手动复制链接：${url}`);
      }
    });
    const native = box.querySelector("[data-share-native]");
    if (typeof navigator.share !== "function") return; // the button stays hidden (no can-share class)
    native.addEventListener("click", () => {
      navigator.share({ title: box.dataset.title, url }).catch(() => {}); // closing the sheet is no error
    });
  };

  const toTop = (link) => {
    // Shown once the reader is a screen down; checked once per frame at most while scrolling.
    let queued = false;
    const update = () => {
      queued = false;
      link.classList.toggle("shown", window.scrollY > window.innerHeight);
    };
    window.addEventListener("scroll", () => {
      if (!queued) {
        queued = true;
        requestAnimationFrame(update);
      }
    }, { passive: true });
    update();
  };

  const exists = async (href) => {
    try {
      return (await fetch(href, { method: "HEAD" })).ok;
    } catch {
      return false;
    }
  };

  const dayLink = async (slot) => {
    // The 404 page is one file served for every missing address: the date comes from the address itself.
    const found = /\/(\d{4})\/(\d{2})\/(\d{2})(?:\/|$)/.exec(location.pathname);
    if (!found) return;
    const [, y, m, d] = found;
    const day = `${Number(y)}年${Number(m)}月${Number(d)}日`;
    const choices = [
      [`${slot.dataset.editions}${y}/${m}/${d}/`, `${day}的电子版`],
      [`${slot.dataset.days}${y}/${m}/${d}/`, `${day}的报道`],
      [`${slot.dataset.days}${y}/${m}/`, `${Number(y)}年${Number(m)}月的报道`],
    ];
    for (const [href, text] of choices) {
      if (await exists(href)) {
        const link = document.createElement("a");
        link.href = href;
        link.textContent = `查看${text}`;
        slot.replaceChildren(link);
        return;
      }
    }
  };

  const start = () => {
    document.querySelectorAll("[data-font-size]").forEach(fontSize);
    document.querySelectorAll("[data-share]").forEach(share);
    document.querySelectorAll("[data-to-top]").forEach(toTop);
    document.querySelectorAll("[data-day-link]").forEach(dayLink);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
