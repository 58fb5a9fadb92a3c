/**
 * Office documents with Vietnamese text, made by the tests: flat OpenDocument XML written
 * here, converted by the real LibreOffice into .docx, .xlsx and .pptx (what secretaries
 * upload), and scanned-style PDFs (one JPEG per page) built with pdf-lib.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';

export const VI = {
  heading: 'Nghị quyết về kế hoạch đầu tư công năm 2027',
  bold: 'Điều 1. Phê duyệt danh mục dự án trọng điểm',
  body: 'Ủy ban nhân dân huyện tổ chức thực hiện, báo cáo Hội đồng nhân dân tại kỳ họp thường lệ cuối năm.',
  cell: 'Trường Tiểu học Quảng Phước',
  sheet: 'Kinh phí sửa chữa đường liên xã Hải Dương',
  slide: 'Tổng kết công tác năm và phương hướng nhiệm vụ',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.2"';

/** A small PNG (a blue square with a white bar): the image a Word file carries. */
export async function samplePng(): Promise<Buffer> {
  return sharp({ create: { width: 240, height: 160, channels: 3, background: { r: 11, g: 61, b: 145 } } })
    .composite([{ input: { create: { width: 200, height: 30, channels: 3, background: '#ffffff' } }, top: 65, left: 20 }]).png().toBuffer();
}

function fodt(png: Buffer, extraParagraphs: number): string {
  const filler = Array.from({ length: extraParagraphs }, (_, i) => `<text:p>Đoạn ${i + 1}: ${esc(VI.body)}</text:p>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><office:document ${NS} office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles><style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">${esc(VI.heading)}</text:h>
<text:p><text:span text:style-name="B">${esc(VI.bold)}</text:span></text:p>
<text:p>${esc(VI.body)}</text:p>
<table:table table:name="T1"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>STT</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Công trình</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>1</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>${esc(VI.cell)}</text:p></table:table-cell></table:table-row>
</table:table>
<text:p><draw:frame draw:name="logo" text:anchor-type="as-char" svg:width="6cm" svg:height="4cm"><draw:image><office:binary-data>${png.toString('base64')}</office:binary-data></draw:image></draw:frame></text:p>
${filler}
</office:text></office:body></office:document>`;
}

function fods(): string {
  const row = (a: string, b: string) => `<table:table-row><table:table-cell office:value-type="string"><text:p>${esc(a)}</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>${esc(b)}</text:p></table:table-cell></table:table-row>`;
  return `<?xml version="1.0" encoding="UTF-8"?><office:document ${NS} office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:automatic-styles><style:style style:name="wide" style:family="table-column"><style:table-column-properties style:column-width="10cm"/></style:style></office:automatic-styles><office:body><office:spreadsheet>
<table:table table:name="Dự toán"><table:table-column table:style-name="wide" table:number-columns-repeated="2"/>${row('Hạng mục', 'Số tiền (triệu đồng)')}${row(VI.sheet, '1.250')}${row(VI.cell, '830')}</table:table>
</office:spreadsheet></office:body></office:document>`;
}

function fodp(): string {
  const slide = (n: number, text: string) => `<draw:page draw:name="Trang ${n}"><draw:frame svg:x="2cm" svg:y="3cm" svg:width="22cm" svg:height="4cm"><draw:text-box><text:p>${esc(text)}</text:p></draw:text-box></draw:frame></draw:page>`;
  return `<?xml version="1.0" encoding="UTF-8"?><office:document ${NS} office:mimetype="application/vnd.oasis.opendocument.presentation"><office:body><office:presentation>
${slide(1, VI.slide)}${slide(2, VI.body)}
</office:presentation></office:body></office:document>`;
}

/** Converts a flat ODF file with the real soffice (own profile) and returns the converted bytes. */
function convert(name: string, xml: string, to: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'qrhop-fixture-'));
  try {
    writeFileSync(join(dir, name), xml);
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', to, '--outdir', dir, join(dir, name)], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir } });
    return readFileSync(join(dir, name.replace(/\.\w+$/, `.${to.split(':')[0]}`)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function makeDocx(extraParagraphs = 0): Promise<Buffer> {
  return convert('nghi-quyet.fodt', fodt(await samplePng(), extraParagraphs), 'docx');
}
export const makeXlsx = () => convert('du-toan.fods', fods(), 'xlsx');
export const makePptx = () => convert('bao-cao.fodp', fodp(), 'pptx');
export const makeOdtAsPdf = async () => convert('nghi-quyet.fodt', fodt(await samplePng(), 0), 'pdf');

/**
 * One grayscale "scanned sheet" as JPEG: a typed page (Times, 48 lines) rasterized by
 * poppler at `dpi`, then paper grain, a gray paper tone and a slight tilt of contrast, as
 * a scanner's output looks.
 */
async function scanImage(dpi: number, seed: number, quality: number): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'qrhop-scan-'));
  try {
    writeFileSync(join(dir, 'page.pdf'), await makeTextPdf(1, 48, seed));
    const pgm = execFileSync('pdftoppm', ['-r', String(dpi), '-gray', join(dir, 'page.pdf')], { maxBuffer: 256 * 1024 * 1024 });
    // P5 header: "P5\n<w> <h>\n255\n"
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
    const width = Number(header[1]), height = Number(header[2]);
    const pixels = Buffer.from(pgm.subarray(header[0].length));
    let state = seed * 2654435761 + 1;
    const random = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (let i = 0; i < width * height; i++) pixels[i] = Math.max(0, Math.min(255, 30 + pixels[i]! * 0.82 + (random() - 0.5) * 18));
    return await sharp(pixels, { raw: { width, height, channels: 1 } }).blur(0.6).jpeg({ quality }).toBuffer();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A scanned-style PDF: each page one grayscale JPEG of an A4 sheet at `dpi`, no text layer
 * (three distinct sheets, each page embedding its own copy, as a scanner's PDF does).
 * `quality` sets its weight: 30 pages at 200 dpi and quality 80 make about 20 MB.
 */
export async function makeScanPdf(pages: number, options: { dpi?: number; quality?: number } = {}): Promise<Uint8Array> {
  const dpi = options.dpi ?? 150;
  const sheets = await Promise.all(Array.from({ length: Math.min(3, pages) }, (_, i) => scanImage(dpi, i + 1, options.quality ?? 70)));
  const pdf = await PDFDocument.create();
  for (let p = 0; p < pages; p++) {
    const image = await pdf.embedJpg(sheets[p % sheets.length]!);
    pdf.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return pdf.save();
}

/**
 * A PDF whose trailer asks for a password (a Standard security handler whose empty user
 * password does not match): what a password-protected upload looks like to poppler.
 */
export function makeLockedPdf(): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return Uint8Array.from(out, (ch) => ch.charCodeAt(0) & 0xff);
}

/** A PDF with an OpenAction JavaScript (an alert): poppler renders it, nothing runs it. */
export async function makeScriptedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([595.28, 841.89]).drawText('Tai lieu co JavaScript', { x: 72, y: 760, size: 24 });
  const js = pdf.context.obj({ Type: 'Action', S: 'JavaScript', JS: pdf.context.obj('app.alert("x")') });
  pdf.catalog.set(pdf.context.obj('OpenAction') as never, pdf.context.register(js));
  return pdf.save();
}

/**
 * A "docx" that is a zip bomb: a valid zip whose one part declares 1 GB unpacked from
 * about 1 MB (deflate of zeros). Built with node:zlib; only the directory is read.
 */
export function makeZipBomb(): Buffer {
  const chunk = Buffer.alloc(64 * 1024 * 1024);
  const compressed = deflateRawSync(chunk, { level: 9 });
  const size = 1024 * 1024 * 1024; // declared: 16 copies of the chunk
  const name = Buffer.from('word/document.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(0, 14); local.writeUInt32LE(compressed.length, 18); local.writeUInt32LE(size >>> 0, 22); local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(compressed.length, 20); central.writeUInt32LE(size >>> 0, 24); central.writeUInt16LE(name.length, 28); central.writeUInt32LE(0, 42);
  const centralAt = local.length + name.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12); end.writeUInt32LE(centralAt, 16);
  return Buffer.concat([local, name, compressed, central, name, end]);
}

/** A text PDF of `pages` A4 pages, each full of lines (ASCII, Helvetica): a dense typed document. */
export async function makeTextPdf(pages: number, linesPerPage = 48, first = 1): Promise<Uint8Array> {
  const { StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  for (let p = first; p < first + pages; p++) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(`Trang ${p}`, { x: 72, y: 790, size: 16, font });
    for (let i = 0; i < linesPerPage; i++) {
      page.drawText(`Dieu ${i + 1}. Uy ban nhan dan huyen to chuc thuc hien nghi quyet, bao cao Hoi dong nhan dan ky hop ${p}.`, { x: 60, y: 760 - i * 14.5, size: 11, font });
    }
  }
  return pdf.save();
}

/** A dense typed page: 9 pt text edge to edge, 72 lines (a decree in small print; the heaviest common page). */
export async function makeDensePdf(pages: number): Promise<Uint8Array> {
  const { StandardFonts } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const words = 'Dieu khoan thi hanh nghi quyet hoi dong nhan dan tinh ve ke hoach dau tu cong trung han giai doan nam bao dam nguon von ngan sach'.split(' ');
  for (let p = 1; p <= pages; p++) {
    const page = pdf.addPage([595.28, 841.89]);
    for (let i = 0; i < 72; i++) {
      const line = Array.from({ length: 20 }, (_, w) => words[(i * 7 + w * 3 + p) % words.length]).join(' ');
      page.drawText(line, { x: 42, y: 800 - i * 10.6, size: 9, font });
    }
  }
  return pdf.save();
}
