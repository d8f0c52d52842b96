/**
 * The table preview's page, without VS Code: the shell around the server's HTML, its Content-Security-
 * Policy, the theme mapping and the page script. Kept apart from `preview.ts` so that a test can load
 * the same page in a browser.
 *
 * Messages: page → extension `{type: 'reveal', start, end}` (a cell was clicked);
 * extension → page `{type: 'update', html, summary, version, pdf}`, `{type: 'scroll', offset}` (the
 * editor's top line), `{type: 'cursor', offset}` (the editor's cursor).
 *
 * The page view (a report text read from a PDF): `{type: 'pdf', pdf}` says the text has pages
 * (`PdfPages` without its source: page count and the marked cells' boxes) and shows the button that
 * switches to them. The page loads the PDF reader (dist/pdf.js, `pdfScript`) only then, as a script
 * with the page's nonce, and asks the extension for what it cannot fetch under its CSP: page →
 * extension `{type: 'request', id, what: 'pdf-data'}` (the file's bytes) or `{…, what: 'cmap', name}`
 * (a CMap for Chinese fonts), answered `{type: 'reply', id, data}` (a Uint8Array, or null). pdfjs draws
 * each page into a canvas as it comes into view; every marked cell is a button over its box, a click
 * selects it in the report text (`reveal`). `{type: 'show-page', page, box}` shows a page with a box
 * outlined ("reveal in the source file").
 */

/** The grids' custom properties from VS Code's theme variables (light, dark and high contrast alike). */
export const THEME_CSS = `
:root {
  --nb-fg: var(--vscode-editor-foreground);
  --nb-bg: var(--vscode-editor-background);
  --nb-border: var(--vscode-editorWidget-border, var(--vscode-panel-border, rgba(128, 128, 128, .45)));
  --nb-head-bg: var(--vscode-editorWidget-background, transparent);
  --nb-muted: var(--vscode-descriptionForeground);
  --nb-error: var(--vscode-editorError-foreground);
  --nb-error-bg: var(--vscode-inputValidation-errorBackground, transparent);
  --nb-warning: var(--vscode-editorWarning-foreground);
  --nb-warning-bg: var(--vscode-inputValidation-warningBackground, transparent);
  --nb-info: var(--vscode-editorInfo-foreground);
  --nb-focus: var(--vscode-focusBorder);
}
body { color: var(--nb-fg); background: var(--nb-bg); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 1em 2em; }
body.vscode-high-contrast .nb-grid th, body.vscode-high-contrast .nb-grid td,
body.vscode-high-contrast-light .nb-grid th, body.vscode-high-contrast-light .nb-grid td { border-color: var(--vscode-contrastBorder); }
body.vscode-high-contrast .nb-grid .m-error, body.vscode-high-contrast .nb-grid .m-warning,
body.vscode-high-contrast-light .nb-grid .m-error, body.vscode-high-contrast-light .nb-grid .m-warning { background: transparent; }
header.nb-summary { position: sticky; top: 0; z-index: 1; background: var(--nb-bg); padding: .5em 0; border-bottom: 1px solid var(--nb-border); color: var(--nb-muted); }
header.nb-summary .errors { color: var(--nb-error); }
header.nb-summary button { margin-left: 1em; font: inherit; color: var(--vscode-button-foreground, inherit); background: var(--vscode-button-background, transparent);
  border: 1px solid var(--vscode-button-border, var(--nb-border)); padding: .15em .7em; cursor: pointer; }
header.nb-summary button:hover { background: var(--vscode-button-hoverBackground, var(--vscode-button-background)); }
header.nb-summary button:focus-visible { outline: 1px solid var(--nb-focus); outline-offset: 2px; }
#pdf .nb-page { margin: 1em 0 2em; }
#pdf .nb-page h3 { font-weight: normal; color: var(--nb-muted); margin: 0 0 .4em; scroll-margin-top: 3em; }
#pdf .nb-sheet { position: relative; display: inline-block; background: #fff; box-shadow: 0 0 0 1px var(--nb-border); min-height: 4em; }
#pdf canvas { display: block; }
#pdf .nb-mark { position: absolute; margin: 0; padding: 0; background: transparent; border: 2px solid var(--nb-error); border-radius: 2px; cursor: pointer; }
#pdf .nb-mark.m-error { background: rgba(229, 20, 0, .12); }
#pdf .nb-mark.m-warning { border-color: var(--nb-warning); background: rgba(191, 136, 3, .12); }
#pdf .nb-mark.m-info { border-color: var(--nb-info); }
#pdf .nb-mark.m-rel { border: 1px dashed var(--nb-error); background: transparent; }
#pdf .nb-mark:focus-visible, #pdf .nb-mark.active { outline: 2px solid var(--nb-focus); outline-offset: 2px; }
#pdf .nb-flash { position: absolute; pointer-events: none; border: 2px solid var(--nb-focus); background: rgba(0, 120, 212, .18); border-radius: 2px; }
#pdf .nb-pdf-status { color: var(--nb-muted); }
header.nb-summary .warnings { color: var(--nb-warning); }
.nb-table h3 { scroll-margin-top: 3em; }
.nb-grid tr { scroll-margin-top: 3em; }
`;

/** Runs in the webview. A string: the page has no module loader, and the CSP allows only this script. */
export const PAGE_SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  const summary = document.getElementById('summary');
  let cursor = -1;
  let shown = null;
  const cells = () => Array.from(root.querySelectorAll('[data-s]'));
  function showCursor() {
    for (const el of root.querySelectorAll('.active')) el.classList.remove('active');
    if (cursor < 0) return;
    const hit = cells().find(el => +el.dataset.s <= cursor && cursor <= +el.dataset.e);
    if (hit) hit.classList.add('active');
  }
  function reveal(el) {
    vscode.postMessage({ type: 'reveal', start: +el.dataset.s, end: +el.dataset.e });
  }
  root.addEventListener('click', e => {
    const el = e.target.closest('[data-s]');
    if (!el) return;
    e.preventDefault();
    reveal(el);
  });
  root.addEventListener('keydown', e => {
    if ((e.key === 'Enter' || e.key === ' ') && e.target.matches('[data-s]')) {
      e.preventDefault();
      reveal(e.target);
    }
  });
  window.addEventListener('message', e => {
    const m = e.data;
    if (m.type === 'update') {
      root.innerHTML = m.html;
      summary.innerHTML = m.summary;
      document.body.dataset.version = String(m.version);
      showCursor();
      if ('pdf' in m) pages.info(m.pdf);
    } else if (m.type === 'cursor') {
      cursor = m.offset;
      showCursor();
      pages.cursor(cursor);
    } else if (m.type === 'reply') {
      pages.reply(m.id, m.data);
    } else if (m.type === 'pdf') {
      pages.info(m.pdf);
    } else if (m.type === 'show-page') {
      void pages.showPage(m.page, m.box);
    } else if (m.type === 'scroll') {
      if (pages.on) return;
      // The last row that starts at or before the editor's top line; before the tables, the top.
      let target = null;
      for (const el of cells()) if (+el.dataset.s <= m.offset && (!target || +el.dataset.s >= +target.dataset.s)) target = el;
      const row = target ? target.closest('tr') : null;
      if (row === shown) return;
      shown = row;
      if (row) row.scrollIntoView({ block: 'start' });
      else window.scrollTo(0, 0);
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
`;

/**
 * The page view, in the same page script (see the top of this file): \`pages\` switches between the
 * grids and the PDF's pages, loads the reader, draws the pages as they come into view and the marks
 * over them. Kept apart for reading; joined into one script by \`previewPage\`.
 */
export const PAGES_SCRIPT = `
const pages = (function () {
  const toggle = document.getElementById('pdf-toggle');
  const view = document.getElementById('pdf');
  const nonce = document.currentScript ? document.currentScript.nonce : '';
  const label = k => toggle ? toggle.dataset[k] : '';
  let info = null;
  let doc = null;
  let loading = null;
  let cursorAt = -1;
  const drawn = new Map();
  let nextId = 0;
  const waiting = new Map();
  const request = (what, extra) => new Promise(resolve => {
    const id = ++nextId;
    waiting.set(id, resolve);
    vscode.postMessage(Object.assign({ type: 'request', id, what }, extra || {}));
  });
  const state = { on: false };
  function setOn(on) {
    state.on = on;
    root.hidden = on;
    view.hidden = !on;
    toggle.textContent = on ? label('tables') : label('pages');
    toggle.setAttribute('aria-pressed', String(on));
    document.body.classList.toggle('pdf-on', on);
  }
  function loadReader() {
    if (window.nianbaoPdf) return Promise.resolve(window.nianbaoPdf);
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.nonce = nonce;
      s.src = toggle.dataset.src;
      s.onload = () => resolve(window.nianbaoPdf);
      s.onerror = () => reject(new Error('cannot load ' + s.src));
      document.head.appendChild(s);
    });
  }
  function status(text) {
    let el = view.querySelector('.nb-pdf-status');
    if (!el) {
      el = document.createElement('p');
      el.className = 'nb-pdf-status';
      view.prepend(el);
    }
    el.textContent = text;
    el.hidden = !text;
  }
  async function open() {
    if (doc) return doc;
    loading = loading || (async () => {
      status(label('loading'));
      const reader = await loadReader();
      const pdfjs = await reader.loadPdfJs();
      const data = await request('pdf-data');
      if (!data) throw new Error(label('unreadable'));
      class CMaps {
        async fetch(p) {
          const d = await request('cmap', { name: p.name });
          if (!d) throw new Error('CMap ' + p.name);
          return { cMapData: d, isCompressed: true };
        }
      }
      const d = await pdfjs.getDocument({ data, CMapReaderFactory: CMaps, cMapUrl: 'bundled/', cMapPacked: true, isEvalSupported: false, useSystemFonts: true, verbosity: 0 }).promise;
      for (let p = 1; p <= d.numPages; p++) {
        const section = document.createElement('section');
        section.className = 'nb-page';
        section.dataset.page = String(p);
        const h = document.createElement('h3');
        h.textContent = label('page').replace('{n}', String(p));
        const sheet = document.createElement('div');
        sheet.className = 'nb-sheet';
        section.append(h, sheet);
        view.append(section);
      }
      const seen = new IntersectionObserver(entries => {
        for (const e of entries) if (e.isIntersecting) void draw(+e.target.dataset.page);
      }, { rootMargin: '200px' });
      view.querySelectorAll('.nb-page').forEach(el => seen.observe(el));
      status('');
      doc = d;
      return d;
    })();
    try {
      return await loading;
    } catch (e) {
      loading = null;
      status(String(e && e.message || e));
      throw e;
    }
  }
  async function draw(n) {
    if (drawn.has(n) || !doc) return drawn.get(n);
    const done = (async () => {
      const page = await doc.getPage(n);
      const section = view.querySelector('.nb-page[data-page="' + n + '"]');
      const sheet = section.querySelector('.nb-sheet');
      const width = Math.max(200, view.clientWidth - 24);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: Math.min(2.5, width / base.width) });
      const ratio = window.devicePixelRatio || 1;
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = Math.floor(viewport.width) + 'px';
      canvas.style.height = Math.floor(viewport.height) + 'px';
      sheet.replaceChildren(canvas);
      await page.render({ canvas, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined }).promise;
      section.dataset.drawn = 'true';
      return viewport;
    })();
    drawn.set(n, done);
    const viewport = await done;
    marksOn(n, viewport);
    return viewport;
  }
  function rect(viewport, box) {
    const r = viewport.convertToViewportRectangle(box);
    const pad = 2;
    return { left: Math.min(r[0], r[2]) - pad, top: Math.min(r[1], r[3]) - pad, width: Math.abs(r[2] - r[0]) + 2 * pad, height: Math.abs(r[3] - r[1]) + 2 * pad };
  }
  function place(el, r) {
    el.style.left = r.left + 'px';
    el.style.top = r.top + 'px';
    el.style.width = r.width + 'px';
    el.style.height = r.height + 'px';
  }
  function marksOn(n, viewport) {
    const sheet = view.querySelector('.nb-page[data-page="' + n + '"] .nb-sheet');
    if (!sheet) return;
    sheet.querySelectorAll('.nb-mark').forEach(el => el.remove());
    for (const m of (info ? info.marks : []).filter(x => x.page === n)) {
      const b = document.createElement('button');
      b.className = 'nb-mark ' + (m.related ? 'm-rel' : 'm-' + m.severity);
      b.title = m.title;
      b.setAttribute('aria-label', m.title);
      b.dataset.s = String(m.start);
      b.dataset.e = String(m.end);
      place(b, rect(viewport, m.box));
      b.addEventListener('click', e => {
        e.preventDefault();
        vscode.postMessage({ type: 'reveal', start: m.start, end: m.end });
      });
      sheet.append(b);
    }
    showCursor2();
  }
  function showCursor2() {
    for (const el of view.querySelectorAll('.nb-mark')) el.classList.toggle('active', +el.dataset.s <= cursorAt && cursorAt <= +el.dataset.e);
  }
  async function show(on) {
    setOn(on);
    if (!on) return;
    await open();
    const first = info && (info.marks.find(m => !m.related && m.severity === 'error') || info.marks[0]);
    if (first && !view.dataset.scrolled) {
      view.dataset.scrolled = 'true';
      const vp = await draw(first.page);
      const section = view.querySelector('.nb-page[data-page="' + first.page + '"]');
      const r = rect(vp, first.box);
      window.scrollTo(0, Math.max(0, section.querySelector('.nb-sheet').getBoundingClientRect().top + window.scrollY + r.top - window.innerHeight / 3));
    }
  }
  if (toggle) {
    toggle.addEventListener('click', () => {
      show(!state.on).catch(() => undefined);
    });
  }
  return {
    get on() { return state.on; },
    info(p) {
      info = p || null;
      if (!toggle) return;
      toggle.hidden = !info;
      if (!info && state.on) setOn(false);
      for (const [n, done] of drawn) done.then(vp => marksOn(n, vp), () => undefined);
    },
    cursor(offset) {
      cursorAt = offset;
      showCursor2();
    },
    reply(id, data) {
      const resolve = waiting.get(id);
      waiting.delete(id);
      // Bytes, whatever way they came (a Node Buffer arrives as its JSON).
      if (resolve) resolve(data && !(data instanceof Uint8Array) && Array.isArray(data.data) ? new Uint8Array(data.data) : data);
    },
    async showPage(n, box) {
      if (!info) return;
      await show(true);
      const vp = await draw(n);
      const section = view.querySelector('.nb-page[data-page="' + n + '"]');
      const sheet = section.querySelector('.nb-sheet');
      sheet.querySelectorAll('.nb-flash').forEach(el => el.remove());
      let top = 0;
      if (box) {
        const flash = document.createElement('div');
        flash.className = 'nb-flash';
        const r = rect(vp, box);
        place(flash, r);
        sheet.append(flash);
        top = r.top;
      }
      window.scrollTo(0, Math.max(0, sheet.getBoundingClientRect().top + window.scrollY + top - window.innerHeight / 3));
    },
  };
})();
`;

/** The page view's words, in the user's language. */
export interface PagesLabels {
  /** The button that shows the pages, and the one that goes back to the grids. */
  pages: string;
  tables: string;
  /** A page's heading: `{n}` is its number. */
  page: string;
  loading: string;
  unreadable: string;
}

export interface PreviewPage {
  /** The webview's `cspSource` (where its own resources may come from). */
  cspSource: string;
  /** A fresh random value for this page's script and style. */
  nonce: string;
  /** The grids' stylesheet and HTML, from the server. */
  css: string;
  html: string;
  summary: string;
  lang: string;
  /** The PDF reader's URL as the webview loads it (dist/pdf.js), and the page view's words: without them, no page view. */
  pdfScript?: string;
  pagesLabels?: PagesLabels;
}

/** Strict: nothing remote, no inline script or style but the two with the nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function previewPage(p: PreviewPage): string {
  return `<!DOCTYPE html>
<html lang="${p.lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(p.cspSource, p.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${p.nonce}">${THEME_CSS}${p.css}</style>
</head>
<body>
<header class="nb-summary"><span id="summary">${p.summary}</span>${pagesButton(p)}</header>
<main id="root">${p.html}</main>
<main id="pdf" hidden></main>
<script nonce="${p.nonce}">${PAGE_SCRIPT.replace("vscode.postMessage({ type: 'ready' });", `${PAGES_SCRIPT}\n  vscode.postMessage({ type: 'ready' });`)}</script>
</body>
</html>`;
}

function attr(s: string): string {
  return s.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The button that switches to the PDF's pages: hidden until the extension says the report text has them. */
function pagesButton(p: PreviewPage): string {
  if (!p.pdfScript || !p.pagesLabels) return '';
  const l = p.pagesLabels;
  return `<button type="button" id="pdf-toggle" hidden aria-pressed="false" data-src="${attr(p.pdfScript)}" data-pages="${attr(l.pages)}" data-tables="${attr(l.tables)}" data-page="${attr(l.page)}" data-loading="${attr(l.loading)}" data-unreadable="${attr(l.unreadable)}">${attr(l.pages)}</button>`;
}

/** A nonce from the platform's random source (Node and browsers alike). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
