/**
 * A PDF read as a report, with pdfjs-dist (the legacy build, which runs in Node).
 *
 * pdfjs gives text items with positions. Lines are rebuilt from those positions (items on one
 * baseline, left to right), each line split into chunks where a gap wider than a character opens.
 * A run of lines that carry numbers after a label is a table: the columns are found from the x
 * positions of its numbers (and of the header above it), and each number goes to the column it
 * stands under, so a blank cell stays blank in its column and a table is never read column by
 * column. Label fragments between rows (a label wrapped inside its cell, a group label centred
 * over its rows) join the row nearest to them. Rows are written `| label | n | n |` like the
 * other readers' tables.
 *
 * Chinese text needs CMaps for PDFs whose fonts use predefined encodings (UniGB-UCS2-H, GBK-EUC-H,
 * Adobe-GB1): the caller passes a loader for the packed CMaps bundled with the program, so nothing
 * is fetched. A PDF without a text layer (scanned), encrypted or damaged gives one problem.
 */
import { isItemHeading } from '../service/parse/proactive';
import { isValueText } from './layout';
import { MappedBuilder, type SourceMappedText } from './mapped';
import { problem, type PageBox, type ReadResult, type SourceLocation, type SourceMap } from './types';

export interface PdfOptions {
  /** Packed CMap (`.bcmap`) bytes by name, e.g. `UniGB-UCS2-H`; without it CJK text in such fonts is lost. */
  loadCMap?: (name: string) => Promise<Uint8Array>;
  /** Give up after this long (default 60 s): a pathological file must not hang a folder check. */
  timeoutMs?: number;
  /** A longer PDF is refused, not read in part (default 1000 pages). */
  maxPages?: number;
  /** Called after each page is read (the editor shows progress, and yields so a cancellation can come in). */
  onPage?: (page: number, pages: number) => void | Promise<void>;
  /** Stop (with the problem `cancelled`) once this is aborted: checked after each page. */
  signal?: { readonly aborted: boolean };
}

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
  loc: number;
}

interface Chunk {
  items: Item[];
  x0: number;
  x1: number;
  text: string;
  value: boolean;
}

interface Line {
  page: number;
  no: number;
  y: number;
  size: number;
  chunks: Chunk[];
}

/** Of a text item's height (its font size), how far its glyphs reach below and above the baseline. */
const DESCENT = 0.22;
const ASCENT = 0.92;

class PdfMap implements SourceMap {
  /** `lengths[i]`: the length of location i's text item, to place one of its characters along its width. */
  constructor(private readonly m: SourceMappedText, private readonly locations: SourceLocation[], private readonly lengths: number[]) {}

  box(range: { start: number; end: number }): PageBox | null {
    const { a, b } = this.m;
    let page = 0;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let i = Math.max(0, range.start); i < Math.min(range.end, a.length); i++) {
      const loc = a[i] >= 0 ? this.locations[a[i]] : null;
      if (loc?.kind !== 'pdf' || /\s/.test(this.m.text[i]) || (page && loc.page !== page)) continue;
      page = loc.page;
      const n = Math.max(1, this.lengths[a[i]]);
      const w = loc.w ?? 0;
      const h = loc.h ?? 10;
      const k = Math.min(Math.max(0, b[i]), n - 1);
      x0 = Math.min(x0, loc.x + (w * k) / n);
      x1 = Math.max(x1, loc.x + (w * (k + 1)) / n);
      y0 = Math.min(y0, loc.y - DESCENT * h);
      y1 = Math.max(y1, loc.y + ASCENT * h);
    }
    const r = (v: number) => Math.round(v * 10) / 10;
    return page ? { page, box: [r(x0), r(y0), r(x1), r(y1)] } : null;
  }

  locate(range: { start: number; end: number }): SourceLocation | null {
    const { a } = this.m;
    const probe = range.end > range.start ? [range.start] : [range.start - 1, range.start, range.start - 2, range.start + 1];
    for (const p of probe) if (p >= 0 && p < a.length && a[p] >= 0) return this.locations[a[p]];
    for (let i = range.start; i < Math.min(range.end, a.length); i++) if (a[i] >= 0) return this.locations[a[i]];
    return null;
  }
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

// ---------------------------------------------------------------- lines and chunks

function toLines(items: Item[], page: number): Line[] {
  const sorted = items.filter(i => i.str.trim() !== '').sort((p, q) => q.y - p.y || p.x - q.x);
  const lines: { y: number; size: number; items: Item[] }[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.max(1.5, 0.45 * Math.min(last.size, it.size))) {
      last.items.push(it);
      last.size = Math.max(last.size, it.size);
    } else {
      lines.push({ y: it.y, size: it.size, items: [it] });
    }
  }
  return lines.map((l, i) => {
    const its = l.items.sort((p, q) => p.x - q.x);
    const chunks: Chunk[] = [];
    for (const it of its) {
      const c = chunks[chunks.length - 1];
      const gap = c ? it.x - c.x1 : Infinity;
      if (c && gap <= Math.max(2, 0.9 * l.size)) {
        c.items.push(it);
        c.x1 = Math.max(c.x1, it.x + it.w);
      } else {
        chunks.push({ items: [it], x0: it.x, x1: it.x + it.w, text: '', value: false });
      }
    }
    for (const c of chunks) {
      c.text = c.items.map(x => x.str).join('').trim();
      c.value = isValueText(c.text);
    }
    return { page, no: i + 1, y: l.y, size: l.size, chunks };
  });
}

// ---------------------------------------------------------------- tables

type Kind = 'row' | 'header' | 'label' | 'prose';

function kindOf(line: Line, pageWidth: number): Kind {
  const values = line.chunks.filter(c => c.value).length;
  if (values >= 1 && line.chunks.length >= 2) return 'row';
  if (line.chunks.length >= 2) return 'header';
  const c = line.chunks[0];
  // A 二 block's item heading is a row of the page across the table, never a label's piece.
  if (c && line.chunks.length === 1 && isItemHeading(c.text)) return 'prose';
  // One short chunk that does not run across the text width: a label fragment or a header word.
  if (c && c.text.length <= 40 && c.x1 - c.x0 < pageWidth * 0.45 && !/[。；]$/.test(c.text)) return 'label';
  return 'prose';
}

const centre = (c: Chunk) => (c.x0 + c.x1) / 2;

/** Columns of a run of rows: clusters of the x-centres of its numbers, helped by the header above. */
function columnsOf(rows: Line[], header: Line | null): number[] {
  const centres: number[] = [];
  let pitch = Infinity;
  for (const r of rows) {
    const vs = r.chunks.filter(c => c.value).map(centre);
    centres.push(...vs);
    for (let i = 1; i < vs.length; i++) pitch = Math.min(pitch, vs[i] - vs[i - 1]);
  }
  const size = rows[0]?.size ?? 10;
  const tol = Number.isFinite(pitch) ? Math.max(2, pitch * 0.45) : size * 1.5;
  const cluster = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const out: number[][] = [];
    for (const x of sorted) {
      const last = out[out.length - 1];
      if (last && x - last[last.length - 1] <= tol) last.push(x);
      else out.push([x]);
    }
    return out.map(g => g.reduce((a, b) => a + b, 0) / g.length);
  };
  const cols = cluster(centres);
  if (header && cols.length) {
    // Header words over the numbers' area name columns no row fills (a column blank in every row).
    const left = Math.min(...rows.flatMap(r => r.chunks.filter(c => c.value).map(c => c.x0)));
    // A header chunk that spans columns with numbers (words over several columns run together,
    // `维持纠正结果审结`) names none of its own.
    const numbered = [...cols];
    for (const h of header.chunks) {
      const x = centre(h);
      if (x < left - tol) continue;
      if (numbered.some(c => c >= h.x0 && c <= h.x1)) continue;
      if (!cols.some(c => Math.abs(c - x) <= tol)) cols.push(x);
    }
    cols.sort((a, b) => a - b);
  }
  return cols;
}

interface Out {
  b: MappedBuilder;
}

function writeChunkText(out: Out, c: Chunk): void {
  if (c.value) {
    // One cell holds one value: `909.76 万元` and `1 234` lose their inner spaces.
    for (const it of c.items) for (let k = 0; k < it.str.length; k++) if (!/\s/.test(it.str[k])) out.b.from(it.str[k], it.loc, k);
    return;
  }
  let prev: Item | null = null;
  for (const it of c.items) {
    const s = prev && it.x - (prev.x + prev.w) > 0.25 * it.size && !CJK.test(prev.str.slice(-1)) && !CJK.test(it.str[0]) ? ' ' : '';
    if (s) out.b.same(s, it.loc, 0);
    out.b.from(it.str, it.loc, 0);
    prev = it;
  }
}

function writeProse(out: Out, line: Line): void {
  line.chunks.forEach((c, i) => {
    if (i) out.b.same(' ', c.items[0].loc, 0);
    writeChunkText(out, c);
  });
  out.b.added('\n');
}

function writeCells(out: Out, cells: { chunks: Chunk[]; anchor: number }[]): void {
  out.b.added('|');
  for (const cell of cells) {
    out.b.same(' ', cell.anchor, 0);
    cell.chunks.forEach((c, i) => {
      // Parts of one label over several lines join without a space between CJK text.
      if (i && !(CJK.test(cell.chunks[i - 1].text.slice(-1)) || CJK.test(c.text[0]))) out.b.same(' ', c.items[0].loc, 0);
      writeChunkText(out, c);
    });
    out.b.added(' |');
  }
  out.b.added('\n');
}

const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1;

interface Piece {
  c: Chunk;
  y: number;
}

/**
 * Label fragments (lines without numbers inside a table) grouped into the cells they come from:
 * fragments one above the other, in overlapping columns, a line apart. `（五）不予处` over `理`
 * is one label; so is a row label wrapped over three lines.
 */
function fragmentBlocks(fragments: Line[]): Piece[][] {
  const pieces: Piece[] = fragments.flatMap(l => l.chunks.map(c => ({ c, y: l.y })));
  const size = Math.max(...fragments.map(l => l.size), 1);
  const parent = pieces.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < pieces.length; i++) {
    for (let j = i + 1; j < pieces.length; j++) {
      const dy = Math.abs(pieces[i].y - pieces[j].y);
      if (dy > 0.5 && dy <= 1.6 * size && overlaps(pieces[i].c, pieces[j].c)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Piece[]>();
  pieces.forEach((p, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), p]));
  return [...groups.values()];
}

/** Write a table: rows with their label fragments, each number under its column. */
function writeTable(out: Out, rows: Line[], fragments: Line[], header: Line | null): void {
  const cols = columnsOf(rows, header);
  const tol = cols.length > 1 ? Math.max(2, Math.min(...cols.slice(1).map((c, i) => c - cols[i])) * 0.45) : 20;
  const firstCol = cols[0] ?? Infinity;
  const labelsOf = (r: Line) => r.chunks.filter(c => centre(c) < firstCol - tol && !c.value);
  // Each block of fragments joins one row: a row without a label of its own that the block wraps
  // round (a label over several lines, its numbers centred in the tall cell); else the row whose
  // label it continues (same column, a line away); else the row nearest to the block's middle (a
  // group label centred over its rows).
  const attached = new Map<Line, Piece[]>(rows.map(r => [r, []]));
  const nearest = (candidates: Line[], y: number): Line | null =>
    candidates.reduce<Line | null>((b, r) => (!b || Math.abs(r.y - y) < Math.abs(b.y - y) - 0.01 ? r : b), null);
  for (const block of fragmentBlocks(fragments)) {
    const top = Math.max(...block.map(p => p.y));
    const bottom = Math.min(...block.map(p => p.y));
    const mid = (top + bottom) / 2;
    const size = rows[0].size;
    let best = nearest(rows.filter(r => !labelsOf(r).length && r.y < top && r.y > bottom), mid);
    if (!best) {
      let bestD = Infinity;
      for (const r of rows) {
        if (!labelsOf(r).some(c => block.some(p => overlaps(c, p.c)))) continue;
        const d = Math.min(Math.abs(r.y - top), Math.abs(r.y - bottom));
        if (d <= 1.6 * size && d < bestD - 0.01) {
          best = r;
          bestD = d;
        }
      }
    }
    best ??= nearest(rows, mid)!;
    attached.get(best)!.push(...block);
  }
  for (const r of rows) {
    const labels = labelsOf(r);
    const values = r.chunks.filter(c => !labels.includes(c));
    // Label cells: the row's own labels and its fragments, grouped by overlapping columns.
    const cellsL: Piece[][] = [];
    for (const p of [...labels.map(c => ({ c, y: r.y })), ...attached.get(r)!]) {
      const hit = cellsL.filter(cell => cell.some(q => overlaps(q.c, p.c)));
      const merged = [p, ...hit.flat()];
      for (const h of hit) cellsL.splice(cellsL.indexOf(h), 1);
      cellsL.push(merged);
    }
    cellsL.sort((p, q) => Math.min(...p.map(x => x.c.x0)) - Math.min(...q.map(x => x.c.x0)));
    for (const cell of cellsL) cell.sort((p, q) => q.y - p.y || p.c.x0 - q.c.x0);
    const cells: { chunks: Chunk[]; anchor: number }[] = cellsL.map(cell => ({ chunks: cell.map(x => x.c), anchor: cell[0].c.items[0].loc }));
    const byCol: Chunk[][] = cols.map(() => []);
    for (const v of values) {
      let k = 0;
      for (let i = 1; i < cols.length; i++) if (Math.abs(cols[i] - centre(v)) < Math.abs(cols[k] - centre(v))) k = i;
      byCol[k].push(v);
    }
    const rowAnchor = r.chunks[0].items[0].loc;
    byCol.forEach(cs => cells.push({ chunks: cs, anchor: cs[0]?.items[0].loc ?? rowAnchor }));
    writeCells(out, cells);
  }
}

function writePage(out: Out, lines: Line[], pageWidth: number): void {
  const kinds = lines.map(l => kindOf(l, pageWidth));
  let i = 0;
  while (i < lines.length) {
    if (kinds[i] !== 'row') {
      // A header line right before a table is written as a row of words; other lines as text.
      if (kinds[i] === 'header' && kinds[i + 1] === 'row') writeCells(out, lines[i].chunks.map(c => ({ chunks: [c], anchor: c.items[0].loc })));
      else writeProse(out, lines[i]);
      i++;
      continue;
    }
    // A table: rows, with label fragments between them; a header line or prose ends it.
    const header = i > 0 && kinds[i - 1] === 'header' ? lines[i - 1] : null;
    const rows: Line[] = [];
    const fragments: Line[] = [];
    let j = i;
    while (j < lines.length) {
      if (kinds[j] === 'row') rows.push(lines[j]);
      else if (kinds[j] === 'label' && (kinds.slice(j + 1).find(k => k !== 'label') === 'row' || lines[j].y > rows[rows.length - 1].y - 2 * rows[rows.length - 1].size)) fragments.push(lines[j]);
      else break;
      j++;
    }
    writeTable(out, rows, fragments, header);
    i = j;
  }
}

// ---------------------------------------------------------------- pdfjs

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * pdfjs's display layer builds a DOMMatrix when it loads, and takes one from the optional native
 * canvas package when it can. Reading text renders nothing, so where neither exists (a bundled CLI,
 * a machine without the native package) a plain 2-D affine matrix stands in.
 */
class AffineMatrix {
  a = 1; b = 0; c = 0; d = 1; e = 0; f = 0;
  constructor(init?: number[]) {
    if (init && init.length >= 6) [this.a, this.b, this.c, this.d, this.e, this.f] = init;
  }
  multiplySelf(m: AffineMatrix): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * m.a + c * m.b; this.b = b * m.a + d * m.b;
    this.c = a * m.c + c * m.d; this.d = b * m.c + d * m.d;
    this.e = a * m.e + c * m.f + e; this.f = b * m.e + d * m.f + f;
    return this;
  }
  translateSelf(x = 0, y = 0): this { return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, x, y])); }
  scaleSelf(x = 1, y = x): this { return this.multiplySelf(new AffineMatrix([x, 0, 0, y, 0, 0])); }
  translate(x = 0, y = 0): AffineMatrix { return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).translateSelf(x, y); }
  scale(x = 1, y = x): AffineMatrix { return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).scaleSelf(x, y); }
  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    const { a, b, c, d, e, f } = this;
    [this.a, this.b, this.c, this.d] = [d / det, -b / det, -c / det, a / det];
    [this.e, this.f] = [(c * f - d * e) / det, (b * e - a * f) / det];
    return this;
  }
}

export async function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown; DOMMatrix?: unknown };
    g.DOMMatrix ??= AffineMatrix;
    // pdfjs warns on the console while it loads (no native canvas, no `require` in a bundle): those
    // are about rendering, which is not used here; keep them off the user's terminal.
    const { log, warn } = console;
    const quiet = (write: (...a: unknown[]) => void) => (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith('Warning:')) return;
      write(...args);
    };
    console.log = quiet(log);
    console.warn = quiet(warn);
    try {
      // The worker's code runs in this thread ("fake worker"): no worker file to ship or find.
      // @ts-expect-error the worker module ships without type declarations
      g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.log = log;
      console.warn = warn;
    }
  })();
  return pdfjsPromise;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([p, new Promise<'timeout'>(resolve => { timer = setTimeout(() => resolve('timeout'), ms); })]).finally(() => clearTimeout(timer));
}

const NO_TEXT = problem('no-text-layer', '没有文字层（可能是扫描件）：请先做 OCR 识别，再检查识别出的文字', 'no text layer (a scanned document?): OCR first, then check the recognised text');

export async function readPdf(bytes: Uint8Array, opts: PdfOptions = {}): Promise<ReadResult> {
  const fail = (p: ReturnType<typeof problem>): ReadResult => ({ kind: 'pdf', text: '', map: { locate: () => null }, problems: [p] });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let pdfjs: PdfJs;
  try {
    pdfjs = await loadPdfJs();
  } catch (e) {
    return fail(problem('unsupported', `无法加载 PDF 读取组件：${(e as Error).message}`, `cannot load the PDF reader: ${(e as Error).message}`));
  }
  const loadCMap = opts.loadCMap;
  class CMapReader {
    async fetch({ name }: { name: string }) {
      if (!loadCMap) throw new Error(`CMap ${name} unavailable`);
      return { cMapData: await loadCMap(name), isCompressed: true };
    }
  }
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes the buffer over: give it a copy
    CMapReaderFactory: CMapReader as never,
    cMapUrl: 'bundled/',
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const text = new MappedBuilder();
  const locations: SourceLocation[] = [];
  const lengths: number[] = [];
  try {
    const doc = await withTimeout(task.promise, Math.max(1, deadline - Date.now()));
    if (doc === 'timeout') return fail(problem('timeout', `PDF 在 ${timeoutMs / 1000} 秒内未能打开，已放弃`, `the PDF did not open within ${timeoutMs / 1000} s; gave up`));
    const maxPages = opts.maxPages ?? 1000;
    // A report has a few pages to a few dozen: a longer file is not read in part and checked as if whole.
    if (doc.numPages > maxPages) {
      return fail(problem('too-large', `PDF 有 ${doc.numPages} 页，超过 ${maxPages} 页的上限，不像一份年报，未检查`, `the PDF has ${doc.numPages} pages, over the limit of ${maxPages}: not checked (a report has far fewer)`));
    }
    const pages = doc.numPages;
    let chars = 0;
    let unreadable = 0;
    const out: Out = { b: text };
    for (let p = 1; p <= pages; p++) {
      const page = await withTimeout(doc.getPage(p), Math.max(1, deadline - Date.now()));
      if (page === 'timeout') return fail(problem('timeout', `读取 PDF 超过 ${timeoutMs / 1000} 秒（第 ${p} 页），已放弃`, `reading the PDF took over ${timeoutMs / 1000} s (page ${p}); gave up`));
      const content = await withTimeout(page.getTextContent(), Math.max(1, deadline - Date.now()));
      if (content === 'timeout') return fail(problem('timeout', `读取 PDF 超过 ${timeoutMs / 1000} 秒（第 ${p} 页），已放弃`, `reading the PDF took over ${timeoutMs / 1000} s (page ${p}); gave up`));
      const width = page.view[2] - page.view[0];
      const items: Item[] = [];
      for (const raw of content.items) {
        if (!('str' in raw) || !raw.str) continue;
        const [a, b, c, d, e, f] = raw.transform as number[];
        const size = Math.hypot(c, d) || Math.hypot(a, b) || raw.height || 10;
        chars += raw.str.replace(/\s/g, '').length;
        unreadable += (raw.str.match(/[\ue000-\uf8ff\ufffd]/g) ?? []).length;
        items.push({ str: raw.str, x: e, y: f, w: raw.width, size, loc: -1 });
      }
      const lines = toLines(items, p);
      const round = (v: number) => Math.round(v * 10) / 10;
      for (const l of lines) {
        for (const c of l.chunks) {
          for (const it of c.items) {
            it.loc = locations.push({ kind: 'pdf', page: p, line: l.no, x: round(it.x), y: round(it.y), w: round(it.w), h: round(it.size) }) - 1;
            lengths.push(it.str.length);
          }
        }
      }
      writePage(out, lines, width);
      page.cleanup();
      await opts.onPage?.(p, pages);
      if (opts.signal?.aborted) return fail(problem('cancelled', '已取消读取 PDF', 'reading the PDF was cancelled'));
    }
    await doc.destroy();
    if (chars === 0) return fail(NO_TEXT);
    if (unreadable > chars * 0.3) {
      return fail(problem('no-text-layer', 'PDF 的文字层无法解码（字体缺少编码表）：请用 OCR 识别后再检查', 'the PDF text layer cannot be decoded (fonts without a Unicode map): OCR it, then check the text'));
    }
    const mapped = text.done();
    const problems = doc.numPages > pages ? [problem('too-large', `只读取了前 ${pages} 页（共 ${doc.numPages} 页）`, `read the first ${pages} of ${doc.numPages} pages only`)] : [];
    return { kind: 'pdf', text: mapped.text, map: new PdfMap(mapped, locations, lengths), problems, pages: doc.numPages };
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') return fail(problem('encrypted', 'PDF 有打开密码，无法读取：请提供未加密的文件', 'the PDF needs a password to open: provide an unencrypted file'));
    if (name === 'InvalidPDFException') return fail(problem('corrupt', 'PDF 文件已损坏或不是 PDF，无法读取', 'the PDF is damaged or not a PDF; cannot read it'));
    return fail(problem('corrupt', `PDF 无法读取：${(e as Error).message}`, `cannot read the PDF: ${(e as Error).message}`));
  } finally {
    void task.destroy().catch(() => {});
  }
}
