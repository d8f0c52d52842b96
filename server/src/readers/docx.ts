/**
 * A Word file (.docx) read as a report.
 *
 * Reader: fflate to open the zip, and the document XML read directly. mammoth converts to HTML and
 * would do, but it keeps no trace of where its output came from (we need paragraph and cell), it
 * costs half a megabyte of dependencies (JSZip, xmldom, bluebird, underscore), and its tables lose
 * what the grid needs. The XML is WordprocessingML written by Word or WPS: well-formed, a dozen
 * elements matter (w:p, w:t, w:tab, w:br, w:tbl, w:tr, w:tc, w:gridSpan, w:vMerge, w:gridBefore), so
 * a small tokenizer reads it in one linear pass.
 */
import { unzipSync } from 'fflate';
import { type Block, resolveContinuations, type TableCell, placeCells, writeBlocks } from './layout';
import { collapse, joinPieces, MappedBuilder, type SourceMappedText } from './mapped';
import { problem, type ReadResult, type SourceLocation, type SourceMap } from './types';

/** A larger document.xml is not a report (a report's is well under 5 MB): decline, do not inflate it. */
const MAX_XML = 200 * 1024 * 1024;

/** A token of the document XML, as the reader needs it: a tag, CDATA or text (comments, PIs, doctype skipped). */
type XmlToken = [close: string, name: string | undefined, attrs: string, selfClose: string, cdata: string | undefined, text: string | undefined];

const NAME = /^[A-Za-z_][\w:.-]*/;

/**
 * The XML in one pass, by hand: indexOf for the ends of comments, PIs and CDATA, a quote-aware scan for
 * the end of a tag. (A regex with lazy `[\s\S]*?` rescans to the end from each unclosed `<!--`.)
 */
function* xmlTokens(xml: string): Generator<XmlToken> {
  let pos = 0;
  const n = xml.length;
  const skipTo = (marker: string, from: number) => {
    const at = xml.indexOf(marker, from);
    return at < 0 ? n : at + marker.length;
  };
  while (pos < n) {
    if (xml.charCodeAt(pos) !== 60 /* < */) {
      const lt = xml.indexOf('<', pos);
      const end = lt < 0 ? n : lt;
      yield ['', undefined, '', '', undefined, xml.slice(pos, end)];
      pos = end;
      continue;
    }
    if (xml.startsWith('<!--', pos)) { pos = skipTo('-->', pos + 4); continue; }
    if (xml.startsWith('<?', pos)) { pos = skipTo('?>', pos + 2); continue; }
    if (xml.startsWith('<![CDATA[', pos)) {
      const at = xml.indexOf(']]>', pos + 9);
      const end = at < 0 ? n : at;
      yield ['', undefined, '', '', xml.slice(pos + 9, end), undefined];
      pos = at < 0 ? n : at + 3;
      continue;
    }
    if (xml.startsWith('<!', pos)) { pos = skipTo('>', pos + 2); continue; }
    // A tag: to the first > outside quotes.
    let k = pos + 1;
    let quote = 0;
    for (; k < n; k++) {
      const c = xml.charCodeAt(k);
      if (quote) { if (c === quote) quote = 0; } else if (c === 34 || c === 39) quote = c; else if (c === 62) break;
    }
    let inner = xml.slice(pos + 1, k);
    pos = k + 1;
    const close = inner.startsWith('/') ? '/' : '';
    if (close) inner = inner.slice(1);
    const selfClose = inner.endsWith('/') ? '/' : '';
    if (selfClose) inner = inner.slice(0, -1);
    const name = NAME.exec(inner)?.[0];
    if (!name) continue;
    yield [close, name, inner.slice(name.length), selfClose, undefined, undefined];
  }
}

const ATTR_RE = new Map<string, RegExp>();
function attrOf(attrs: string, name: string): string | undefined {
  let re = ATTR_RE.get(name);
  if (!re) ATTR_RE.set(name, (re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s{0,8}=\\s{0,8}(?:"([^"]{0,4096})"|'([^']{0,4096})')`)));
  const m = re.exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
}

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:lt|gt|amp|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (m, d, h) => {
    if (d) return String.fromCodePoint(Number(d));
    if (h) return String.fromCodePoint(parseInt(h, 16));
    return ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" } as Record<string, string>)[m];
  });
}

/** Elements whose content is not the document's text: deleted runs, field codes, drawings, fallbacks. */
const SKIP = new Set(['w:delText', 'w:instrText', 'w:drawing', 'w:pict', 'mc:Fallback', 'w:object', 'w:pPr', 'w:rPr', 'w:tblPr', 'w:sectPr', 'w:fldData', 'm:oMath']);

interface CellState {
  pieces: SourceMappedText[];
  colspan: number;
  continues: boolean;
  loc: number;
}

interface TableState {
  rows: TableCell[][];
  row: TableCell[] | null;
  cell: CellState | null;
  no: number;
  /** Location indexes of each cell, to set their grid column once the table is placed. */
  cellLocs: number[][];
}

class AnchorMap implements SourceMap {
  constructor(private readonly m: SourceMappedText, private readonly locations: SourceLocation[]) {}

  locate(range: { start: number; end: number }): SourceLocation | null {
    const { a, b } = this.m;
    const probe = range.end > range.start ? [range.start] : [range.start - 1, range.start, range.start - 2, range.start + 1];
    let k = -1;
    for (const p of probe) if (p >= 0 && p < a.length && a[p] >= 0) { k = p; break; }
    if (k < 0 && range.end > range.start) for (let i = range.start; i < Math.min(range.end, a.length); i++) if (a[i] >= 0) { k = i; break; }
    if (k < 0) return null;
    const loc = this.locations[a[k]];
    return loc.kind === 'docx' ? { ...loc, offset: Math.max(0, b[k]) } : loc;
  }
}

export { AnchorMap };

function documentPart(files: Record<string, Uint8Array>): string {
  const rels = files['_rels/.rels'];
  if (rels) {
    const xml = new TextDecoder().decode(rels);
    for (const [, name, attrs] of xmlTokens(xml)) {
      if (name !== 'Relationship' || !attrOf(attrs, 'Type')?.endsWith('/officeDocument')) continue;
      const target = attrOf(attrs, 'Target');
      if (target) return target.replace(/^\//, '');
    }
  }
  return 'word/document.xml';
}

export function readDocx(bytes: Uint8Array): ReadResult {
  const empty = (p: ReturnType<typeof problem>): ReadResult => ({ kind: 'docx', text: '', map: { locate: () => null }, problems: [p] });
  let files: Record<string, Uint8Array>;
  let tooLarge = false;
  try {
    files = unzipSync(bytes, {
      filter: f => {
        if (f.name !== '_rels/.rels' && !/^word\/document\d*\.xml$/.test(f.name) && !/\.xml$/.test(f.name)) return false;
        if (f.originalSize > MAX_XML) {
          tooLarge = true;
          return false;
        }
        return f.name === '_rels/.rels' || /document\d*\.xml$/.test(f.name);
      },
    });
  } catch (e) {
    return empty(problem('corrupt', `Word 文件已损坏，无法打开（${(e as Error).message}）`, `the Word file is damaged and cannot be opened (${(e as Error).message})`));
  }
  const part = files[documentPart(files)];
  if (!part) {
    if (tooLarge) return empty(problem('too-large', 'Word 文件的正文过大，不像年度报告，未读取', 'the Word document body is too large for a report; not read'));
    return empty(problem('corrupt', '这个 zip 文件里没有 Word 正文（word/document.xml）', 'this zip file has no Word document body (word/document.xml)'));
  }
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: false }).decode(part);
  } catch {
    return empty(problem('corrupt', 'Word 正文无法解码', 'the Word document body cannot be decoded'));
  }
  return readDocumentXml(xml);
}

/** The body of document.xml as blocks; each unit of text mapped to its paragraph or cell. */
export function readDocumentXml(xml: string): ReadResult {
  const locations: SourceLocation[] = [];
  const blocks: Block[] = [];
  const tables: TableState[] = [];
  let tableCount = 0;
  let paragraphNo = 0;
  let para: { pieces: SourceMappedText[]; current: MappedBuilder; loc: number; offset: number } | null = null;
  let skip = 0;
  let inText = false;
  let nested = 0; // tables inside a cell: their text goes into the outer cell

  const newLocation = (loc: SourceLocation) => locations.push(loc) - 1;
  const endPiece = () => {
    if (!para) return;
    const m = para.current.done();
    if (m.text) para.pieces.push(m);
    para.current = new MappedBuilder();
  };

  for (const [close, name, attrs, selfClose, cdata, text] of xmlTokens(xml)) {
    if (text !== undefined || cdata !== undefined) {
      if (skip || !inText || !para) continue;
      const s = cdata ?? unescapeXml(text!);
      para.current.from(s, para.loc, para.offset);
      para.offset += s.length;
      continue;
    }
    if (!name) continue;
    if (skip) {
      if (SKIP.has(name) && !selfClose) skip += close ? -1 : 1;
      continue;
    }
    if (SKIP.has(name)) {
      if (!close && !selfClose) skip = 1;
      continue;
    }
    const table = tables[tables.length - 1];
    switch (name) {
      case 'w:tbl':
        if (close) {
          if (nested) { nested--; break; }
          const t = tables.pop()!;
          const rows = resolveContinuations(t.rows);
          // Grid columns of each cell, for its location (after gridSpan and gridBefore).
          const { placed } = placeCells(t.rows.map(r => r.map(c => ({ ...c, rowspan: 1 }))));
          placed.forEach((row, r) => row.forEach((p, i) => {
            const loc = locations[t.cellLocs[r]?.[i]];
            if (loc && loc.kind === 'docx' && 'column' in loc) loc.column = p.col + 1;
          }));
          blocks.push({ kind: 'table', rows });
        } else if (!selfClose) {
          if (table?.cell) { nested++; break; }
          tables.push({ rows: [], row: null, cell: null, no: ++tableCount, cellLocs: [] });
        }
        break;
      case 'w:tr':
        if (!table || nested) break;
        if (close) {
          if (table.row) table.rows.push(table.row);
          table.row = null;
        } else if (!selfClose) {
          table.row = [];
          table.cellLocs.push([]);
        }
        break;
      case 'w:gridBefore': {
        // The row starts further right: an empty cell holds the skipped grid columns.
        const n = Number(attrOf(attrs, 'w:val') ?? 0);
        if (table?.row && !nested && n > 0) {
          table.row.push({ text: { text: '', a: new Int32Array(0), b: new Int32Array(0) }, colspan: Math.min(n, 1000), rowspan: 1, anchor: { a: -1, b: -1 } });
          table.cellLocs[table.cellLocs.length - 1].push(-1);
        }
        break;
      }
      case 'w:tc':
        if (!table || nested) break;
        if (close) {
          const c = table.cell;
          if (c && table.row) {
            table.row.push({ text: joinPieces(c.pieces.map(collapse)), colspan: c.colspan, rowspan: 1, continues: c.continues, anchor: { a: c.loc, b: 0 } });
            table.cellLocs[table.cellLocs.length - 1].push(c.loc);
          }
          table.cell = null;
        } else if (!selfClose && table.row) {
          const loc = newLocation({ kind: 'docx', table: table.no, row: table.rows.length + 1, column: 0, offset: 0 });
          table.cell = { pieces: [], colspan: 1, continues: false, loc };
        }
        break;
      case 'w:gridSpan':
        if (table?.cell && !nested) table.cell.colspan = Math.max(1, Math.min(Number(attrOf(attrs, 'w:val') ?? 1) || 1, 1000));
        break;
      case 'w:vMerge':
        if (table?.cell && !nested) table.cell.continues = (attrOf(attrs, 'w:val') ?? 'continue') !== 'restart';
        break;
      case 'w:p':
        if (close) {
          if (!para) break;
          endPiece();
          if (table?.cell) {
            table.cell.pieces.push(...para.pieces);
          } else {
            for (const piece of para.pieces) {
              const t = collapse(piece);
              if (t.text) blocks.push({ kind: 'paragraph', text: t });
            }
          }
          para = null;
        } else if (selfClose) {
          if (!table?.cell) paragraphNo++;
        } else {
          const loc = table?.cell ? table.cell.loc : newLocation({ kind: 'docx', paragraph: ++paragraphNo, offset: 0 });
          const offset = table?.cell ? table.cell.pieces.reduce((n, p) => n + p.text.length, 0) : 0;
          para = { pieces: [], current: new MappedBuilder(), loc, offset };
        }
        break;
      case 'w:t':
        inText = !close && !selfClose;
        break;
      case 'w:tab':
      case 'w:ptab':
        if (para && !close) {
          para.current.from(' ', para.loc, para.offset);
          para.offset++;
        }
        break;
      case 'w:noBreakHyphen':
        if (para && !close) {
          para.current.from('-', para.loc, para.offset);
          para.offset++;
        }
        break;
      case 'w:br':
      case 'w:cr':
        if (para && !close) endPiece();
        break;
    }
  }
  const mapped = writeBlocks(blocks);
  return { kind: 'docx', text: mapped.text, map: new AnchorMap(mapped, locations), problems: [] };
}
