/**
 * The table preview's page, without VS Code: the shell around the server's HTML, its Content-Security-
 * Policy, the theme mapping and the page script. Kept apart from `preview.ts` so that a test can load
 * the same page in a browser.
 *
 * Messages: page → extension `{type: 'reveal', start, end}` (a cell was clicked);
 * extension → page `{type: 'update', html, summary}`, `{type: 'scroll', offset}` (the editor's top
 * line), `{type: 'cursor', offset}` (the editor's cursor).
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
    } else if (m.type === 'cursor') {
      cursor = m.offset;
      showCursor();
    } else if (m.type === 'scroll') {
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
<header class="nb-summary" id="summary">${p.summary}</header>
<main id="root">${p.html}</main>
<script nonce="${p.nonce}">${PAGE_SCRIPT}</script>
</body>
</html>`;
}

/** A nonce from the platform's random source (Node and browsers alike). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
