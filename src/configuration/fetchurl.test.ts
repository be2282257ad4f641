import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { isConfedError } from "../errors/index.ts";
import { evalModules } from "../module-system/index.ts";
import { homeModules } from "../modules/index.ts";
import { fetchurl, makePkgs } from "../packages/index.ts";
import { openStore } from "../store/index.ts";
import { prefetch, prefetchHome } from "./fetchurl.ts";
import { buildHomeGeneration, homeInputs } from "./home-generation.ts";
import { realise } from "./realise.ts";

const tmp = mkdtempSync(join(tmpdir(), "confed-fetchurl-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const sri = (s: string) => `sha256-${createHash("sha256").update(s).digest("base64")}`;
const BODY = "#!/bin/sh\necho fetched\n";
writeFileSync(join(tmp, "tool.sh"), BODY);

test("fetchurl: a file:// and an http:// download of the same content give one store path", async () => {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.url === "/tool.sh") res.end(BODY);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  after(() => server.close());
  const port = (server.address() as AddressInfo).port;
  const store = openStore({ storeDir: join(tmp, "s1", "store") });
  const a = fetchurl({ url: `file://${join(tmp, "tool.sh")}`, hash: sri(BODY), executable: true });
  const b = fetchurl({
    url: `http://127.0.0.1:${port}/tool.sh`,
    hash: sri(BODY),
    executable: true,
  });
  await prefetch(store, [a]);
  const pa = realise(store, a);
  assert.equal(readFileSync(pa, "utf8"), BODY);
  assert.equal(lstatSync(pa).mode & 0o777, 0o555);
  await prefetch(store, [b]);
  assert.equal(hits, 0, "fixed-output: the path is there already, nothing is downloaded");
  assert.equal(realise(store, b), pa, "the URL is not part of the path");
  const fresh = openStore({ storeDir: join(tmp, "s2", "store") });
  await prefetch(fresh, [b]);
  assert.equal(hits, 1);
  assert.equal(readFileSync(realise(fresh, b), "utf8"), BODY);
});

test("fetchurl: a hash mismatch names the URL and both hashes and adds nothing", async () => {
  const store = openStore({ storeDir: join(tmp, "s3", "store") });
  const url = `file://${join(tmp, "tool.sh")}`;
  const bad = fetchurl({ url, hash: sri("something else") });
  await assert.rejects(prefetch(store, [bad]), (e: unknown) => {
    const m = (e as Error).message;
    return (
      isConfedError(e, "E_BUILD") &&
      m.includes(url) &&
      m.includes(sri("something else")) &&
      m.includes(sri(BODY))
    );
  });
  assert.throws(() => realise(store, bad), /was not downloaded/);
  await assert.rejects(
    prefetch(store, [fetchurl({ url: "http://127.0.0.1:1/nothing", hash: sri("x") })]),
    /fetchurl http:\/\/127\.0\.0\.1:1\/nothing: the download failed/,
  );
});

test("fetchurl: bad arguments are clear errors", () => {
  assert.throws(
    () => fetchurl({ url: "ftp://x/y", hash: sri("x") }),
    /file:\/\/, http:\/\/ or https:\/\//,
  );
  assert.throws(
    () => fetchurl({ url: "https://x/y", hash: "sha256:abc" }),
    /hash must be a SHA-256 in SRI form/,
  );
});

test("a fetchurl package as a home file's source and in home.packages", async () => {
  const storeDir = join(tmp, "h", "store");
  const url = `file://${join(tmp, "tool.sh")}`;
  const config = evalModules({
    modules: [
      ...homeModules,
      { home: { username: "me", homeDirectory: join(tmp, "h"), storeDir } },
      ({ pkgs }: any) => ({
        home: {
          file: {
            "bin/tool": { source: pkgs.fetchurl({ url, hash: sri(BODY), executable: true }) },
          },
          packages: [
            pkgs.symlinkJoin({
              name: "tools",
              paths: [pkgs.fetchurl({ url, hash: sri(BODY), name: "tool" })],
            }),
          ],
        },
      }),
    ],
    specialArgs: { pkgs: makePkgs() },
  }).config as any;
  const store = openStore({ storeDir });
  const h = homeInputs(config);
  await prefetchHome(store, h);
  const { path } = buildHomeGeneration(store, h);
  assert.equal(readFileSync(join(path, "home-files/bin/tool"), "utf8"), BODY);
  assert.ok(readlinkSync(join(path, "home-path")).startsWith(`${storeDir}/`));
});
