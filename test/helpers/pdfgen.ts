/**
 * The report as a PDF like the ones governments publish from Word: A4, a CJK font (Debian's
 * fonts-wqy-microhei, installed by scripts/setup-code-server.sh), paragraphs wrapped by the page
 * width, page footers `— 3 —`, and tables drawn as bordered grids whose text is centred in its cell,
 * labels wrapped inside narrow columns and group labels centred over the rows they span.
 */
import { existsSync } from 'fs';
import PDFDocument from 'pdfkit';
import type { GenCell, GenDoc } from './fileFormats';

export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export function cjkFontAvailable(): boolean {
  return existsSync(CJK_FONT);
}

const PAGE = { width: 595.28, height: 841.89, left: 79, right: 74, top: 74, bottom: 70 };
const CONTENT = PAGE.width - PAGE.left - PAGE.right;

/** Grid column widths, by the number of grid columns of the table (2二: 4, 三: 10, 四: 15). */
function columnWidths(cols: number): number[] {
  if (cols === 4) return [CONTENT * 0.34, CONTENT * 0.22, CONTENT * 0.22, CONTENT * 0.22];
  if (cols === 10) {
    const label = [26, 58, 118];
    const rest = (CONTENT - label.reduce((a, b) => a + b, 0)) / 7;
    return [...label, ...Array(7).fill(rest)];
  }
  return Array(cols).fill(CONTENT / cols);
}

interface Placed {
  cell: GenCell;
  row: number;
  col: number;
}

function place(rows: GenCell[][]): { placed: Placed[]; cols: number } {
  const taken = new Set<string>();
  const placed: Placed[] = [];
  let cols = 0;
  rows.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (taken.has(`${r},${col}`)) col++;
      placed.push({ cell, row: r, col });
      for (let i = 0; i < (cell.rowspan ?? 1); i++) for (let j = 0; j < (cell.colspan ?? 1); j++) taken.add(`${r + i},${col + j}`);
      col += cell.colspan ?? 1;
      cols = Math.max(cols, col);
    }
  });
  return { placed, cols };
}

export function toPdf(doc: GenDoc): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right }, autoFirstPage: false, bufferPages: true, info: { Title: doc.title, Producer: 'nianbao test generator' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>(resolve => pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
  pdf.registerFont('cjk', CJK_FONT, 'WenQuanYiMicroHei');
  let y = PAGE.top;
  const newPage = () => {
    pdf.addPage();
    y = PAGE.top;
  };
  newPage();
  const bottom = PAGE.height - PAGE.bottom;

  const paragraph = (text: string, heading: boolean) => {
    pdf.font('cjk').fontSize(heading ? 13 : 12);
    const h = pdf.heightOfString(text, { width: CONTENT, indent: 24, lineGap: 4 });
    if (y + Math.min(h, 20) > bottom) newPage();
    // Let pdfkit flow a long paragraph onto the next page, as Word does.
    pdf.text(text, PAGE.left, y, { width: CONTENT, indent: 24, lineGap: 4 });
    y = pdf.y + 4;
  };

  const table = (rows: GenCell[][]) => {
    const { placed, cols } = place(rows);
    const widths = columnWidths(cols);
    const xAt = (c: number) => PAGE.left + widths.slice(0, c).reduce((a, b) => a + b, 0);
    const widthOf = (p: Placed) => widths.slice(p.col, p.col + (p.cell.colspan ?? 1)).reduce((a, b) => a + b, 0);
    const size = cols >= 15 ? 7.5 : 8.5;
    const pad = 3;
    pdf.font('cjk').fontSize(size);
    const need = (p: Placed) => (p.cell.text ? pdf.heightOfString(p.cell.text, { width: widthOf(p) - 2 * pad }) : size) + 2 * pad + 2;
    // Row heights: each row fits its own cells; a cell spanning rows makes its last row taller if needed.
    const heights = rows.map(() => size + 2 * pad + 4);
    for (const p of placed) if ((p.cell.rowspan ?? 1) === 1) heights[p.row] = Math.max(heights[p.row], need(p));
    for (const p of placed) {
      const rs = p.cell.rowspan ?? 1;
      if (rs === 1) continue;
      const have = heights.slice(p.row, p.row + rs).reduce((a, b) => a + b, 0);
      if (have < need(p)) heights[p.row + rs - 1] += need(p) - have;
    }
    // Rows onto pages.
    const rowTop: { page: number; y: number }[] = [];
    const pages: number[] = [];
    let page = 0;
    y += 6;
    for (let r = 0; r < rows.length; r++) {
      if (y + heights[r] > bottom) {
        page++;
        y = PAGE.top;
      }
      rowTop.push({ page, y });
      pages.push(page);
      y += heights[r];
    }
    // Draw page by page (pdfkit writes to the current page only).
    for (let pg = 0; pg <= page; pg++) {
      if (pg > 0) {
        pdf.addPage();
        pdf.font('cjk').fontSize(size);
      }
      for (const p of placed) {
        const rs = p.cell.rowspan ?? 1;
        const spanned = Array.from({ length: rs }, (_, i) => p.row + i).filter(r => r < rows.length && pages[r] === pg);
        if (!spanned.length) continue;
        const top = rowTop[spanned[0]].y;
        const h = spanned.reduce((a, r) => a + heights[r], 0);
        const x = xAt(p.col);
        const w = widthOf(p);
        pdf.lineWidth(0.5).rect(x, top, w, h).stroke();
        // The text stands in the first part of the cell (a cell split by a page break).
        const first = Array.from({ length: rs }, (_, i) => p.row + i).find(r => r < rows.length)!;
        if (!p.cell.text || pages[first] !== pg) continue;
        const th = pdf.heightOfString(p.cell.text, { width: w - 2 * pad });
        pdf.text(p.cell.text, x + pad, top + (h - th) / 2, { width: w - 2 * pad, align: 'center' });
      }
    }
    y += 10;
  };

  for (const b of doc.blocks) {
    if (b.kind === 'table') table(b.rows);
    else paragraph(b.text, !!b.heading);
  }
  // Page footers, as Word prints them: `— 3 —` centred under the text.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    pdf.page.margins.bottom = 0;
    pdf.font('cjk').fontSize(10).text(`— ${i + 1} —`, PAGE.left, PAGE.height - 50, { width: CONTENT, align: 'center', lineBreak: false });
  }
  pdf.end();
  return done;
}

/** A minimal PDF whose text uses STSong-Light (not embedded) with the UniGB-UCS2-H encoding. */
export function cmapPdf(text: string): Uint8Array {
  const hex = [...text].map(c => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
  const content = `BT /F1 24 Tf 72 700 Td <${hex}> Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map(o => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
