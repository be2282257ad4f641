// A loopback git server for the inputs' tests (not part of the API): `git http-backend` behind a
// small node:http(s) CGI bridge, run as its own process because confed runs git synchronously.
// Usage: node _git-http-server.mjs ROOT [CERT KEY]; prints the port on stdout once listening.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";

const [root, cert, key] = process.argv.slice(2);
const handler = (req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  const env = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    REQUEST_METHOD: req.method,
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers["content-type"] ?? "",
    REMOTE_ADDR: "127.0.0.1",
  };
  for (const [k, v] of Object.entries(req.headers))
    env[`HTTP_${k.toUpperCase().replace(/-/g, "_")}`] = String(v);
  const cgi = spawn("git", ["http-backend"], { env });
  req.pipe(cgi.stdin);
  let head = Buffer.alloc(0);
  let started = false;
  cgi.stdout.on("data", (chunk) => {
    if (started) return void res.write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end === -1) return;
    started = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString().split("\r\n")) {
      const i = line.indexOf(":");
      const k = line.slice(0, i).trim();
      const v = line.slice(i + 1).trim();
      if (k.toLowerCase() === "status") status = Number.parseInt(v, 10);
      else res.setHeader(k, v);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  cgi.on("close", () => res.end());
};
const server = cert
  ? createTlsServer({ cert: readFileSync(cert), key: readFileSync(key) }, handler)
  : createServer(handler);
server.listen(0, "127.0.0.1", () => process.stdout.write(`${server.address().port}\n`));
