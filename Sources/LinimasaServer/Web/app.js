// Linimasa web page: reads the JSON API and draws stories, timelines, articles and search results.
// Plain JavaScript, no library, no request outside this server.
"use strict";

const BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const main = document.getElementById("main");

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children.flat(3)) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function tanggal(iso) {
  if (!iso) return "tanpa tanggal";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[3])} ${BULAN[Number(m[2]) - 1]} ${m[1]}`;
}

function waktu(iso) {
  if (!iso) return "waktu terbit tidak diketahui";
  const t = /T(\d{2}):(\d{2})/.exec(iso);
  return tanggal(iso) + (t ? `, ${t[1]}.${t[2]}` : "");
}

function days(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000; }

function jarak(n) {
  if (n < 14) return `${n} hari kemudian`;
  if (n < 60) return `${Math.round(n / 7)} minggu kemudian`;
  if (n < 730) return `${Math.round(n / 30.4)} bulan kemudian`;
  return `${Math.round(n / 365.25)} tahun kemudian`;
}

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ error: { message: `jawaban server tidak terbaca (${r.status})` } }));
  if (!r.ok) throw new Error(body.error ? body.error.message : `galat ${r.status}`);
  return body;
}

function show(...nodes) { main.replaceChildren(...nodes.flat(2).filter((n) => n !== null && n !== undefined && n !== false)); window.scrollTo(0, 0); }
function fail(err) { show(el("p", { class: "error" }, "Gagal memuat: ", err.message), el("p", {}, el("a", { href: "#/" }, "Kembali ke daftar cerita"))); }
function chips(list) { return list && list.length ? el("ul", { class: "chips" }, list.map((x) => el("li", {}, x))) : null; }
function snippet(html) { const s = el("p", { class: "snippet" }); s.innerHTML = html; return s; } // server-escaped, <mark> only

async function storiesPage(params) {
  const page = Math.max(1, Number(params.get("page")) || 1);
  const sort = ["recent", "size", "start"].includes(params.get("sort")) ? params.get("sort") : "recent";
  const data = await api(`/api/stories?page=${page}&per_page=20&sort=${sort}`);
  const sorts = [["recent", "Terbaru"], ["size", "Terbesar"], ["start", "Kronologis"]];
  const items = data.items.map((s) =>
    el("li", { class: "card story" },
      el("h3", {}, el("a", { href: `#/cerita/${encodeURIComponent(s.id)}` }, s.title || s.id)),
      el("div", { class: "meta" },
        s.firstDay === s.lastDay ? tanggal(s.firstDay) : `${tanggal(s.firstDay)} – ${tanggal(s.lastDay)}`,
        ` · ${s.events} peristiwa · ${s.articles} artikel`),
      chips(s.outlets)));
  const pages = Math.max(1, Math.ceil(data.total / data.perPage));
  show(
    el("h1", {}, "Cerita"),
    el("p", { class: "meta" }, `${data.total} cerita · halaman ${data.page} dari ${pages} · urutkan: `,
      sorts.map(([k, label], i) => [i ? " · " : "", k === sort ? el("strong", {}, label) : el("a", { href: `#/?sort=${k}` }, label)])),
    data.total === 0 ? el("p", {}, "Belum ada artikel. Tambahkan dengan: linimasa ingest FOLDER") : el("ol", { class: "cards" }, items),
    el("nav", { class: "pager" },
      page > 1 ? el("a", { href: `#/?sort=${sort}&page=${page - 1}` }, "← Sebelumnya") : el("span"),
      page < pages ? el("a", { href: `#/?sort=${sort}&page=${page + 1}` }, "Berikutnya →") : el("span")));
  document.title = "Linimasa · Cerita";
}

function perihal(about) {
  const names = { place: "tempat", date: "tanggal", dead: "jumlah korban tewas", injured: "jumlah korban luka" };
  if (names[about]) return names[about];
  const role = /^role of (.+)$/.exec(about);
  return role ? `jabatan ${role[1]}` : about;
}

function eventItem(e, refs) {
  const byId = new Map(refs.map((a) => [a.id, a]));
  const copies = new Map((e.reports || []).filter((r) => r.copyOf).map((r) => [r.id, r.copyOf]));
  return el("li", { class: "event", id: `peristiwa-${e.id}` },
    el("div", { class: "event-date" }, el("time", { datetime: e.date || "" }, tanggal(e.date)),
      e.dateSource === "published" ? el("span", { class: "meta" }, " (tanggal terbit)") : null),
    el("h3", {}, e.title),
    e.summary.map((s) => el("p", { class: "summary" }, s)),
    el("div", { class: "meta" }, "Media: ", e.outlets.join(", ") || "—", e.sources.length ? ` · mengutip ${e.sources.join(", ")}` : ""),
    e.entities && e.entities.length ? el("div", { class: "meta" }, "Tokoh & tempat: ", e.entities.slice(0, 8).join(", ")) : null,
    (e.quotes || []).slice(0, 2).map((q) => el("blockquote", { class: "quote" }, `“${q.text}”`, q.speaker ? el("div", { class: "meta" }, `— ${q.speaker}`) : null)),
    (e.disagreements || []).map((d) => el("div", { class: "disagree" }, `Media berbeda soal ${perihal(d.about)}: `,
      d.claims.map((c) => `${c.value} (${c.outlets.join(", ") || c.articles.join(", ")})`).join(" vs "))),
    el("ul", { class: "articles" }, e.articles.map((id) => {
      const a = byId.get(id) || { id };
      return el("li", {}, el("a", { href: `#/artikel/${encodeURIComponent(id)}` }, a.title || id),
        el("span", { class: "meta" }, ` · ${a.outlet || "?"} · ${waktu(a.published)}`, copies.has(id) ? " · salinan" : ""));
    })));
}

async function storyPage(id, params) {
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const data = await api(`/api/stories/${encodeURIComponent(id)}?offset=${offset}&limit=50`);
  const s = data.story;
  const here = `#/cerita/${encodeURIComponent(id)}`;
  const axis = el("ol", { class: "axis", "aria-label": "Garis waktu" });
  let last = null;
  for (const e of s.events) {
    if (e.date && last) {
      const gap = days(e.date) - days(last);
      if (gap > 1) axis.append(el("li", { class: "gap", style: `min-height:${(Math.min(6, 1 + Math.log2(gap)) * 0.6).toFixed(2)}rem` }, jarak(gap)));
    }
    if (e.date) last = e.date;
    axis.append(eventItem(e, data.articles));
  }
  show(
    el("p", {}, el("a", { href: "#/" }, "← Semua cerita")),
    el("h1", {}, s.title),
    data.current ? null : el("p", { class: "error" }, "Garis waktu ini belum memuat artikel terakhir (ingest terputus)."),
    el("p", { class: "meta" }, data.eventsTotal > s.events.length
      ? `${data.eventsTotal} peristiwa; ditampilkan ${offset + 1}–${offset + s.events.length}`
      : `${s.events.length} peristiwa · ${s.articles.length} artikel`),
    chips(s.keywords),
    el("h2", {}, "Garis waktu"), axis,
    data.eventsTotal > s.events.length ? el("nav", { class: "pager" },
      offset > 0 ? el("a", { href: `${here}?offset=${Math.max(0, offset - data.limit)}` }, "← Peristiwa sebelumnya") : el("span"),
      offset + s.events.length < data.eventsTotal ? el("a", { href: `${here}?offset=${offset + data.limit}` }, "Peristiwa berikutnya →") : el("span")) : null,
    s.sources.length ? [el("h2", {}, "Sumber yang dikutip"), el("ul", {}, s.sources.map((u) => el("li", {}, `${u.outlet}: ${u.sources.join(", ")}`)))] : null,
    s.entities.length ? [el("h2", {}, "Tokoh, organisasi, tempat"), el("ul", { class: "chips" }, s.entities.slice(0, 20).map((x) => el("li", { title: x.aliases.join(", ") }, `${x.name} (${x.kind})`)))] : null);
  document.title = `Linimasa · ${s.title}`;
}

async function articlePage(id) {
  const r = await api(`/api/articles/${encodeURIComponent(id)}`);
  const a = r.article;
  const rows = [["Media", a.outlet], ["Penulis", a.author], ["Terbit", a.published && a.published.value ? waktu(a.published.value) : null],
    ["Dateline", a.dateline], ["Bahasa", a.language], ["Sumber berkas", a.source],
    ["Mengutip", (a.citations || []).map((c) => c.outlet).join(", ")]].filter((x) => x[1]);
  show(
    el("p", {}, r.story ? el("a", { href: `#/cerita/${encodeURIComponent(r.story)}` }, "← Cerita artikel ini") : el("a", { href: "#/" }, "← Semua cerita")),
    el("h1", {}, a.title || a.id),
    el("table", { class: "kv" }, rows.map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))),
    (a.entities || []).length ? el("ul", { class: "chips", "aria-label": "Tokoh, organisasi, tempat" },
      a.entities.slice(0, 16).map((x) => el("li", { title: (x.roles || []).join(", ") }, `${x.canonical} (${x.kind})`))) : null,
    el("div", { class: "body" }, a.body.map((p) => el("p", {}, p))),
    (a.quotes || []).length ? [el("h2", {}, "Kutipan"), (a.quotes || []).map((q) =>
      el("blockquote", { class: "quote" }, q.direct ? `“${q.text}”` : q.text, el("div", { class: "meta" }, `— ${q.speaker || "tanpa nama"}`)))] : null,
    a.removed.length ? [el("h2", {}, "Baris yang dibuang"), el("ul", { class: "removed" }, a.removed.map((x) => el("li", {}, `[${x.reason}] ${x.text}`)))] : null);
  document.title = `Linimasa · ${a.title || a.id}`;
}

async function eventPage(id) {
  const r = await api(`/api/events/${encodeURIComponent(id)}`);
  location.replace(`#/cerita/${encodeURIComponent(r.story.id)}`);
}

async function searchPage(params) {
  const q = params.get("q") || "";
  document.getElementById("q").value = q;
  const data = await api(`/api/search?q=${encodeURIComponent(q)}&limit=30`);
  show(
    el("h1", {}, `Hasil pencarian: ${q}`),
    data.events.length ? [el("h2", {}, "Peristiwa"), el("ol", { class: "cards" }, data.events.map((h) =>
      el("li", { class: "card" }, el("h3", {}, el("a", { href: `#/cerita/${encodeURIComponent(h.story)}` }, h.title)),
        el("div", { class: "meta" }, tanggal(h.date), " · ", h.outlets.join(", ")), snippet(h.snippet))))] : null,
    el("h2", {}, `Artikel (${data.totalArticles})`),
    data.articles.length ? el("ol", { class: "cards" }, data.articles.map((h) =>
      el("li", { class: "card" }, el("h3", {}, el("a", { href: `#/artikel/${encodeURIComponent(h.id)}` }, h.title || h.id)),
        el("div", { class: "meta" }, h.outlets.join(", "), " · ", tanggal(h.date)), snippet(h.snippet)))) : el("p", {}, "Tidak ada artikel yang cocok."));
  document.title = `Linimasa · ${q}`;
}

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts.length === 0) await storiesPage(params);
    else if (parts[0] === "cerita" && parts[1]) await storyPage(parts[1], params);
    else if (parts[0] === "artikel" && parts[1]) await articlePage(parts[1]);
    else if (parts[0] === "peristiwa" && parts[1]) await eventPage(parts[1]);
    else if (parts[0] === "cari") await searchPage(params);
    else show(el("p", {}, "Halaman tidak ditemukan. ", el("a", { href: "#/" }, "Daftar cerita")));
  } catch (err) { fail(err); }
}

document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = document.getElementById("q").value.trim();
  if (q) location.hash = `#/cari?q=${encodeURIComponent(q)}`;
});
window.addEventListener("hashchange", route);
route();
