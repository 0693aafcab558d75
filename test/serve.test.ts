// `npm start` on a busy port: the port is checked before the build, and a busy
// port is told in Chinese then English (which port, how to pick another), exit 1,
// no stack trace — whether it is found busy before the build or only when serving.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { portFree, portProblem } from "../scripts/serve.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const site = mkdtempSync(join(tmpdir(), "jixiao-serve-"));
writeFileSync(join(site, "index.html"), "<!doctype html><title>t</title>");

let holder: Server;
let busy = 0;
beforeAll(async () => {
  holder = createServer();
  await new Promise<void>((ok) => holder.listen(0, "127.0.0.1", () => ok()));
  busy = (holder.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((ok) => holder.close(ok));
  rmSync(site, { recursive: true, force: true });
});

function run(command: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const started = Date.now();
  return new Promise((ok) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      ok({ code, out, err, ms: Date.now() - started });
    });
  });
}

function expectBusyMessage(err: string, port: number) {
  const lines = err.trimEnd().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(new RegExp(`^jixiao: 端口 ${port} 已被占用.*PORT=${port + 1} npm start$`));
  expect(lines[1]).toMatch(new RegExp(`^jixiao: port ${port} is already in use.*PORT=${port + 1} npm start$`));
  expect(err).not.toMatch(/^\s+at /m);
  expect(err).not.toMatch(/EADDRINUSE|Error:/);
}

describe("scripts/serve.ts on a port another program holds", () => {
  it("portFree(port) tells a held port from a free one", async () => {
    expect(await portFree(busy)).toBe("EADDRINUSE");
    const free = createServer();
    await new Promise<void>((ok) => free.listen(0, "127.0.0.1", () => ok()));
    const port = (free.address() as { port: number }).port;
    await new Promise((ok) => free.close(ok));
    expect(await portFree(port)).toBe(true);
  });

  it("portProblem(4321, EADDRINUSE) suggests PORT=4322 npm start, in Chinese first", () => {
    expect(portProblem(4321, "EADDRINUSE")).toMatch(/^jixiao: 端口 4321 已被占用.*PORT=4322 npm start\njixiao: port 4321 is already in use.*PORT=4322 npm start\n$/);
    expect(portProblem(4321, true)).toBeNull();
  });

  it("--check (what npm start runs before building) exits 1 with the message", async () => {
    const r = await run(process.execPath, ["scripts/serve.ts", "--check"], { PORT: String(busy) });
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expectBusyMessage(r.err, busy);
  });

  it("serving a folder exits 1 with the same message (the port taken while the site built)", async () => {
    const r = await run(process.execPath, ["scripts/serve.ts", site], { PORT: String(busy) });
    expect(r.code).toBe(1);
    expectBusyMessage(r.err, busy);
  });

  it("npm start stops before building", async () => {
    const r = await run("npm", ["start", "--silent"], { PORT: String(busy) }, 60_000);
    expect(r.code).toBe(1);
    expect(r.out + r.err).not.toMatch(/astro|building|build/i);
    expect(r.ms).toBeLessThan(30_000);
    expectBusyMessage(r.err, busy);
  });

  it("a PORT that is no port number is told, not thrown", async () => {
    const r = await run(process.execPath, ["scripts/serve.ts", "--check"], { PORT: "43x" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^jixiao: PORT=“43x”不是端口号/);
    expect(r.err).not.toMatch(/^\s+at /m);
  });
});
