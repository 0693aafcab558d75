// Bytes → text. Detects the encodings budget exports really come in (UTF-8 with
// or without BOM, GBK/GB18030 from Excel on Chinese Windows, UTF-16 "Unicode
// text" from Excel) and never decodes silently into mojibake: every byte that
// cannot be decoded becomes a finding with its row and column.
import { ImportError, type Finding } from "./model.ts";
import { finding } from "./findingText.ts";

export type Encoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";

export interface Decoded {
  text: string;
  encoding: Encoding;
  findings: Finding[];
}

const MAX_BAD_BYTE_FINDINGS = 20;

function bomOf(b: Uint8Array): { encoding: Encoding; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

function decodes(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A known binary signature (checked before any UTF-16 guess: such a file is never text). */
function signatureKind(b: Uint8Array): string | null {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return "zip/xlsx";
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return "xls";
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return "pdf";
  return null;
}

/** A file is binary when it has NUL bytes (outside UTF-16) or a known binary signature. */
function binaryKind(b: Uint8Array): string | null {
  const signature = signatureKind(b);
  if (signature) return signature;
  const n = Math.min(b.length, 8192);
  for (let i = 0; i < n; i++) if (b[i] === 0) return "binary";
  return null;
}

/** Heuristic UTF-16 without BOM: many NULs at odd (LE) or even (BE) positions. */
function utf16Guess(b: Uint8Array): Encoding | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  // Chinese text is mostly non-ASCII: only its tabs, digits and line ends put a NUL
  // in the high byte, and a few CJK characters (一 U+4E00) put one in the low byte.
  if (oddNul > pairs * 0.05 && evenNul * 4 < oddNul) return "utf-16le";
  if (evenNul > pairs * 0.05 && oddNul * 4 < evenNul) return "utf-16be";
  return null;
}

/** Row (1-based line) and column (1-based character) of a character offset. */
export function positionOf(text: string, offset: number): { row: number; column: number } {
  let row = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      row++;
      lineStart = i + 1;
    }
  }
  return { row, column: offset - lineStart + 1 };
}

export function decodeBytes(bytes: Uint8Array, file: string): Decoded {
  if (bytes.length === 0) {
    throw new ImportError(`${file}：文件为空`, `${file}: the file is empty`, { file });
  }
  const bom = bomOf(bytes);
  const utf16 = bom?.encoding.startsWith("utf-16") ? bom.encoding : signatureKind(bytes) ? null : utf16Guess(bytes);
  if (!utf16) {
    const kind = binaryKind(bytes);
    if (kind) {
      const hint = kind === "zip/xlsx" || kind === "xls" ? "（Excel 工作簿请另存为 CSV，或在浏览器“数据探索”页中打开）" : "";
      throw new ImportError(
        `${file}：不是文本文件（${kind}）${hint}`,
        `${file}: not a text file (${kind})`,
        { file },
      );
    }
  }
  const findings: Finding[] = [];
  if (utf16) {
    const body = bom ? bytes.subarray(bom.length) : bytes;
    const text = new TextDecoder(utf16).decode(body);
    return { text, encoding: utf16, findings: badCharFindings(text, file, utf16, findings) };
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const utf8 = decodes(body, "utf-8");
  if (utf8 !== null) return { text: utf8, encoding: "utf-8", findings };
  if (!bom) {
    const gb = decodes(body, "gb18030");
    if (gb !== null) return { text: gb, encoding: "gb18030", findings };
  }
  // Neither decodes cleanly: take the one with fewer undecodable bytes and say where each is.
  const lossyUtf8 = new TextDecoder("utf-8").decode(body);
  const lossyGb = bom ? null : new TextDecoder("gb18030").decode(body);
  const bad = (s: string) => s.split("\uFFFD").length - 1;
  const useGb = lossyGb !== null && bad(lossyGb) < bad(lossyUtf8);
  const text = useGb ? lossyGb! : lossyUtf8;
  const encoding: Encoding = useGb ? "gb18030" : "utf-8";
  return { text, encoding, findings: badCharFindings(text, file, encoding, findings) };
}

function badCharFindings(text: string, file: string, encoding: Encoding, findings: Finding[]): Finding[] {
  let count = 0;
  let offset = text.indexOf("\uFFFD");
  let row = 1;
  let lineStart = 0;
  let scanned = 0;
  while (offset !== -1) {
    count++;
    if (count <= MAX_BAD_BYTE_FINDINGS) {
      for (; scanned < offset; scanned++) {
        if (text.charCodeAt(scanned) === 10) {
          row++;
          lineStart = scanned + 1;
        }
      }
      findings.push(finding("error", "encoding.undecodable", { encoding }, { file, row, column: offset - lineStart + 1 }));
    }
    offset = text.indexOf("\uFFFD", offset + 1);
  }
  if (count > MAX_BAD_BYTE_FINDINGS) {
    findings.push(finding("error", "encoding.undecodable_more", { more: count - MAX_BAD_BYTE_FINDINGS, count }, { file }));
  }
  return findings;
}
