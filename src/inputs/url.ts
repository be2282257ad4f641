/**
 * Input URLs, parsed into the attribute form Nix uses in flake.lock (`{ type: "github", owner,
 * repo, ref }`, `{ type: "git", url: "file:///src/x", rev }`…) and rendered back. Parsing is
 * pure: a relative `path:` stays relative until a fetcher resolves it against the repository.
 */
import { InputError } from "./input-error.ts";

/** A parsed input reference; `type` matches Nix's fetcher names. */
export type InputRef =
  | { type: "path"; path: string }
  | {
      type: "git";
      /** The transport URL without `git+`: `file:///src/x`, `https://host/x.git`, `ssh://…`. */
      url: string;
      ref?: string;
      rev?: string;
      submodules?: boolean;
      dir?: string;
    }
  | {
      type: "github" | "gitlab";
      owner: string;
      repo: string;
      ref?: string;
      rev?: string;
      dir?: string;
      /** Another forge host (GitHub Enterprise, a self-hosted GitLab). */
      host?: string;
    }
  /** An archive (.tar.gz, .tar.xz, .tar.bz2, .tar, .zip), unpacked, top directory stripped. */
  | { type: "tarball"; url: string; dir?: string }
  /** A single file, kept as it is. */
  | { type: "file"; url: string };

/** What the inputs of confed.ts may say about one input, normalised. */
export interface InputSpec {
  /**
   * Undefined for an input that only `follows` another, and for an override of a dependency's
   * input that only overrides that input's own inputs.
   */
  ref: InputRef | undefined;
  /** False for a plain source tree; true (the default) for a confed repository. */
  flake: boolean;
  /** `follows: "a/b"` as a path from the root: `["a", "b"]`. */
  follows: string[] | undefined;
  /** Overrides of the input's own inputs (`inputs: { x: { follows: "y" } }`). */
  inputs: Record<string, InputSpec>;
}

const REV = /^[0-9a-f]{40}$/;
const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.xz|txz|tar\.bz2|tbz2|tar\.zst|zip)$/;
const SCHEMES =
  "path:, git+file:, git+https:, git+http:, git+ssh:, github:, gitlab:, tarball+http(s):, file:, file+http(s):, or an http(s) URL of a .tar.gz/.tar.xz/.zip";

function fail(input: string, url: string, why: string): never {
  throw new InputError("E_INPUT_URL", `input '${input}': ${why} in '${url}'`, { input });
}

/** Splits `?a=1&b=2` into a map, refusing repeated and unknown keys. */
function query(
  input: string,
  url: string,
  q: string,
  allowed: readonly string[],
): Map<string, string> {
  const m = new Map<string, string>();
  if (q === "") return m;
  for (const part of q.split("&")) {
    const eq = part.indexOf("=");
    const k = decodeURIComponent(eq === -1 ? part : part.slice(0, eq));
    const v = decodeURIComponent(eq === -1 ? "" : part.slice(eq + 1));
    if (!allowed.includes(k))
      fail(input, url, `unknown parameter '${k}' (allowed: ${allowed.join(", ") || "none"})`);
    if (m.has(k)) fail(input, url, `parameter '${k}' given twice`);
    m.set(k, v);
  }
  return m;
}

function checkRev(input: string, url: string, rev: string | undefined): string | undefined {
  if (rev !== undefined && !REV.test(rev))
    fail(input, url, `rev '${rev}' is not a full 40-character commit hash`);
  return rev;
}

function checkRef(input: string, url: string, ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  // git check-ref-format's rules, enough to refuse what would confuse git's command line.
  if (
    ref === "" ||
    ref.startsWith("-") ||
    ref.startsWith("/") ||
    ref.endsWith("/") ||
    ref.endsWith(".lock") ||
    ref.includes("..") ||
    ref.includes("@{") ||
    /[\s~^:?*[\\]/.test(ref) ||
    [...ref].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)
  )
    fail(input, url, `'${ref}' is not a valid git ref`);
  return ref;
}

function flag(input: string, url: string, v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return fail(input, url, `submodules must be 1 or 0, not '${v}'`);
}

function stripUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * Parses an input URL; `input` names the input in errors.
 *
 * @example
 * parseInputUrl("github:myme/dotfiles/v2", "dotfiles")
 * // { type: "github", owner: "myme", repo: "dotfiles", ref: "v2" }
 * parseInputUrl("git+file:///src/lib?ref=main&submodules=1", "lib")
 * // { type: "git", url: "file:///src/lib", ref: "main", submodules: true }
 */
export function parseInputUrl(url: string, input: string): InputRef {
  if (typeof url !== "string" || url === "") fail(input, String(url), "an empty URL");
  const hashAt = url.indexOf("#");
  if (hashAt !== -1) fail(input, url, "a fragment (#…) has no meaning for an input");
  const qAt = url.indexOf("?");
  const base = qAt === -1 ? url : url.slice(0, qAt);
  const q = qAt === -1 ? "" : url.slice(qAt + 1);
  const colon = base.indexOf(":");
  if (colon === -1 || !/^[a-z][a-z0-9+.-]*$/.test(base.slice(0, colon)))
    fail(
      input,
      url,
      `no scheme (registry names such as 'nixpkgs' are not supported; write one of ${SCHEMES})`,
    );
  const scheme = base.slice(0, colon);
  const rest = base.slice(colon + 1);

  switch (scheme) {
    case "path": {
      query(input, url, q, []);
      const path = rest.startsWith("//") ? rest.slice(2) : rest;
      if (path === "") fail(input, url, "path: needs a path");
      return { type: "path", path };
    }
    case "git+file":
    case "git+https":
    case "git+http":
    case "git+ssh": {
      const p = query(input, url, q, ["ref", "rev", "submodules", "dir"]);
      let transport = `${scheme.slice(4)}:${rest}`;
      if (scheme === "git+file") {
        const path = rest.startsWith("//") ? rest.slice(2) : rest;
        if (!path.startsWith("/")) fail(input, url, "git+file: needs an absolute path");
        transport = `file://${path}`;
      } else if (!/^\/\/[^/]+\/./.test(rest)) {
        fail(input, url, `${scheme}: needs //host/path`);
      }
      return stripUndefined({
        type: "git",
        url: transport,
        ref: checkRef(input, url, p.get("ref")),
        rev: checkRev(input, url, p.get("rev")),
        submodules: flag(input, url, p.get("submodules")),
        dir: p.get("dir"),
      });
    }
    case "github":
    case "gitlab": {
      const p = query(input, url, q, ["ref", "rev", "dir", "host"]);
      const parts = rest.split("/");
      if (parts.length < 2 || parts[0] === "" || parts[1] === "")
        fail(input, url, `${scheme}: needs owner/repo`);
      if (parts.length > 3) fail(input, url, "too many path segments (use ?ref= for a ref with /)");
      const [owner, repo, third] = parts as [string, string, string | undefined];
      let ref = p.get("ref");
      let rev = p.get("rev");
      if (third !== undefined) {
        if (ref !== undefined || rev !== undefined)
          fail(input, url, "a ref or rev both in the path and in the query");
        if (REV.test(third)) rev = third;
        else ref = third;
      }
      if (ref !== undefined && rev !== undefined)
        fail(input, url, `${scheme}: takes a ref or a rev, not both`);
      for (const s of [owner, repo])
        if (!/^[A-Za-z0-9_.%-]+$/.test(s)) fail(input, url, `'${s}' is not a valid owner or repo`);
      return stripUndefined({
        type: scheme,
        owner: decodeURIComponent(owner),
        repo,
        ref: checkRef(input, url, ref),
        rev: checkRev(input, url, rev),
        dir: p.get("dir"),
        host: p.get("host"),
      });
    }
    case "tarball+http":
    case "tarball+https":
    case "tarball+file": {
      if (!rest.startsWith("//")) fail(input, url, `${scheme}: needs //host/path`);
      return { type: "tarball", url: url.slice("tarball+".length) };
    }
    case "file+http":
    case "file+https":
    case "file+file": {
      if (!rest.startsWith("//")) fail(input, url, `${scheme}: needs //host/path`);
      return { type: "file", url: url.slice("file+".length) };
    }
    case "http":
    case "https":
    case "file": {
      if (!rest.startsWith("//")) fail(input, url, `${scheme}: needs //host/path`);
      if (scheme === "file" && !rest.startsWith("///"))
        fail(input, url, "file: needs an absolute path (file:///…)");
      // Like Nix: an archive's extension makes a tarball input, anything else is a file.
      if (ARCHIVE.test(base)) return { type: "tarball", url };
      if (scheme === "file") return { type: "file", url };
      return fail(
        input,
        url,
        "an http(s) URL that is not an archive (.tar.gz, .tar.xz, .zip…); prefix tarball+ or file+ to say which",
      );
    }
    default:
      return fail(input, url, `unknown scheme '${scheme}:' (known: ${SCHEMES})`);
  }
}

/**
 * The URL of a parsed input, in the form parseInputUrl reads back.
 *
 * @example
 * renderInputUrl({ type: "git", url: "file:///src/lib", rev: "0123…" }) // "git+file:///src/lib?rev=0123…"
 */
export function renderInputUrl(ref: InputRef): string {
  const q = (pairs: [string, string | boolean | undefined][]) => {
    const s = pairs
      .filter(([, v]) => v !== undefined)
      .map(
        ([k, v]) =>
          `${k}=${v === true ? "1" : v === false ? "0" : encodeURIComponent(v as string)}`,
      )
      .join("&");
    return s ? `?${s}` : "";
  };
  switch (ref.type) {
    case "path":
      return `path:${ref.path}`;
    case "git":
      return `git+${ref.url}${q([
        ["ref", ref.ref],
        ["rev", ref.rev],
        ["submodules", ref.submodules],
        ["dir", ref.dir],
      ])}`;
    case "github":
    case "gitlab":
      return `${ref.type}:${encodeURIComponent(ref.owner)}/${ref.repo}${ref.rev ? `/${ref.rev}` : ref.ref && !ref.ref.includes("/") ? `/${ref.ref}` : ""}${q(
        [
          ["ref", ref.ref?.includes("/") ? ref.ref : undefined],
          ["dir", ref.dir],
          ["host", ref.host],
        ],
      )}`;
    case "tarball":
      return ARCHIVE.test(ref.url.split("?")[0] as string) ? ref.url : `tarball+${ref.url}`;
    case "file":
      return ref.url.startsWith("file:") && !ARCHIVE.test(ref.url) ? ref.url : `file+${ref.url}`;
  }
}

function parseFollows(input: string, v: unknown): string[] {
  if (typeof v !== "string")
    throw new InputError("E_INPUT_SPEC", `input '${input}': follows must be a string like "a/b"`, {
      input,
    });
  const path = v.split("/");
  if (v === "" || path.some((s) => s === ""))
    throw new InputError(
      "E_INPUT_SPEC",
      `input '${input}': follows '${v}' is not a path of input names like "a/b"`,
      { input },
    );
  return path;
}

/**
 * Normalises one entry of confed.ts's `inputs`: a URL string, `{ url, flake?, inputs? }`, or
 * `{ follows: "a/b" }`. `name` is the input's path from the root, for errors.
 *
 * @example
 * parseInputSpec("walls", { url: "gitlab:myme/wallpapers", flake: false })
 */
export function parseInputSpec(name: string, raw: unknown, override = false): InputSpec {
  if (typeof raw === "string")
    return { ref: parseInputUrl(raw, name), flake: true, follows: undefined, inputs: {} };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new InputError(
      "E_INPUT_SPEC",
      `input '${name}': expected a URL string or { url, flake?, inputs? }, got ${Array.isArray(raw) ? "a list" : raw === null ? "null" : typeof raw}`,
      { input: name },
    );
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o))
    if (!["url", "flake", "inputs", "follows"].includes(k))
      throw new InputError(
        "E_INPUT_SPEC",
        `input '${name}': unknown key '${k}' (known: url, flake, inputs, follows)`,
        { input: name },
      );
  if (o.follows !== undefined && o.url !== undefined)
    throw new InputError("E_INPUT_SPEC", `input '${name}': give either url or follows, not both`, {
      input: name,
    });
  if (o.flake !== undefined && typeof o.flake !== "boolean")
    throw new InputError("E_INPUT_SPEC", `input '${name}': flake must be true or false`, {
      input: name,
    });
  const inputs: Record<string, InputSpec> = {};
  if (o.inputs !== undefined) {
    if (typeof o.inputs !== "object" || o.inputs === null)
      throw new InputError("E_INPUT_SPEC", `input '${name}': inputs must be an object`, {
        input: name,
      });
    for (const [k, v] of Object.entries(o.inputs))
      inputs[k] = parseInputSpec(`${name}/${k}`, v, true);
  }
  if (o.follows !== undefined)
    return { ref: undefined, flake: true, follows: parseFollows(name, o.follows), inputs };
  if (o.url === undefined && override)
    return { ref: undefined, flake: true, follows: undefined, inputs };
  if (o.url === undefined)
    throw new InputError("E_INPUT_SPEC", `input '${name}': missing url (or follows)`, {
      input: name,
    });
  return {
    ref: parseInputUrl(o.url as string, name),
    flake: o.flake !== false,
    follows: undefined,
    inputs,
  };
}
