// node bench/home/top-self.mjs FILE.cpuprofile [N]: the top self-time functions of a V8 CPU
// profile (what `node --cpu-prof` writes), and the self time per source file.
import { readFileSync } from "node:fs";

const prof = JSON.parse(readFileSync(process.argv[2], "utf8"));
const top = Number(process.argv[3] ?? 25);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const shortUrl = (u) => u.replace(/^file:\/\//, "").replace(/^.*\/(dist|node_modules)\//, "$1/");
/** The nearest confed function (a frame in dist/) on the stack of a sample: who pays. */
// CALLER=1: skip the fs wrappers in dist/system/ and charge their callers instead.
const skipSystem = process.env.CALLER === "1";
const owner = (id) => {
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const cf = byId.get(x).callFrame;
    if (cf.url.includes("/dist/") && !(skipSystem && cf.url.includes("/dist/system/")))
      return `${cf.functionName || "(anonymous)"}  ${shortUrl(cf.url)}:${cf.lineNumber + 1}`;
  }
  return "(outside confed: start-up, module loading, GC)";
};
const own = new Map();
const fn = new Map();
const file = new Map();
for (const [id, us] of self) {
  const cf = byId.get(id).callFrame;
  const url = shortUrl(cf.url);
  const o = owner(id);
  own.set(o, (own.get(o) ?? 0) + us);
  const key = `${cf.functionName || "(anonymous)"}  ${url}${url ? `:${cf.lineNumber + 1}` : ""}`;
  fn.set(key, (fn.get(key) ?? 0) + us);
  const f = url || `(${cf.functionName})`;
  file.set(f, (file.get(f) ?? 0) + us);
}
const show = (m, n) => {
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(
      `${(us / 1000).toFixed(1).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`,
    );
};
console.log(`total sampled ${(total / 1000).toFixed(0)} ms`);
console.log("-- self time by function");
show(fn, top);
console.log("-- self time charged to the nearest confed function (native fs calls included)");
show(own, top);
console.log("-- self time by file");
show(file, 15);
