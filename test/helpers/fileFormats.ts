/**
 * Writes a text report as the files reviewers receive: a saved web page (.html, UTF-8 or GBK, with
 * site chrome around the article), a Word file (.docx) and a PDF (with a CJK font). The paragraphs
 * are the report's lines; sections 二, 三 and 四 become tables in the official layout (headers with
 * rowspan/colspan, group labels spanning their rows), filled with the cells as the parser reads them
 * from the text (`parseReport`), blanks kept blank. So each file should read back to the same values.
 *
 * `npx tsx test/helpers/fileFormats.ts OUT_DIR` writes all of them for the five samples.
 */
import { zipSync, strToU8 } from 'fflate';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { encodeReport } from '../../server/src/cli/files';
import { reportToJson, type ReportJson, type RowJson } from '../../server/src/service/json';
import { LineIndex, parseReport } from '../../server/src/service/parse';
import { formatOf, LATEST_FORMAT } from '../../server/src/service/format';

export interface GenCell {
  text: string;
  colspan?: number;
  rowspan?: number;
}

export type GenBlock =
  | { kind: 'p'; text: string; heading?: boolean }
  | { kind: 'table'; section: 2 | 3 | 4; rows: GenCell[][] };

export interface GenDoc {
  title: string;
  blocks: GenBlock[];
  json: ReportJson;
}

// ---------------------------------------------------------------- from the text

const APP_GROUPS: Record<string, string> = {
  denied: '（三）不予公开',
  unavailable: '（四）无法提供',
  rejected: '（五）不予处理',
  other: '（六）其他处理',
};

function isProse(line: string): boolean {
  const t = line.trim();
  return t.length >= 40 || /[。；]$/.test(t);
}

/** Values of a row as cells: the raw text the parser read, blanks as '', padded to the width. */
function cellsOf(row: RowJson | undefined, width: number): string[] {
  const out = (row?.cells ?? []).slice(0, width);
  while (out.length < width) out.push('');
  return out;
}

function proactiveTable(json: ReportJson): GenCell[][] {
  const rows: GenCell[][] = [];
  const formatBlocks = (json.template ? formatOf(json.template) : LATEST_FORMAT).proactive.blocks;
  for (const block of json.tables.proactive) {
    const t = formatBlocks.find(x => x.item === block.item);
    const cols = t?.columns.map(c => c.label) ?? block.rows[0]?.values.map((_, i) => `列${i + 1}`) ?? [];
    if (!cols.length) continue;
    // A grid of 4: the label column and three value columns; fewer values span the three.
    const spans = cols.length === 3 ? [1, 1, 1] : cols.length === 2 ? [1, 2] : [3];
    rows.push([{ text: block.item, colspan: 4 }]);
    rows.push([{ text: '信息内容' }, ...cols.map((c, i) => ({ text: c, colspan: spans[i] }))]);
    for (const r of block.rows) rows.push([{ text: r.label ?? '' }, ...cellsOf(r, cols.length).map((c, i) => ({ text: c, colspan: spans[i] }))]);
  }
  return rows;
}

function applicationsTable(json: ReportJson): GenCell[][] {
  const apps = json.tables.applications;
  const rows: GenCell[][] = [
    [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', colspan: 3, rowspan: 3 }, { text: '申请人情况', colspan: 7 }],
    [{ text: '自然人', rowspan: 2 }, { text: '法人或其他组织', colspan: 5 }, { text: '总计', rowspan: 2 }],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map(text => ({ text })),
  ];
  if (!apps) return rows;
  const results = apps.rows.filter(r => r.key && !['new', 'carryover', 'forward'].includes(r.key));
  const values = (r: RowJson) => cellsOf(r, 7).map(text => ({ text }));
  const groupSize = (g: string) => apps.rows.filter(r => r.key?.startsWith(`${g}.`)).length;
  const seenGroups = new Set<string>();
  let firstResult = true;
  for (const r of apps.rows) {
    const key = r.key ?? '';
    const label = r.label ?? r.templateLabel ?? '';
    if (!results.includes(r)) {
      rows.push([{ text: label, colspan: 3 }, ...values(r)]);
      continue;
    }
    const row: GenCell[] = [];
    if (firstResult) {
      row.push({ text: '三、本年度办理结果', rowspan: results.length });
      firstResult = false;
    }
    const group = key.includes('.') ? key.slice(0, key.indexOf('.')) : null;
    if (group && APP_GROUPS[group]) {
      if (!seenGroups.has(group)) {
        seenGroups.add(group);
        row.push({ text: APP_GROUPS[group], rowspan: groupSize(group) });
      }
      // The label as written may repeat its group (`（三）不予公开 1.属于国家秘密`): the cell holds the item.
      row.push({ text: label.replace(/^（[三四五六]）\S{2,4}\s*(?=\d)/, '') });
    } else {
      row.push({ text: label, colspan: 2 });
    }
    rows.push([...row, ...values(r)]);
  }
  return rows;
}

function reviewsTable(json: ReportJson): GenCell[][] {
  const five = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const values = json.tables.reviews?.values ?? [];
  const cells = values.map(v => (v === null ? '' : String(v)));
  while (cells.length < 15) cells.push('');
  return [
    [{ text: '行政复议', colspan: 5 }, { text: '行政诉讼', colspan: 10 }],
    [...five.map(text => ({ text, rowspan: 2 })), { text: '未经复议直接起诉', colspan: 5 }, { text: '复议后起诉', colspan: 5 }],
    [...five, ...five].map(text => ({ text })),
    cells.map(text => ({ text })),
  ];
}

/** The report as paragraphs and the three tables, from its text and the parser's reading of it. */
export function reportDocument(text: string): GenDoc {
  const model = parseReport(text);
  const json = reportToJson(model, 'sample');
  const index = new LineIndex(text);
  const lines = text.split(/\r\n|\n|\r/);
  const lineOf = (o: number) => index.lineOf(o);
  const tableRanges = [...model.tableRanges, ...(model.applications ? [model.applications.range] : []), ...(model.reviews ? [model.reviews.range] : [])];
  // Lines that a table replaces, and which table goes where.
  const replaced = new Set<number>();
  const tableAt = new Map<number, 2 | 3 | 4>();
  const headingLines = new Map<number, { last: number; heading: string }>();
  for (const s of model.sections) {
    const first = lineOf(s.headingRange.start);
    const last = lineOf(Math.max(s.headingRange.start, s.headingRange.end - 1));
    headingLines.set(first, { last, heading: s.heading });
    if (s.no < 2 || s.no > 4) continue;
    const inside = tableRanges.filter(r => r.start >= s.headingRange.end && r.start < s.range.end);
    if (!inside.length) continue;
    const end = lineOf(Math.max(...inside.map(r => r.end)) - 1);
    let start = last + 1;
    while (start <= end && (!lines[start].trim() || isProse(lines[start]))) start++;
    for (let l = start; l <= end; l++) replaced.add(l);
    tableAt.set(start, s.no as 2 | 3 | 4);
  }
  const blocks: GenBlock[] = [];
  let title = '';
  for (let l = 0; l < lines.length; l++) {
    const h = headingLines.get(l);
    if (h) {
      blocks.push({ kind: 'p', text: h.heading, heading: true });
      l = h.last;
      continue;
    }
    const t = tableAt.get(l);
    if (t) {
      const rows = t === 2 ? proactiveTable(json) : t === 3 ? applicationsTable(json) : reviewsTable(json);
      blocks.push({ kind: 'table', section: t, rows });
    }
    if (replaced.has(l)) continue;
    const line = lines[l].trim();
    if (!line) continue;
    if (!title && /年度报告/.test(line)) title = line;
    blocks.push({ kind: 'p', text: line });
  }
  return { title, blocks, json };
}

// ---------------------------------------------------------------- HTML

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface HtmlOptions {
  charset: 'utf-8' | 'gbk';
  /** How a blank cell is written: `&nbsp;` inside a `<p>` (Word pasted into a CMS) or an empty `<td>`. */
  blank: 'nbsp' | 'empty';
}

function htmlTable(rows: GenCell[][], blank: HtmlOptions['blank']): string {
  const tr = rows.map(row => '<tr>' + row.map(c => {
    const attrs = `${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan && c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}`;
    const inner = c.text === '' ? (blank === 'nbsp' ? '<p align="center">&nbsp;</p>' : '') : `<p align="center"><span style="font-size:10.5pt">${esc(c.text)}</span></p>`;
    return `<td${attrs} valign="center" style="border:1px solid #000">${inner}</td>`;
  }).join('') + '</tr>');
  return `<table border="1" cellspacing="0" cellpadding="0" align="center" style="border-collapse:collapse">\n<tbody>\n${tr.join('\n')}\n</tbody>\n</table>`;
}

/** A saved page: menus, a breadcrumb, the article (title, date line, body) and a footer. */
export function toHtml(doc: GenDoc, opts: HtmlOptions): Uint8Array {
  const body = doc.blocks.map(b => {
    if (b.kind === 'table') return htmlTable(b.rows, opts.blank);
    if (b.heading) return `<p style="text-indent:2em"><strong>${esc(b.text)}</strong></p>`;
    return `<p style="text-indent:2em">${esc(b.text).replace(/ /g, '&nbsp;')}</p>`;
  }).join('\n');
  const meta = opts.charset === 'gbk' ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' : '<meta charset="utf-8">';
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
${meta}
<title>${esc(doc.title)}_政府信息公开年报</title>
<style>.nav li{display:inline}</style>
<script>var _hmt = _hmt || []; document.write("<div>统计</div>");</script>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/wza">无障碍</a> | <a href="/old">长者模式</a></div>
<ul class="nav"><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li><li><a href="/xxgk/nb">政府信息公开年报</a></li></ul>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 政府信息公开年报</div>
<div class="left"><h3>相关报告</h3><ul><li><a href="/a">上一年度政府信息公开工作年度报告</a></li><li><a href="/b">政府信息公开指南</a></li></ul></div>
<div class="article">
<div class="info">发布日期：2021-01-25&nbsp;&nbsp;来源：办公室&nbsp;&nbsp;【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor" id="zoom">
${body}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> 【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="footer"><p>主办单位：区人民政府办公室&nbsp;&nbsp;网站标识码：3703030001</p><p>鲁ICP备05000000号-1&nbsp;&nbsp;鲁公网安备 37030302000000号</p></div>
</body>
</html>
`;
  return opts.charset === 'gbk' ? encodeReport(html, 'gb18030') : new TextEncoder().encode(html);
}

// ---------------------------------------------------------------- DOCX

const xesc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Word splits text into runs where formatting or editing history changes: split like it. */
function runs(text: string, n: number): string {
  if (!text) return '';
  const cut = text.length > 6 ? [Math.floor(text.length / 3), Math.floor((2 * text.length) / 3)] : [];
  const parts = [text.slice(0, cut[0] ?? text.length), ...(cut.length ? [text.slice(cut[0], cut[1]), text.slice(cut[1])] : [])];
  const rPr = '<w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/><w:sz w:val="32"/></w:rPr>';
  return parts.map((p, i) => `${i === 1 && n % 2 ? '<w:proofErr w:type="spellStart"/>' : ''}<w:r>${rPr}<w:t xml:space="preserve">${xesc(p)}</w:t></w:r>`).join('');
}

function docxParagraph(text: string, n: number, heading = false): string {
  const pPr = heading ? '<w:pPr><w:pStyle w:val="2"/><w:ind w:firstLine="640"/></w:pPr>' : '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>';
  return `<w:p>${pPr}${n % 7 === 3 ? `<w:bookmarkStart w:id="${n}" w:name="_Hlk${n}"/><w:bookmarkEnd w:id="${n}"/>` : ''}${runs(text, n)}</w:p>`;
}

/** The page's text width in twips (A4, the margins of `toDocx`): 11906 − 1588 − 1474. */
const TEXT_WIDTH = 8844;

/**
 * Column widths as the official forms set them, so that Word and LibreOffice wrap the labels as in
 * published reports: in 三 the group labels narrow, the item labels wide, the seven counts narrow; the
 * fifteen 四 columns equal; in 二 the label column wider than the value columns.
 */
function gridWidths(section: 2 | 3 | 4, width: number): number[] {
  if (section === 3 && width === 10) return [700, 1000, 2544, ...new Array(7).fill(657)];
  if (section === 2 && width === 4) return [2844, 2000, 2000, 2000];
  return new Array(width).fill(Math.floor(TEXT_WIDTH / width));
}

/** A table in Word's terms: every grid place written, a vertical merge as restart + continue cells. */
function docxTable(rows: GenCell[][], section: 2 | 3 | 4): string {
  const taken = new Map<string, GenCell>();
  const placed: { cell: GenCell; col: number; cont: boolean }[][] = rows.map(() => []);
  let width = 0;
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (taken.has(`${r},${col}`)) col++;
      placed[r].push({ cell, col, cont: false });
      const cs = cell.colspan ?? 1;
      for (let i = 0; i < (cell.rowspan ?? 1); i++) for (let j = 0; j < cs; j++) if (i || j) taken.set(`${r + i},${col + j}`, cell);
      for (let i = 1; i < (cell.rowspan ?? 1); i++) placed[r + i]?.push({ cell, col, cont: true });
      col += cs;
      width = Math.max(width, col);
    }
  });
  const widths = gridWidths(section, width);
  const grid = `<w:tblGrid>${widths.map(w => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const trs = placed.map(row => {
    row.sort((a, b) => a.col - b.col);
    return '<w:tr>' + row.map(({ cell, col, cont }) => {
      const span = (cell.colspan ?? 1) > 1 ? `<w:gridSpan w:val="${cell.colspan}"/>` : '';
      const merge = (cell.rowspan ?? 1) > 1 ? (cont ? '<w:vMerge/>' : '<w:vMerge w:val="restart"/>') : '';
      const text = cont ? '' : cell.text;
      const p = text ? `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>${xesc(text)}</w:t></w:r></w:p>` : '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>';
      const w = widths.slice(col, col + (cell.colspan ?? 1)).reduce((a, b) => a + b, 0);
      return `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>${span}${merge}<w:vAlign w:val="center"/></w:tcPr>${p}</w:tc>`;
    }).join('') + '</w:tr>';
  });
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:jc w:val="center"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(b => `<w:${b} w:val="single" w:sz="4"/>`).join('')}</w:tblBorders></w:tblPr>${grid}${trs.join('')}</w:tbl>`;
}

/**
 * The styles part every Word file has (mammoth, among others, fails without it): 五号 (10.5 pt) 宋体 by
 * default, the heading style the headings use (`2`) and the table style the tables use (`TableGrid`).
 */
const DOCX_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"/><w:sz w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:next w:val="1"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="a"><w:name w:val="Normal Table"/><w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="a"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>`;

export function toDocx(doc: GenDoc): Uint8Array {
  let n = 0;
  const body = doc.blocks.map(b => (b.kind === 'table' ? docxTable(b.rows, b.section) + '<w:p/>' : docxParagraph(b.text, n++, b.heading))).join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1588" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  return zipSync({
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/document.xml': strToU8(document),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`),
    'word/styles.xml': strToU8(DOCX_STYLES),
  });
}

// ---------------------------------------------------------------- CLI

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    process.stderr.write('usage: npx tsx test/helpers/fileFormats.ts OUT_DIR\n');
    process.exit(2);
  }
  const { CORPUS, corpusPath } = require('./corpus') as typeof import('./corpus');
  if (!existsSync(out)) mkdirSync(out, { recursive: true });
  (async () => {
    for (const id of Object.keys(CORPUS) as (keyof typeof CORPUS)[]) {
      const doc = reportDocument(readFileSync(corpusPath(id), 'utf8'));
      writeFileSync(path.join(out, `${id}.html`), toHtml(doc, { charset: 'utf-8', blank: 'nbsp' }));
      writeFileSync(path.join(out, `${id}.gbk.html`), toHtml(doc, { charset: 'gbk', blank: 'empty' }));
      writeFileSync(path.join(out, `${id}.docx`), toDocx(doc));
      const { toPdf } = await import('./pdfgen');
      writeFileSync(path.join(out, `${id}.pdf`), await toPdf(doc));
    }
  })();
}
