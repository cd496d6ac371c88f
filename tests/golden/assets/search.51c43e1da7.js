// The search page: finds every article that contains every term of the query, and nothing else.
//
// The index (digest/search.py) has every Han character as a word, so a Chinese term is searched as an exact
// phrase of its characters and a Latin or digit run as a word prefix; the candidates of all terms are
// intersected, and each one shown is checked against the article's own text first. A table of keys (Han
// characters and pairs, a Latin word's first letters, credited names, topics, years and months:
// digest/search_routes.py) says which articles can hold the query, newest first: the first page of them is shown
// from their Pagefind fragments, read directly and checked against their text, before any Pagefind bundle is
// started; then only the shards that hold a candidate are searched, for the exact count and the rest. A query no
// article can hold is answered without Pagefind. No framework, no inline code (CSP).

const HAN_RANGES = "3007 3400-4DBF 4E00-9FFF F900-FAFF 20000-3134F"; // same string as digest/search.py
const FIELD = "\x1e"; // between the record's fields
const SPACE = "\u2063"; // the article's own whitespace
const PAGE = 10; // results shown at a time
const EXCERPT = 90; // characters in an excerpt, shared by its windows (one per term)
const WINDOW = 30; // the least characters of a window, however many terms
const LOOKAHEAD = 4; // shards searched at once
const WARM_PAUSE = 250; // ms after the first search before the newest shard is started for the next one
const TYPING_PAUSE = 150; // ms after the last keystroke before the index chunks of the words are fetched
const PAINT_WAIT = 100; // ms the first result waits at most to be drawn before the next ones are fetched

const HAN = HAN_RANGES.split(" ").map((r) => r.split("-").map((h) => `\\u{${h}}`).join("-")).join("");
const IS_HAN = new RegExp(`^[${HAN}]`, "u");
const JOINER = "[.,:'’\\-/]";
// A term: letters and digits; . , : ' - / inside a Latin or digit word keep it whole (1,200 PM2.5 e-mail).
const TERM = new RegExp(`[\\p{L}\\p{N}]+(?:${JOINER}[\\p{L}\\p{N}]+)*`, "gu");
const HAN_JOINER = new RegExp(`(?<=[${HAN}])${JOINER}|${JOINER}(?=[${HAN}])`, "u");
const RUN = new RegExp(`[${HAN}]+|(?:(?![${HAN}])[\\p{L}\\p{N}])+`, "gu");
const LATIN_WORD = new RegExp(`(?![${HAN}])[\\p{L}\\p{N}]`, "u");

/** The distinct terms of a query, lower-cased; punctuation and spaces separate terms. */
export function parseTerms(query) {
  const terms = [];
  for (const [match] of query.normalize("NFC").matchAll(TERM)) {
    for (const term of match.split(HAN_JOINER)) {
      const folded = fold(term).text;
      if (folded && !terms.includes(folded)) terms.push(folded);
    }
  }
  return terms;
}

/** What Pagefind is asked for one term: a quoted phrase per Han run, the word itself per Latin or digit run. */
export function pagefindQueries(term) {
  return (term.match(RUN) || []).map((run) => (IS_HAN.test(run) ? `"${[...run].join(" ")}"` : run));
}

/** What Pagefind is asked to find a term in the title: the same runs as title words (digest/search.py title_words). */
export function titleQueries(term) {
  return (term.match(RUN) || []).map((run) =>
    (IS_HAN.test(run) ? `"${[...run].map((char) => filterWord("t", char)).join(" ")}"` : filterWord("t", run)));
}

/** The route keys of a term (digest/search_routes.py): every Han pair of a Han run (the character itself for a
 * run of one), and `~` with the first one or two letters of a Latin or digit run. */
export function routeKeys(term) {
  const keys = [];
  for (const run of term.match(RUN) || []) {
    const chars = [...run];
    if (!IS_HAN.test(run)) keys.push(`~${chars.slice(0, 2).join("")}`);
    else if (chars.length === 1) keys.push(run);
    else for (let i = 0; i + 1 < chars.length; i += 1) keys.push(chars[i] + chars[i + 1]);
  }
  return keys;
}

/** The bucket of a route key: h = h * 31 + code point, modulo 2 ** 32, then modulo `buckets` (as Python). */
export function routeBucket(key, buckets) {
  let h = 0;
  for (const char of key) h = (Math.imul(h, 31) + char.codePointAt(0)) >>> 0;
  return h % buckets;
}

/** A filter as the index word digest/search.py writes: `qq` + kind + four base-26 letters per code point. */
export function filterWord(kind, value) {
  let word = `qq${kind}`;
  for (const char of value) {
    const number = char.codePointAt(0);
    for (const power of [26 ** 3, 26 ** 2, 26, 1]) word += String.fromCharCode(97 + (Math.floor(number / power) % 26));
  }
  return word;
}

/** Lower case without diacritics, with the index in `original` of every character (for highlighting). */
export function fold(original) {
  // Most text (Han, punctuation, letters without marks) folds to itself character for character: lowered in one
  // go, rather than normalized one character at a time (the same result; tests/browser). Not with a mark, a
  // character NFD changes, a length lowering changes (İ), or Σ (lowered by context in one go, alone by itself).
  const lower = original.toLowerCase();
  if (lower.length === original.length && !/[\p{M}\u03A3]/u.test(original) && original.normalize("NFD") === original) {
    return { text: lower, at: Array.from({ length: original.length + 1 }, (_, i) => i) };
  }
  let text = "";
  const at = [];
  let i = 0;
  for (const char of original) {
    const folded = char.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    for (let k = 0; k < folded.length; k += 1) at.push(i);
    text += folded;
    i += char.length;
  }
  at.push(i);
  return { text, at };
}

/** Where each term occurs in `original`, as [start, end) ranges; null when some term does not occur. */
export function findTerms(original, terms) {
  const { text, at } = fold(original);
  const ranges = [];
  for (const term of terms) {
    const latin = LATIN_WORD.test(term[0]);
    let found = false;
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
      // A Latin or digit term starts a word (as Pagefind's prefix search does); a Han term may start anywhere.
      if (latin && i > 0 && LATIN_WORD.test(text[i - 1])) continue;
      ranges.push([at[i], at[i + term.length]]);
      found = true;
    }
    if (!found) return null;
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** The record's fields with the index's spaces removed: exactly the article's text. */
export function recordFields(content) {
  const [title, kicker, subtitle, names, labels, captions, body] = content
    .replace(/[ \u200b]/g, "")
    .replaceAll(SPACE, " ")
    .split(FIELD);
  return { title, kicker, subtitle, names, labels, captions, body };
}

/** A text node and <mark> elements for `text`, marking `ranges` (which may overlap). */
function marked(text, ranges) {
  const fragment = document.createDocumentFragment();
  let done = 0;
  for (const [start, end] of ranges) {
    if (end <= done) continue;
    const from = Math.max(start, done);
    if (from > done) fragment.append(text.slice(done, from));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(from, end);
    fragment.append(mark);
    done = end;
  }
  fragment.append(text.slice(done));
  return fragment;
}

/** [start, end) windows of a text of `length` around the first match of each term (`firsts`, [start, end) ranges),
 * merged where they meet: EXCERPT characters shared between them, so a two-term excerpt shows both terms. */
export function excerptWindows(length, firsts) {
  if (!firsts.length) return [[0, Math.min(length, EXCERPT)]];
  const size = Math.max(WINDOW, Math.floor(EXCERPT / firsts.length));
  const windows = [];
  for (const [a, b] of [...firsts].sort((x, y) => x[0] - y[0])) {
    // A third of the window before the match, as before; never past the text's end, never shorter than the match.
    const start = Math.max(0, Math.min(a - Math.floor(size / 3), length - size));
    const end = Math.min(length, Math.max(start + size, b));
    const last = windows[windows.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else windows.push([start, end]);
  }
  return windows;
}

/** The first match of each term that occurs in `text` (a term found only elsewhere has none here). */
function firstMatches(text, terms) {
  return terms.map((term) => findTerms(text, [term])).filter(Boolean).map((ranges) => ranges[0]);
}

/** `text` from `from` to `to` with the parts of `ranges` inside it marked. */
function markedSlice(text, ranges, from, to) {
  const inside = ranges.filter(([a, b]) => a < to && b > from).map(([a, b]) => [Math.max(a, from) - from,
    Math.min(b, to) - from]);
  return marked(text.slice(from, to), inside);
}

/** The body's windows around every term, joined by …, matches marked; a dateline at the start shown apart, as on
 * the article's page (its own bold span), not run into the text. */
function excerpt(body, terms, dateline) {
  const datelineEnd = dateline && body.startsWith(dateline) ? dateline.length : 0;
  const windows = excerptWindows(body.length, firstMatches(body, terms));
  if (windows[0][0] < datelineEnd) windows[0][0] = 0; // a window never starts inside the dateline
  const ranges = rangesIn(body, terms);
  const fragment = document.createDocumentFragment();
  for (const [start, end] of windows) {
    if (start > 0) fragment.append("…");
    // Only whole matches at a window's edges, so no half-marked word.
    const whole = ranges.filter(([a, b]) => a >= start && b <= end);
    if (start === 0 && datelineEnd) {
      const cut = Math.min(datelineEnd, end);
      const label = document.createElement("span");
      label.className = "dateline";
      label.append(markedSlice(body, whole, 0, cut));
      fragment.append(label, markedSlice(body, whole, cut, end));
    } else {
      fragment.append(markedSlice(body, whole, start, end));
    }
  }
  if (windows[windows.length - 1][1] < body.length) fragment.append("…");
  return fragment;
}

// as the site names its lists
const PAGE_KINDS = [["section", "栏目"], ["topic", "话题"], ["reporter", "记者"], ["tag", "标签"]];

/** What to offer when nothing is found: the pages (section, topic, reporter, tag: [name, url] lists in `pages`)
 * whose name the query holds, and shorter queries (each term alone, all but the last term, a long term less its last
 * character). Names of one character are left out: almost every query would hold one. */
export function suggestions(query, terms, pages) {
  const typed = fold(query.normalize("NFC")).text;
  const found = [];
  for (const [kind, label] of PAGE_KINDS) {
    for (const [name, url] of pages[kind] || []) {
      const key = fold(name.normalize("NFC")).text;
      if ([...key].length > 1 && typed.includes(key)) found.push({ label, name, url });
    }
  }
  const shorter = terms.length > 1 ? [...terms, terms.slice(0, -1).join(" ")]
    : [...terms[0]].length > 2 ? [[...terms[0]].slice(0, -1).join("")] : [];
  return { pages: found, queries: [...new Set(shorter)] };
}

/** `_20210115` → {iso: "2021-01-15", text: "2021年1月15日"}; null for an undated article. */
function readDate(value) {
  const m = /^_(\d{4})(\d{2})(\d{2})$/.exec(value || "");
  if (!m) return null;
  return { iso: `${m[1]}-${m[2]}-${m[3]}`, text: `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` };
}

/** One result as a list item: title, kicker, date, credits and excerpt, matches marked. */
function renderHit(hit, terms) {
  const { fields, data } = hit;
  const item = document.createElement("li");
  const article = document.createElement("article");
  article.className = "item search-hit";
  if (fields.kicker) {
    const kicker = document.createElement("p");
    kicker.className = "kicker";
    kicker.append(marked(fields.kicker, rangesIn(fields.kicker, terms)));
    article.append(kicker);
  }
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.append(marked(fields.title, rangesIn(fields.title, terms)));
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  const day = readDate(data.meta.date);
  if (day) {
    const time = document.createElement("time");
    time.dateTime = day.iso;
    time.textContent = day.text;
    const span = document.createElement("span");
    span.append(time);
    meta.append(span);
  }
  for (const credit of (data.meta.byline || "").split("|").filter(Boolean)) {
    const [role, names] = credit.replace(/^\+/, "").split("=");
    const label = document.createElement("span");
    label.className = credit.startsWith("+") ? "role after" : "role";
    label.textContent = role;
    const span = document.createElement("span");
    span.className = "byline";
    span.append(marked(names, rangesIn(names, terms)));
    if (credit.startsWith("+")) span.append(label);
    else span.prepend(label);
    meta.append(span);
  }
  const text = document.createElement("p");
  text.className = "summary";
  text.append(excerpt(fields.body, terms, data.meta.dateline));
  article.append(heading, meta, text);
  item.append(article);
  return item;
}

/** Ranges of every term that occurs in `text` (terms that do not occur are skipped). */
function rangesIn(text, terms) {
  return terms.flatMap((term) => findTerms(text, [term]) || []).sort((a, b) => a[0] - b[0]);
}

/** True when a shard may hold articles of `date` (a year, a year-month, or "" for any time). */
function covers(shard, date) {
  if (!date) return true;
  if (shard.first === "0000-00-00") return false; // the undated shard
  return shard.first.slice(0, date.length) <= date && date <= shard.last.slice(0, date.length);
}

/** Resolves once the browser has drawn the page (the next frame), or after PAINT_WAIT ms; at once for a hidden
 * page, which draws nothing: its results must not wait for it to be shown. */
function afterPaint() {
  if (document.hidden) return Promise.resolve();
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0)); // the frame's task done: the page is drawn
    setTimeout(resolve, PAINT_WAIT);
  });
}

/** Resolves in a task of its own, after what else the browser has to do (input, drawing). A message, not a
 * timer, where there is no scheduler.yield: a hidden tab's timers may fire once a second. */
function nextTask() {
  if (globalThis.scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** What `load()` gives, loaded once and kept in `loaded` under `key`; a failed load is forgotten, to be tried
 * again. */
function loadOnce(loaded, key, load) {
  if (!loaded.has(key)) {
    const loading = load();
    loading.catch(() => loaded.delete(key));
    loaded.set(key, loading);
  }
  return loaded.get(key);
}

/** A route table entry (the first place, then the steps between places) as the places, ascending. */
export function placesOf(steps) {
  const places = [];
  let place = 0;
  for (const step of steps || []) places.push(place += step);
  return places;
}

/** The places in every one of `lists` (each ascending), ascending. */
export function intersect(lists) {
  if (!lists.length) return [];
  const [shortest, ...others] = [...lists].sort((a, b) => a.length - b.length);
  return others.reduce((kept, list) => {
    const result = [];
    let j = 0;
    for (const place of kept) {
      while (j < list.length && list[j] < place) j += 1;
      if (list[j] === place) result.push(place);
    }
    return result;
  }, shortest);
}

/** A JSON file, or an error naming it. */
async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

const SIGNATURE = "pagefind_dcd"; // what a Pagefind fragment's JSON is preceded by (digest/search.py)

/** A Pagefind fragment as Pagefind's data() gives it: gunzipped (unless the server did), signature off, parsed. */
async function fragment(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gzipped
    ? await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
    : new TextDecoder().decode(bytes);
  const data = JSON.parse(text.startsWith(SIGNATURE) ? text.slice(SIGNATURE.length) : text);
  data.content = data.content.replace(/\u200B/g, ""); // as Pagefind's data() gives it
  return data;
}

/** The search page: form, state in the URL, shards, results. */
class SearchPage {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = this.form.elements.q;
    this.status = root.querySelector("[data-search-status]");
    this.list = root.querySelector("[data-search-results]");
    this.more = root.querySelector("[data-search-more]");
    this.region = root.querySelector("[data-search-region]");
    this.suggest = root.querySelector("[data-search-suggest]");
    const island = document.querySelector("[data-search-pages]");
    this.pages = island ? JSON.parse(island.textContent) : {}; // sections, topics, reporters, tags: [name, url]
    this.manifestUrl = root.dataset.manifest;
    this.siteTitle = document.title;
    this.modules = new Map();
    this.routes = new Map(); // route table buckets and fragment lists by URL
    this.generation = 0;
  }

  async start() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.navigate();
    });
    for (const select of this.form.querySelectorAll("select")) select.addEventListener("change", () => this.navigate());
    this.input.addEventListener("input", () => {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => this.preload(this.input.value), TYPING_PAUSE);
    });
    this.more.addEventListener("click", () => this.showMore());
    // A suggested query searches on this page (a new history entry), without loading it again.
    this.suggest.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-query]");
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      history.pushState(null, "", link.href);
      this.load();
    });
    window.addEventListener("popstate", () => this.load());
    this.manifest = await fetchJson(this.manifestUrl);
    this.root.dataset.ready = "true"; // for tests and the benchmark
    // Pagefind is not started here: the first page of results comes from the route table and the fragments, and
    // Pagefind's files would share the connection with them.
    await this.load();
    // Then the newest shard, where most searches begin, once the page is idle; other shards load when a search
    // needs them (starting all of them cost 2 MB and seconds of work on every visit at 10,000 articles).
    await new Promise((resolve) => setTimeout(resolve, WARM_PAUSE));
    if (this.manifest.shards.length) await this.module(this.manifest.shards[0]).catch(() => null);
  }


  /** The form's state as URL parameters; a new history entry, then search. */
  navigate() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(this.form)) if (String(value).trim()) params.set(name, String(value).trim());
    const url = `${location.pathname}${params.size ? `?${params}` : ""}`;
    if (url !== `${location.pathname}${location.search}`) history.pushState(null, "", url);
    return this.load();
  }

  /** Fill the form from the URL and search (first load, back and forward). */
  load() {
    const params = new URLSearchParams(location.search);
    this.input.value = params.get("q") || "";
    for (const select of this.form.querySelectorAll("select")) {
      const value = params.get(select.name) || "";
      select.value = [...select.options].some((o) => o.value === value) ? value : "";
    }
    const { reporter, topic, date, sort } = this.form.elements;
    // A site without topics has no topic list.
    return this.search({ q: this.input.value, reporter: reporter.value, topic: topic ? topic.value : "",
      date: date.value, sort: sort.value });
  }

  /** While the reader types: fetch the newest shard's index chunks for the words so far (results come sooner). */
  async preload(query) {
    if (!this.manifest || !this.manifest.shards.length) return;
    const pagefind = await this.module(this.manifest.shards[0]).catch(() => null);
    if (!pagefind) return; // only a head start: a search loads what it needs itself
    for (const words of parseTerms(query).flatMap(pagefindQueries)) await pagefind.preload(words).catch(() => null);
  }

  /** What the route table says of a query: `places`, the articles (by place in the archive, newest first) that
   * have every key of `terms`, of the credited name `reporter`, of `topic` and of `date`, and `shards`, those of
   * `shards` that hold one of them. One bucket file per key, each fetched once per page. A table that cannot be
   * read rules nothing out (`places` is null). */
  async routed(shards, terms, { reporter, topic, date }) {
    const { folder, buckets } = this.manifest.routes || {};
    if (!folder) return { shards, places: null };
    const keys = [...new Set(terms.flatMap(routeKeys))];
    if (reporter) keys.push(`@${reporter}`);
    if (topic) keys.push(`#${topic}`);
    if (date) keys.push(`%${date}`);
    let entries;
    try {
      const tables = await Promise.all(keys.map((key) => this.routeTable(folder, routeBucket(key, buckets))));
      entries = keys.map((key, i) => tables[i][key]);
    } catch {
      return { shards, places: null };
    }
    // A character alone is listed by shard ("hex bits"), every other key by article (steps between places).
    let mask = -1n;
    const lists = [];
    for (const entry of entries) {
      if (typeof entry === "string") mask &= BigInt(`0x${entry}`);
      else lists.push(placesOf(entry)); // a key no article has: none
    }
    const masked = new Set(this.manifest.shards.filter((_, bit) => Boolean((mask >> BigInt(bit)) & 1n)));
    // Characters alone: every article of the shards that have them is a candidate (the check sorts them out).
    if (!lists.length) {
      const holding = shards.filter((shard) => masked.has(shard));
      return { shards: holding, places: this.placesIn(holding) };
    }
    const { places, holding } = this.inShards(intersect(lists), masked);
    return { shards: shards.filter((shard) => holding.has(shard)), places };
  }

  /** Of `places` (ascending), those in the shards of `kept`, and the shards that hold one: one walk along both, as
   * the places ascend shard after shard. */
  inShards(places, kept) {
    const found = [];
    const holding = new Set();
    const { shards } = this.manifest;
    let index = 0;
    let end = shards.length ? shards[0].count : 0;
    for (const place of places) {
      while (place >= end && index + 1 < shards.length) end += shards[(index += 1)].count;
      if (place >= end || !kept.has(shards[index])) continue;
      found.push(place);
      holding.add(shards[index]);
    }
    return { places: found, holding };
  }

  /** Every place in the archive of these shards' articles, ascending. */
  placesIn(shards) {
    const places = [];
    let start = 0;
    for (const shard of this.manifest.shards) {
      if (shards.includes(shard)) for (let i = 0; i < shard.count; i += 1) places.push(start + i);
      start += shard.count;
    }
    return places;
  }

  /** The names of a shard's fragments, in the table's order (fetched once per page). */
  fragmentNames(shard) {
    const url = `${this.manifest.routes.folder}pages-${shard.name}.json`;
    return loadOnce(this.routes, url, () => fetchJson(url));
  }

  /** The shard of a place in the archive, and the article's place within it. */
  shardAt(place) {
    let start = 0;
    for (const shard of this.manifest.shards) {
      if (place < start + shard.count) return { shard, index: place - start };
      start += shard.count;
    }
    return { shard: null, index: -1 };
  }

  /** A candidate read without Pagefind: its fragment (named by the shard's list) fetched and unpacked as Pagefind
   * does, with the same `id` and `data()` as Pagefind's results. Null when the list has no fragment for it. */
  async direct(place) {
    const { shard, index } = this.shardAt(place);
    if (!shard) return null;
    const name = (await this.fragmentNames(shard))[index];
    if (!name) return null;
    return { id: name, result: { data: () => fragment(`${shard.bundle}fragment/${name}.pf_fragment`) } };
  }

  /** One bucket of the route table: {key: steps between places, character: shards as hex bits}; a failed fetch
   * is tried again next time. */
  routeTable(folder, bucket) {
    const url = `${folder}${bucket}.json`;
    return loadOnce(this.routes, url, () => fetchJson(url));
  }

  /** The Pagefind module of one shard (each bundle is its own module instance); a failed load is retried. */
  module(shard) {
    return loadOnce(this.modules, shard.bundle, () => import(`${shard.bundle}pagefind.js`).then(async (pagefind) => {
      // Record URLs already carry the base path. No worker: one per shard would cost more than it saves. The
      // tag keeps the entry file's URL while the index stays the same (without one, Pagefind adds the time).
      await pagefind.options({ baseUrl: "/", noWorker: true, ...(shard.tag ? { metaCacheTag: shard.tag } : {}) });
      await pagefind.filters(); // waits for the WebAssembly to be ready
      return pagefind;
    }));
  }

  /** Candidates of one shard: pages that Pagefind finds for every run of every term, in its order; with
   * `titleTerms`, each also knows how many of them its title holds (`inTitle`, for "most relevant"). */
  async candidates(shard, queries, byDate, titleTerms = []) {
    const pagefind = await this.module(shard);
    let found = null;
    for (const query of queries) {
      const response = await pagefind.search(query, { sort: byDate ? { date: "desc" } : {} });
      const scores = new Map(response.results.map((r) => [r.id, r]));
      // Keep Pagefind's result objects alive: when one is garbage-collected, its data() is released.
      found = found === null
        ? response.results.map((r) => ({ id: r.id, score: r.score, result: r }))
        : found.filter((c) => scores.has(c.id)).map((c) => ({ ...c, score: c.score + scores.get(c.id).score }));
      if (!found.length) break;
    }
    if (found && found.length && titleTerms.length) {
      const counts = await this.titleCounts(pagefind, titleTerms);
      for (const candidate of found) candidate.inTitle = counts.get(candidate.id) || 0;
    }
    return found || [];
  }

  /** How many of `terms` each page's title holds, by page id: Pagefind cannot search one field, so the title's
   * own words (digest/search.py title_words) are searched. */
  async titleCounts(pagefind, terms) {
    const counts = new Map();
    for (const term of terms) {
      let ids = null;
      for (const query of titleQueries(term)) {
        const found = new Set((await pagefind.search(query)).results.map((r) => r.id));
        ids = ids === null ? found : new Set([...ids].filter((id) => found.has(id)));
      }
      for (const id of ids || []) counts.set(id, (counts.get(id) || 0) + 1);
    }
    return counts;
  }

  async search(state) {
    const generation = ++this.generation;
    const terms = parseTerms(state.q);
    this.list.replaceChildren();
    this.more.hidden = true;
    this.suggest.hidden = true;
    this.suggest.replaceChildren();
    this.state = state;
    document.title = terms.length ? `“${state.q.trim()}”的搜索结果 - ${this.siteTitle}` : this.siteTitle;
    if (!terms.length) {
      this.say(state.q.trim() ? "请输入要搜索的汉字、字母或数字。" : "");
      return;
    }
    this.terms = terms;
    this.queue = [];
    this.shown = 0;
    this.rejected = 0;
    this.total = 0;
    this.pending = true;
    this.fromTable = false; // a search given way to in its first page must not leave its state behind
    this.label = `“${state.q.trim()}”`;
    this.region.setAttribute("aria-busy", "true");
    this.say("正在搜索…");
    // Filters are words of the record (digest/search.py explains why not Pagefind's filters).
    const filters = [];
    if (state.reporter) filters.push(filterWord("r", state.reporter));
    if (state.topic) filters.push(filterWord("k", state.topic));
    const date = /^\d{4}(?:-\d{2})?$/.test(state.date) ? state.date : "";
    if (date.length === 4) filters.push(filterWord("y", date));
    if (date.length === 7) filters.push(filterWord("m", date));
    const queries = [...filters.map((word) => `"${word}"`), ...terms.flatMap(pagefindQueries)];
    try {
      const covering = this.manifest.shards.filter((shard) => covers(shard, date));
      if (this.manifest.routes && covering.length && state.sort !== "relevance") {
        // Most first results are in the newest shard of the dates asked for: its fragment list comes with the
        // table, not after it.
        this.fragmentNames(covering[0]).catch(() => null);
      }
      const { shards, places } = await this.routed(covering, terms,
        { reporter: state.reporter, topic: state.topic, date });
      if (generation !== this.generation) return;
      const shown = new Set(); // ids of the results the table showed, until Pagefind finds (and counts) them
      if (places && state.sort !== "relevance") {
        await this.showDirect(places, shown, generation);
        if (generation !== this.generation) return;
      }
      if (state.sort === "relevance") {
        const all = await Promise.all(shards.map((s) => this.candidates(s, queries, false, terms)));
        if (generation !== this.generation) return;
        // Titles that hold every term first, then those that hold more of them, then Pagefind's score.
        this.queue = all.flat().sort((a, b) => b.inTitle - a.inTitle || b.score - a.score);
        this.total = this.queue.length;
      } else {
        // Newest shard first, results shown in that order; the next few are searched meanwhile.
        const searches = [];
        const ahead = (i) => {
          if (i < shards.length && !searches[i]) {
            searches[i] = this.candidates(shards[i], queries, true);
            searches[i].catch(() => null); // awaited below, in order
          }
        };
        for (let i = 0; i < shards.length; i += 1) {
          // The newest shard alone first (first results), then a few at a time.
          for (let k = i; k < i + (i === 0 ? 1 : LOOKAHEAD); k += 1) ahead(k);
          const found = await searches[i];
          if (generation !== this.generation) return;
          this.queue.push(...found.filter((candidate) => !shown.has(candidate.id)));
          this.total += found.length;
          for (const candidate of found) shown.delete(candidate.id); // counted in the total now
          if (this.shown < PAGE) await this.fill(PAGE, generation);
          else this.report(); // the first page is full: the count so far, and 更多 once there is more
          if (generation !== this.generation) return; // fill() gave way to a newer search
        }
      }
      if (generation !== this.generation) return;
      this.pending = false;
      // A result the table showed that Pagefind did not find (its phrase search and the check disagree) is on the
      // page all the same: it is counted.
      this.total += shown.size;
      await this.fill(Math.max(PAGE, this.shown), generation);
    } catch (error) {
      if (generation !== this.generation) return;
      this.pending = false;
      this.region.setAttribute("aria-busy", "false");
      this.say("搜索出错了，请稍后再试，或按日期浏览往期报道。");
      throw error;
    }
  }

  /** The first page of results straight from the table: the first PAGE candidates, newest first, each read from
   * its fragment and checked against its text (a candidate has every key, which is not yet every term: 王新 and
   * 新亭 apart). Nothing is counted: Pagefind, started after, gives the exact count and the rest. */
  async showDirect(places, shown, generation) {
    this.fromTable = true;
    try {
      const read = await Promise.all(places.slice(0, PAGE).map((place) => this.direct(place).catch(() => null)));
      if (generation !== this.generation) return;
      this.queue = read.filter(Boolean);
      await this.fill(PAGE, generation);
    } catch {
      // a fragment that cannot be read: Pagefind shows what the table could not
    } finally {
      if (generation === this.generation) {
        for (const item of this.list.children) shown.add(item.dataset.id);
        this.queue = [];
        this.rejected = 0; // the table's candidates are not Pagefind's: its count starts afresh
        this.fromTable = false;
      }
    }
  }

  /** Show verified results until `target` are on the page or the candidates run out. */
  async fill(target, generation) {
    // With nothing shown yet, the first candidate's fragment alone: the first result, the one on the first
    // screen, arrives without sharing the connection with the nine after it, and is drawn before they are
    // fetched. Only the first: a query whose first candidates fail the check must not fetch them one by one.
    let alone = !this.shown;
    while (this.shown < target && this.queue.length) {
      const batch = this.queue.splice(0, alone ? 1 : target - this.shown);
      // All fetched at once, each shown as soon as it and those before it are in: the first result need not
      // wait for the tenth.
      const loading = batch.map((c) => c.result.data());
      for (const data of loading) data.catch(() => null); // the first failure is thrown below, in order
      for (const [i, data] of loading.entries()) {
        const hit = { data: await data };
        if (generation !== this.generation) return;
        hit.fields = recordFields(hit.data.content);
        const text = [hit.fields.title, hit.fields.kicker, hit.fields.subtitle, hit.fields.names, hit.fields.labels,
          hit.fields.captions, hit.fields.body].join("\n");
        if (findTerms(text, this.terms) === null) {
          this.rejected += 1; // Pagefind's candidate does not hold every term as the reader typed it
          continue;
        }
        const item = renderHit(hit, this.terms);
        item.dataset.id = batch[i].id;
        this.list.append(item);
        this.shown += 1;
        // One result per task: ten fragments arrive together, and drawn in one go they held the page up (a
        // tap or a keystroke waited) for as long as all ten took.
        await nextTask();
        if (generation !== this.generation) return;
      }
      if (alone && this.shown) {
        await afterPaint();
        if (generation !== this.generation) return;
      }
      alone = false;
    }
    this.report();
  }

  async showMore() {
    const generation = this.generation;
    this.more.hidden = true;
    this.region.setAttribute("aria-busy", "true");
    await this.fill(this.shown + PAGE, generation);
  }

  report() {
    if (this.fromTable) return; // "searching" until Pagefind has counted
    const count = this.total - this.rejected;
    this.more.hidden = !this.queue.length;
    if (this.pending) {
      this.say(`已找到${count}篇包含${this.label}的报道，正在搜索更早的报道…`);
      return;
    }
    this.region.setAttribute("aria-busy", "false");
    const order = this.form.elements.sort.value === "relevance" ? "按相关度排列" : "按日期从新到旧排列";
    this.say(count ? `找到${count}篇包含${this.label}的报道，${order}。` : `没有找到包含${this.label}的报道。`);
    if (!count) this.offer();
  }

  /** Below "nothing found": links to the pages the query names, shorter queries, and the query without filters. */
  offer() {
    const { q, reporter, topic, date, sort } = this.state;
    const { pages, queries } = suggestions(q, this.terms, this.pages);
    const items = pages.map(({ label, name, url }) => this.suggestion(`${label}“${name}”的全部报道`, url));
    const here = (params) => `${location.pathname}?${new URLSearchParams(Object.entries(params).filter(([, v]) => v))}`;
    for (const query of queries) {
      items.push(this.suggestion(`搜索“${query}”`, here({ q: query, reporter, topic, date, sort }), true));
    }
    if (reporter || topic || date) {
      items.push(this.suggestion(`在全部${topic ? "话题、" : ""}作者和时间里搜索${this.label}`, here({ q, sort }), true));
    }
    if (!items.length) return;
    const intro = document.createElement("p");
    intro.textContent = "可以试试：";
    const list = document.createElement("ul");
    list.append(...items);
    this.suggest.replaceChildren(intro, list);
    this.suggest.hidden = false;
  }

  /** One suggestion: a list item with a link; `query` marks a search on this page. */
  suggestion(text, url, query = false) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = url;
    link.textContent = text;
    if (query) link.dataset.query = "";
    item.append(link);
    return item;
  }

  say(text) {
    this.status.textContent = text;
  }
}

const root = document.querySelector("[data-search]");
if (root) new SearchPage(root).start();
