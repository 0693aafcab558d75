// A one-sheet XLSX workbook written as rows arrive, so that a million-row table
// becomes a spreadsheet without ever being one JavaScript array: each batch of
// rows is turned into sheet XML and deflated straight into the zip (the
// platform's zlib through CompressionStream, the zip container by fflate), and
// only the compressed bytes are kept. Cells follow xlsxCell (exports.ts): exact
// decimals as numbers with their decimals shown, text as inline strings (never a
// formula), nothing else. DOM-free: tested in Node by reading the file back with
// read-excel-file.
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from "fflate";
import type { Value } from "../query/engine.ts";
import { XLSX_MAX_ROWS, xlsxCell } from "./exports.ts";

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Style ids of styles.xml: 0 plain, 1 bold (header), 2 integer, 3 + d a number with d decimals (1…6). */
const MAX_DECIMALS = 6;
function styleOf(format: string | undefined): number {
  if (!format) return 0;
  if (format === "0") return 2;
  const d = format.split(".")[1]?.length ?? 0;
  return d >= 1 && d <= MAX_DECIMALS ? 2 + d : 0;
}

const STYLES = `${HEAD}<styleSheet xmlns="${NS}">
<numFmts count="${MAX_DECIMALS}">${Array.from({ length: MAX_DECIMALS }, (_, i) => `<numFmt numFmtId="${164 + i}" formatCode="#,##0.${"0".repeat(i + 1)}"/>`).join("")}</numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="${3 + MAX_DECIMALS}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>${Array.from({ length: MAX_DECIMALS }, (_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join("")}</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

const fixed = (sheet: string): [string, string][] => [
  ["[Content_Types].xml", `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`],
  ["_rels/.rels", `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
  ["xl/workbook.xml", `${HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="${escapeXml(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
  ["xl/_rels/workbook.xml.rels", `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`],
  ["xl/styles.xml", STYLES],
];

/** Text as XML character data: markup escaped, characters XML cannot hold (controls but tab/LF/CR, lone surrogates) dropped. */
export function escapeXml(s: string): string {
  if (!/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/.test(s)) return s;
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A, B, … Z, AA … for a 0-based column. */
export function columnName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A zip entry deflated by the platform's own zlib (CompressionStream
 * "deflate-raw": several times faster than deflate in JavaScript on a sheet of
 * hundreds of megabytes of XML). fflate's pass-through counts the size and the
 * CRC of what is pushed; the deflated bytes reach the zip as they come out.
 */
class NativeDeflate extends ZipPassThrough {
  private readonly input: WritableStreamDefaultWriter<BufferSource>;
  /** Settles when every deflated byte has been handed to the zip. */
  readonly done: Promise<void>;

  constructor(filename: string) {
    super(filename);
    this.compression = 8;
    const stream = new CompressionStream("deflate-raw");
    this.input = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    this.done = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.ondata(null, value as Uint8Array<ArrayBuffer>, false);
      }
      this.ondata(null, new Uint8Array(0), true);
    })();
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (chunk.length) void this.input.write(chunk);
    if (final) void this.input.close();
  }

  /** Waits until the compressor has room for more (so a million rows never queue up in memory). */
  ready(): Promise<unknown> {
    return this.input.ready;
  }
}

const encoder = new TextEncoder();

export class XlsxWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private readonly sheet: NativeDeflate;
  private readonly ended: Promise<void>;
  private readonly refs: string[];
  private readonly types: string[];
  private row = 0;
  /** Rows left out because the sheet reached Excel's limit. */
  cut = 0;

  constructor(sheetName: string, columns: readonly string[], types: readonly string[]) {
    let end!: () => void;
    let fail!: (e: Error) => void;
    this.ended = new Promise((ok, no) => ((end = ok), (fail = no)));
    this.zip = new Zip((err, data, final) => {
      if (err) return fail(err);
      this.chunks.push(data);
      if (final) end();
    });
    for (const [path, text] of fixed(sheetName)) {
      const f = new ZipDeflate(path, { level: 6 });
      this.zip.add(f);
      f.push(strToU8(text), true);
    }
    this.sheet = new NativeDeflate("xl/worksheets/sheet1.xml");
    this.zip.add(this.sheet);
    this.refs = columns.map((_, i) => columnName(i));
    this.types = [...types];
    // The header row, bold.
    this.row = 1;
    const head = columns.map((c, i) => `<c r="${this.refs[i]}1" t="inlineStr" s="1"><is><t xml:space="preserve">${escapeXml(c)}</t></is></c>`).join("");
    this.sheet.push(encoder.encode(`${HEAD}<worksheet xmlns="${NS}"><sheetData><row r="1">${head}</row>`));
  }

  /** Adds rows (cell values as the query returned them); rows past Excel's limit are counted in `cut`. */
  async addRows(rows: readonly (readonly Value[])[]): Promise<void> {
    const room = XLSX_MAX_ROWS - (this.row - 1); // row 1 is the header
    const take = rows.length > room ? rows.slice(0, Math.max(0, room)) : rows;
    this.cut += rows.length - take.length;
    let xml = "";
    for (const r of take) {
      const n = ++this.row;
      xml += `<row r="${n}">`;
      for (let i = 0; i < r.length; i++) {
        const c = xlsxCell(r[i], this.types[i] ?? "");
        if (!c) continue;
        const ref = `${this.refs[i]}${n}`;
        if (c.type === Number) xml += `<c r="${ref}"${styleOf(c.format) ? ` s="${styleOf(c.format)}"` : ""}><v>${c.value}</v></c>`;
        else if (c.type === Boolean) xml += `<c r="${ref}" t="b"><v>${c.value ? 1 : 0}</v></c>`;
        else xml += `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(c.value))}</t></is></c>`;
      }
      xml += "</row>";
    }
    if (!xml) return;
    this.sheet.push(encoder.encode(xml));
    await this.sheet.ready();
  }

  /** Closes the sheet and the zip: the workbook's bytes, in the pieces they were written in. */
  async finish(): Promise<Uint8Array[]> {
    this.sheet.push(encoder.encode("</sheetData></worksheet>"), true);
    await this.sheet.done;
    this.zip.end();
    await this.ended;
    return this.chunks;
  }
}
