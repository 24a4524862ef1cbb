// A small multipart/form-data reader. storage-js sends the file under an EMPTY field name
// (`form.append('', file)`), and Deno's Request.formData() drops parts with an empty name,
// so the parts are read here: text fields by name, plus the first part that carries a file.

export type Part = {
  name: string;
  filename: string | null;
  contentType: string | null;
  body: Uint8Array<ArrayBuffer>;
};

const enc = new TextEncoder();
const dec = new TextDecoder();

export function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= hay.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The parts of a multipart body; throws when the body is not one. */
export function parseMultipart(body: Uint8Array<ArrayBuffer>, boundary: string): Part[] {
  const delimiter = enc.encode(`--${boundary}`);
  const parts: Part[] = [];
  let at = indexOf(body, delimiter, 0);
  if (at < 0) throw new Error("no multipart boundary");
  while (true) {
    at += delimiter.length;
    // "--" after a delimiter closes the body
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts;
    const headerStart = indexOf(body, enc.encode("\r\n"), at) + 2;
    const headerEnd = indexOf(body, enc.encode("\r\n\r\n"), headerStart);
    if (headerStart < 2 || headerEnd < 0) throw new Error("bad multipart part");
    const next = indexOf(body, enc.encode(`\r\n--${boundary}`), headerEnd + 4);
    if (next < 0) throw new Error("unterminated multipart part");
    const headers = dec.decode(body.subarray(headerStart, headerEnd)).split("\r\n");
    const header = (name: string) =>
      headers.find((h) => h.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim() ??
        null;
    const disposition = header("content-disposition") ?? "";
    const param = (key: string) => {
      const m = new RegExp(`;\\s*${key}="([^"]*)"`, "i").exec(disposition);
      return m ? m[1] : null;
    };
    parts.push({
      name: param("name") ?? "",
      filename: param("filename"),
      contentType: header("content-type"),
      body: body.slice(headerEnd + 4, next),
    });
    at = next + 2;
  }
}
