// A small static server for dist/ on 127.0.0.1 (used by `npm start` and the
// browser tests): correct MIME types (application/wasm matters), an optional
// sub-path, the security headers a static host can carry, and byte ranges (206),
// which the workspace (src/explore/parquetRemote.ts) needs to read only the row groups of a Parquet file it wants.
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";

export const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".gz": "application/gzip",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
  ".parquet": "application/vnd.apache.parquet",
};

export interface ServeOptions {
  root: string;
  port?: number;
  /** Serve the site under this sub-path, e.g. "/jixiao/". */
  base?: string;
  /** More headers on every file, e.g. the deployment's Content-Security-Policy (docs/deploy.md). */
  headers?: Record<string, string>;
  /** Answer Range requests (default); false acts as a host that ignores them (whole file, 200). */
  ranges?: boolean;
}

/**
 * The one byte range a Range header asks of a file of `size` bytes: {start, end}
 * (inclusive), "unsatisfiable" (answer 416), or null to send the whole file (no
 * header, another unit, several ranges, or a header that does not parse — which
 * RFC 9110 lets a server ignore).
 */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | "unsatisfiable" | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]); // bytes=-N: the last N bytes
    return suffix === 0 || size === 0 ? "unsatisfiable" : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== "" && Number(m[2]) < start) return null; // last < first: invalid, so ignored
  return start >= size ? "unsatisfiable" : { start, end };
}

export function serve({ root, port = 4321, base = "/", headers = {}, ranges = true }: ServeOptions): Promise<{ server: Server; url: string }> {
  const dir = resolve(root);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    path = "/" + path.slice(base.length);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      const notFound = join(dir, "404.html");
      res.writeHead(404, { "content-type": MIME[".html"] });
      if (existsSync(notFound)) createReadStream(notFound).pipe(res);
      else res.end("not found");
      return;
    }
    const size = statSync(file).size;
    const common = {
      "content-type": MIME[extname(file)] ?? "application/octet-stream",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": file.includes("/_assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      ...(ranges ? { "accept-ranges": "bytes" } : {}),
      ...headers,
    };
    const range = ranges ? byteRange(req.headers.range, size) : null;
    if (range === "unsatisfiable") {
      res.writeHead(416, { ...common, "content-range": `bytes */${size}`, "content-length": 0 }).end();
      return;
    }
    if (range) {
      res.writeHead(206, { ...common, "content-range": `bytes ${range.start}-${range.end}/${size}`, "content-length": range.end - range.start + 1 });
      if (req.method === "HEAD") res.end();
      else createReadStream(file, range).pipe(res);
      return;
    }
    res.writeHead(200, { ...common, "content-length": size });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    // A busy port is an error to tell (portProblem), not an unhandled 'error' event.
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", fail);
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      ok({ server, url: `http://127.0.0.1:${actual}${base}` });
    });
  });
}

/** Whether 127.0.0.1:port can be listened on now; the error code (EADDRINUSE, EACCES …) when not. */
export function portFree(port: number): Promise<true | string> {
  return new Promise((ok) => {
    const probe = createNetServer();
    probe.once("error", (e: NodeJS.ErrnoException) => ok(e.code ?? "error"));
    probe.listen(port, "127.0.0.1", () => probe.close(() => ok(true)));
  });
}

/** What to tell the user, Chinese then English, when the port cannot be used; null when the port is fine. */
export function portProblem(port: number, code: string | true): string | null {
  if (code === true) return null;
  const other = port === 4321 ? 4322 : port + 1 <= 65535 ? port + 1 : 4322;
  const hint = `PORT=${other} npm start`;
  if (code === "EADDRINUSE") {
    return `jixiao: 端口 ${port} 已被占用（127.0.0.1:${port} 上已有程序在监听）。请先关闭它，或换一个端口：${hint}\n`
      + `jixiao: port ${port} is already in use (something listens on 127.0.0.1:${port}). Stop it, or pick another port: ${hint}\n`;
  }
  if (code === "EACCES") {
    return `jixiao: 没有权限使用端口 ${port}（1024 以下的端口需要管理员权限）。请换一个端口：${hint}\n`
      + `jixiao: no permission to use port ${port} (ports below 1024 need root). Pick another port: ${hint}\n`;
  }
  return `jixiao: 无法使用端口 ${port}（${code}）。请换一个端口：${hint}\n`
    + `jixiao: cannot use port ${port} (${code}). Pick another port: ${hint}\n`;
}

/** PORT from the environment, or 4321; null when it is not a port number. */
function envPort(): number | null {
  const text = process.env.PORT ?? "4321";
  const port = Number(text);
  return /^\d+$/.test(text.trim()) && port >= 1 && port <= 65535 ? port : null;
}

// `node scripts/serve.ts --check`: is PORT free? (`npm start` asks before it builds.)
// `node scripts/serve.ts [dist]`: serve the folder on PORT. Either way a busy port is
// told in one message and exit 1, never a stack trace.
if (import.meta.url === `file://${process.argv[1]}`) {
  const port = envPort();
  if (port === null) {
    process.stderr.write(`jixiao: PORT=“${process.env.PORT}”不是端口号（1–65535），例如：PORT=4322 npm start\njixiao: PORT=“${process.env.PORT}” is not a port number (1–65535), e.g. PORT=4322 npm start\n`);
    process.exit(1);
  }
  if (process.argv[2] === "--check") {
    const problem = portProblem(port, await portFree(port));
    if (problem) {
      process.stderr.write(problem);
      process.exit(1);
    }
  } else {
    const root = process.argv[2] ?? "dist";
    try {
      const { url } = await serve({ root, port, base: process.env.JIXIAO_BASE ?? "/" });
      console.log(`Jixiao 已启动 / serving ${root} at ${url}`);
    } catch (e) {
      process.stderr.write(portProblem(port, (e as NodeJS.ErrnoException).code ?? "error") ?? "");
      process.exit(1);
    }
  }
}
