import { createHash } from "node:crypto";
import {
  realTreeReader,
  type TreeDirent,
  type TreeFile,
  type TreeKind,
  type TreeReader,
  type TreeStat,
} from "../system/tree-reader.ts";
import { StoreError } from "./store-error.ts";

// The NAR ("Nix ARchive") format, byte for byte as Nix writes it (libutil/archive.cc), so that a
// hash confed computes equals the one Nix computes for the same tree:
//
//   nar     = str("nix-archive-1") node
//   node    = str("(") str("type") (regular | symlink | directory) str(")")
//   regular = str("regular") [str("executable") str("")] str("contents") str(<bytes>)
//   symlink = str("symlink") str("target") str(<target bytes>)
//   directory = str("directory") { str("entry") str("(") str("name") str(<name>) str("node") node str(")") }
//   str(s)  = u64le(len(s)) s <zero padding to a multiple of 8>
//
// Only what Nix keeps is kept: no times, no owners, of the mode only the owner-executable bit.
// Directory entries are sorted by the raw bytes of their names (C++ std::string order), which is
// not JavaScript's UTF-16 order: U+FF5E sorts before U+1F600 in bytes but after it in UTF-16.

/** A tree to archive: a path as a string (UTF-8) or as raw bytes (any Linux file name). */
export type NarPath = string | Uint8Array;

/** A NAR parsed back into a tree. File contents and names are views into the parsed bytes. */
export type NarNode =
  | { kind: "file"; executable: boolean; contents: Buffer }
  | { kind: "symlink"; target: Buffer }
  | { kind: "directory"; entries: NarEntry[] };

/** One directory entry of a parsed NAR; entries come sorted by the bytes of `name`. */
export interface NarEntry {
  name: Buffer;
  node: NarNode;
}

/** The SHA-256 of a NAR in the forms the store and lock files need, and its length. */
export interface NarDigest {
  /** SRI form, `sha256-<base64>`, as `nix hash path` prints it. */
  hash: string;
  /** The 32 raw digest bytes. */
  digest: Buffer;
  /** The length of the NAR in bytes (narinfo `NarSize`). */
  narSize: number;
}

// Output is produced in chunks of about this size: large enough that hashing and writing cost
// one call per chunk, small enough to stay in cache. A file is read straight into the chunk.
const CHUNK_SIZE = 256 * 1024;
// A file read into less room than this would make many tiny reads; start a new chunk instead.
const MIN_READ = 16 * 1024;
// Deeper NARs cannot be unpacked anyway (PATH_MAX is 4096 bytes); refusing them keeps the
// recursive parser from overflowing the stack on hostile input.
const MAX_DEPTH = 2048;

function narStrings(...parts: string[]): Buffer {
  const out = new NarBuffer();
  for (const part of parts) out.string(Buffer.from(part, "latin1"));
  return out.take();
}

// One chunk kept for the next dump whose caller consumes each chunk before asking for the next
// (scanNar): a store add hashes hundreds of small paths in a row, and a fresh 256 KiB buffer
// per path costs more than reading their files.
let spare: Buffer | undefined;

/**
 * Builds a NAR in chunks; each chunk handed out by `take` belongs to the caller, unless the
 * buffer was made `transient`: then a chunk is valid only until the next one is taken.
 */
class NarBuffer {
  buf: Buffer;
  pos = 0;
  constructor(
    readonly transient = false,
    size = CHUNK_SIZE,
  ) {
    this.buf = (transient && spare) || Buffer.allocUnsafe(size);
    if (transient) spare = undefined;
  }

  /** Gives the chunk back for a later transient dump. */
  release(): void {
    if (this.transient && this.buf.length === CHUNK_SIZE) spare = this.buf;
  }

  /** Free bytes in the current chunk, less what a file's header, padding and end need. */
  get free(): number {
    return this.buf.length - this.pos - 128;
  }

  /** True when the current chunk should be handed out before more is written. */
  get full(): boolean {
    return this.pos > CHUNK_SIZE - MIN_READ;
  }

  /** Makes room for `n` more bytes in the current chunk (growing it, rarely needed). */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  u64(n: number): void {
    this.reserve(8);
    this.buf.writeUInt32LE(n % 0x1_0000_0000, this.pos);
    this.buf.writeUInt32LE(Math.floor(n / 0x1_0000_0000), this.pos + 4);
    this.pos += 8;
  }

  pad(length: number): void {
    const padding = (8 - (length % 8)) % 8;
    this.reserve(padding);
    this.buf.fill(0, this.pos, this.pos + padding);
    this.pos += padding;
  }

  string(b: Uint8Array): void {
    this.u64(b.length);
    this.bytes(b);
    this.pad(b.length);
  }

  take(): Buffer {
    const chunk = this.buf.subarray(0, this.pos);
    if (!this.transient) this.buf = Buffer.allocUnsafe(CHUNK_SIZE);
    this.pos = 0;
    return chunk;
  }
}

const MAGIC = narStrings("nix-archive-1");
const REGULAR = narStrings("(", "type", "regular", "contents");
const EXECUTABLE = narStrings("(", "type", "regular", "executable", "", "contents");
const SYMLINK = narStrings("(", "type", "symlink", "target");
const DIRECTORY = narStrings("(", "type", "directory");
const ENTRY = narStrings("entry", "(", "name");
const NODE = narStrings("node");
const CLOSE = narStrings(")");
const SLASH = Buffer.from("/");

// Raw byte order of names, as Nix's std::map<std::string, …> (memcmp) sorts them.
const byName = (a: TreeDirent, b: TreeDirent): number => Buffer.compare(a.name, b.name);

function toPathBuffer(path: NarPath): Buffer {
  if (typeof path === "string") return Buffer.from(path);
  return Buffer.isBuffer(path) ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** `bytes` as text for messages: UTF-8 where valid, other bytes as `\xNN`. */
function printable(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    // Not UTF-8 throughout: fall through to the byte-wise rendering.
  }
  let out = "";
  let i = 0;
  next: while (i < bytes.length) {
    // UTF-8 is prefix-free, so the first length that decodes is the character at i.
    for (let len = 1; len <= 4 && i + len <= bytes.length; len++) {
      try {
        out += utf8.decode(bytes.subarray(i, i + len));
        i += len;
        continue next;
      } catch {
        // Incomplete or invalid at this length; try a longer one.
      }
    }
    out += `\\x${bytes[i].toString(16).padStart(2, "0")}`;
    i++;
  }
  return out;
}

function unreadable(path: Buffer, cause: unknown): StoreError {
  if (cause instanceof StoreError) return cause;
  const shown = printable(path);
  const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
  // Node's message is "EACCES: permission denied, open '<path>'"; keep only the reason, the
  // path is shown by us (node would mangle bytes that are not UTF-8).
  const reason =
    (cause instanceof Error && /^[A-Z0-9]+: ([^,]+)/.exec(cause.message)?.[1]) || String(cause);
  return new StoreError(
    "E_NAR_UNREADABLE",
    `cannot archive '${shown}': ${reason}${errno ? ` (${errno})` : ""}`,
    { path: shown, cause },
  );
}

function unsupported(path: Buffer, type: string): StoreError {
  const shown = printable(path);
  return new StoreError(
    "E_NAR_UNSUPPORTED_FILE",
    `cannot archive '${shown}': it is a ${type}; a NAR holds only regular files, directories and symlinks`,
    { path: shown },
  );
}

function changed(path: Buffer, what: string): StoreError {
  const shown = printable(path);
  return new StoreError("E_NAR_FILE_CHANGED", `cannot archive '${shown}': ${what}`, {
    path: shown,
  });
}

/** A node whose OS work is done: a file opened, a link read, a directory listed. */
type Opened =
  | { kind: "file"; file: TreeFile; size: number; executable: boolean }
  | { kind: "symlink"; target: Buffer }
  | { kind: "directory"; entries: TreeDirent[] };

/**
 * Opens the node at `path`. `listed` is its kind as its directory listing reported it: trusting
 * it saves an lstat per entry (a regular file is opened and fstat-ed instead, cheaper than a
 * second path lookup). Whenever the listing turns out stale, the node is redone from an lstat.
 * A tree changed while it is archived can still give a NAR of no single moment (a directory
 * swapped for a symlink between listing and reading is read through); Nix's lstat-then-open
 * has the same window. Store paths are immutable, so this matters only for sources.
 */
function open(path: Buffer, reader: TreeReader, listed?: TreeKind): Opened {
  let kind = listed;
  if (kind === undefined) {
    let stat: TreeStat;
    try {
      stat = reader.lstat(path);
    } catch (e) {
      throw unreadable(path, e);
    }
    if (stat.kind === "unsupported") throw unsupported(path, stat.type);
    kind = stat.kind;
  }
  switch (kind) {
    case "file": {
      // Opened even when empty, as Nix does, so an unreadable empty file fails the same way.
      let file: TreeFile;
      let stat: TreeStat;
      try {
        file = reader.openFile(path);
      } catch (e) {
        if (listed) return open(path, reader);
        throw unreadable(path, e);
      }
      try {
        stat = file.stat();
      } catch (e) {
        file.close();
        throw unreadable(path, e);
      }
      if (stat.kind !== "file") {
        file.close();
        if (listed) return open(path, reader);
        const now = stat.kind === "unsupported" ? stat.type : stat.kind;
        throw changed(path, `it was replaced by a ${now} while being read`);
      }
      return { kind: "file", file, size: stat.size, executable: stat.executable };
    }
    case "symlink":
      try {
        return { kind: "symlink", target: reader.readlink(path) };
      } catch (e) {
        if (listed) return open(path, reader);
        throw unreadable(path, e);
      }
    case "directory":
      try {
        return { kind: "directory", entries: reader.readdir(path).sort(byName) };
      } catch (e) {
        if (listed) return open(path, reader);
        throw unreadable(path, e);
      }
    default:
      // Listed as a socket, fifo or device: lstat it for an exact message.
      return open(path, reader);
  }
}

/** Reads exactly `length` bytes of `file` into the current chunk, which has room for them. */
function readExactly(path: Buffer, file: TreeFile, length: number, out: NarBuffer): void {
  const end = out.pos + length;
  while (out.pos < end) {
    let n: number;
    try {
      n = file.read(out.buf, out.pos, end - out.pos);
    } catch (e) {
      throw unreadable(path, e);
    }
    // Nix reads exactly the stat size too: a file that grows meanwhile is cut there.
    if (n === 0) throw changed(path, "it shrank while being read");
    out.pos += n;
  }
}

/** Writes a symlink, or a file that fits in the current chunk, then closes the node. */
function writeSmall(path: Buffer, node: Opened, out: NarBuffer): void {
  if (node.kind === "symlink") {
    out.bytes(SYMLINK);
    out.string(node.target);
  } else if (node.kind === "file") {
    try {
      out.bytes(node.executable ? EXECUTABLE : REGULAR);
      out.u64(node.size);
      out.reserve(node.size);
      readExactly(path, node.file, node.size, out);
    } finally {
      node.file.close();
    }
    out.pad(node.size);
  }
  out.bytes(CLOSE);
}

const isSmall = (node: Opened, out: NarBuffer): boolean =>
  node.kind === "symlink" || (node.kind === "file" && node.size <= out.free);

/**
 * Writes a node. Only directories and files larger than the room left in the current chunk go
 * through a generator; a small file or a symlink is written by plain calls (a generator per
 * node costs more than reading a small file, before the JIT has warmed up).
 */
function* dumpOpened(
  path: Buffer,
  node: Opened,
  reader: TreeReader,
  out: NarBuffer,
): Generator<Buffer, void, undefined> {
  if (isSmall(node, out)) return writeSmall(path, node, out);
  if (node.kind === "file") {
    const { file, size } = node;
    try {
      out.bytes(node.executable ? EXECUTABLE : REGULAR);
      out.u64(size);
      for (let left = size; left > 0; ) {
        if (out.buf.length - out.pos < MIN_READ) yield out.take();
        const n = Math.min(left, out.buf.length - out.pos);
        readExactly(path, file, n, out);
        left -= n;
      }
    } finally {
      file.close();
    }
    out.pad(size);
  } else if (node.kind === "directory") {
    out.bytes(DIRECTORY);
    for (const entry of node.entries) {
      if (out.full) yield out.take();
      out.bytes(ENTRY);
      out.string(entry.name);
      out.bytes(NODE);
      const childPath = Buffer.concat([path, SLASH, entry.name]);
      const child = open(childPath, reader, entry.kind);
      if (isSmall(child, out)) writeSmall(childPath, child, out);
      else yield* dumpOpened(childPath, child, reader, out);
      out.bytes(CLOSE);
    }
  }
  out.bytes(CLOSE);
}

/**
 * The NAR serialisation of the file, symlink or directory at `path`, byte for byte what
 * `nix-store --dump path` writes, as a stream of chunks (each a fresh Buffer the caller may keep).
 * Nothing is read before the first chunk is asked for; stopping early closes any open file.
 *
 * @example
 * const fd = openSync("tree.nar", "w");
 * for (const chunk of dumpNar("/srv/tree")) writeSync(fd, chunk);
 */
export function* dumpNar(
  path: NarPath,
  reader: TreeReader = realTreeReader,
  opts: {
    /**
     * Every chunk is consumed before the next is asked for (hashed, scanned) and not kept: the
     * dump then reuses one buffer for all of them, and the next dump reuses it again.
     */
    transient?: boolean;
  } = {},
): Generator<Buffer, void, undefined> {
  const out = new NarBuffer(opts.transient === true);
  try {
    out.bytes(MAGIC);
    const root = toPathBuffer(path);
    yield* dumpOpened(root, open(root, reader), reader, out);
    yield out.take();
  } finally {
    out.release();
  }
}

/**
 * The SHA-256 of the NAR of `path` and the NAR's length, computed while streaming (the NAR is
 * never held in memory).
 *
 * @example
 * // hello.txt holds "hi\n"
 * narDigest("hello.txt"); // { hash: "sha256-EFUdrtf6Rn0LWIJufrmg8q99aT3jGfLvd1//zaJEufY=", digest, narSize: 120 }
 */
export function narDigest(path: NarPath, reader: TreeReader = realTreeReader): NarDigest {
  const sha = createHash("sha256");
  let narSize = 0;
  for (const chunk of dumpNar(path, reader)) {
    sha.update(chunk);
    narSize += chunk.length;
  }
  const digest = sha.digest();
  return { hash: sha256Sri(digest), digest, narSize };
}

/**
 * The NAR hash of `path` in SRI form, the value `nix hash path` prints and flake lock files keep.
 *
 * @example
 * narHash("hello.txt"); // "sha256-EFUdrtf6Rn0LWIJufrmg8q99aT3jGfLvd1//zaJEufY=" for a file holding "hi\n"
 */
export function narHash(path: NarPath, reader: TreeReader = realTreeReader): string {
  return narDigest(path, reader).hash;
}

/**
 * A SHA-256 digest in SRI form.
 *
 * @example
 * sha256Sri(createHash("sha256").update("").digest()); // "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
 */
export function sha256Sri(digest: Uint8Array): string {
  return `sha256-${Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength).toString("base64")}`;
}

/**
 * A tree as its NAR bytes: the inverse of `parseNar`, for trees that exist only in memory.
 *
 * @example
 * encodeNar({ kind: "symlink", target: Buffer.from("/etc") }).length; // 120
 */
export function encodeNar(node: NarNode): Buffer {
  // Grown as needed: most trees encoded in memory are small.
  const out = new NarBuffer(false, 4096);
  out.bytes(MAGIC);
  const encode = (n: NarNode): void => {
    switch (n.kind) {
      case "file":
        out.bytes(n.executable ? EXECUTABLE : REGULAR);
        out.string(n.contents);
        break;
      case "symlink":
        out.bytes(SYMLINK);
        out.string(n.target);
        break;
      case "directory":
        out.bytes(DIRECTORY);
        for (const entry of n.entries) {
          out.bytes(ENTRY);
          out.string(entry.name);
          out.bytes(NODE);
          encode(entry.node);
          out.bytes(CLOSE);
        }
        break;
    }
    out.bytes(CLOSE);
  };
  encode(node);
  return out.buf.subarray(0, out.pos);
}

const WORD = {
  magic: Buffer.from("nix-archive-1"),
  open: Buffer.from("("),
  close: Buffer.from(")"),
  type: Buffer.from("type"),
  regular: Buffer.from("regular"),
  symlink: Buffer.from("symlink"),
  directory: Buffer.from("directory"),
  executable: Buffer.from("executable"),
  empty: Buffer.alloc(0),
  contents: Buffer.from("contents"),
  target: Buffer.from("target"),
  entry: Buffer.from("entry"),
  name: Buffer.from("name"),
  node: Buffer.from("node"),
};

/** Reads a NAR strictly: exactly the canonical form Nix writes, anything else is an error. */
class NarParser {
  readonly #bytes: Buffer;
  #pos = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(what: string, at = this.#pos): never {
    throw new StoreError("E_NAR_MALFORMED", `not a valid NAR: ${what} at byte ${at}`);
  }

  string(): Buffer {
    const bytes = this.#bytes;
    const start = this.#pos;
    if (bytes.length - start < 8) this.fail("unexpected end of input");
    const low = bytes.readUInt32LE(start);
    const high = bytes.readUInt32LE(start + 4);
    const length = high * 0x1_0000_0000 + low;
    const padded = length + ((8 - (length % 8)) % 8);
    if (padded > bytes.length - start - 8) this.fail(`string of ${length} bytes runs past the end`);
    const end = start + 8 + length;
    for (let i = end; i < start + 8 + padded; i++) {
      if (bytes[i] !== 0) this.fail("non-zero padding", i);
    }
    this.#pos = start + 8 + padded;
    return bytes.subarray(start + 8, end);
  }

  expect(word: Buffer): void {
    const at = this.#pos;
    if (!this.string().equals(word)) this.fail(`expected "${word.toString("latin1")}"`, at);
  }

  node(depth: number): NarNode {
    if (depth > MAX_DEPTH) this.fail(`directories nested more than ${MAX_DEPTH} deep`);
    this.expect(WORD.open);
    this.expect(WORD.type);
    const at = this.#pos;
    const type = this.string();
    if (type.equals(WORD.regular)) {
      let executable = false;
      let tagAt = this.#pos;
      let tag = this.string();
      if (tag.equals(WORD.executable)) {
        this.expect(WORD.empty);
        executable = true;
        tagAt = this.#pos;
        tag = this.string();
      }
      if (!tag.equals(WORD.contents)) this.fail('expected "contents"', tagAt);
      const contents = this.string();
      this.expect(WORD.close);
      return { kind: "file", executable, contents };
    }
    if (type.equals(WORD.symlink)) {
      this.expect(WORD.target);
      const target = this.string();
      this.expect(WORD.close);
      return { kind: "symlink", target };
    }
    if (!type.equals(WORD.directory)) this.fail(`unknown node type "${printable(type)}"`, at);
    const entries: NarEntry[] = [];
    for (;;) {
      const tagAt = this.#pos;
      const tag = this.string();
      if (tag.equals(WORD.close)) return { kind: "directory", entries };
      if (!tag.equals(WORD.entry)) this.fail('expected "entry" or ")"', tagAt);
      this.expect(WORD.open);
      this.expect(WORD.name);
      const nameAt = this.#pos;
      const name = this.string();
      if (
        name.length === 0 ||
        name.includes(0x2f) ||
        name.includes(0) ||
        (name[0] === 0x2e && (name.length === 1 || (name.length === 2 && name[1] === 0x2e)))
      ) {
        this.fail(`invalid file name "${printable(name)}"`, nameAt);
      }
      const previous = entries.at(-1);
      if (previous && Buffer.compare(previous.name, name) >= 0) {
        this.fail(`entry "${printable(name)}" is duplicated or out of order`, nameAt);
      }
      this.expect(WORD.node);
      entries.push({ name, node: this.node(depth + 1) });
      this.expect(WORD.close);
    }
  }

  parse(): NarNode {
    this.expect(WORD.magic);
    const root = this.node(0);
    if (this.#pos !== this.#bytes.length) this.fail("trailing data after the archive");
    return root;
  }
}

/**
 * Parses NAR bytes into a tree, accepting exactly what Nix writes: magic, canonical field order,
 * zero padding, entries sorted by name bytes with valid names, nothing after the end. Contents,
 * targets and names in the result are views into `bytes` (no copies).
 *
 * @example
 * const root = parseNar(Buffer.concat([...dumpNar("/srv/tree")]));
 * if (root.kind === "directory") for (const e of root.entries) console.log(e.name.toString());
 */
export function parseNar(bytes: Uint8Array): NarNode {
  return new NarParser(bytes).parse();
}

const BASE32_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz"; // no e, o, t, u (Nix's choice)

/**
 * Bytes in Nix's base32 (its own alphabet, least significant bits first, as in store path
 * hashes and `nix-hash --to-base32`).
 *
 * @example
 * nixBase32Encode(createHash("sha256").update("").digest());
 * // "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73", as `nix-hash --to-base32` prints it
 */
export function nixBase32Encode(bytes: Uint8Array): string {
  const length = Math.ceil((bytes.length * 8) / 5);
  let out = "";
  for (let n = length - 1; n >= 0; n--) {
    const b = n * 5;
    const i = b >> 3;
    const j = b & 7;
    const c = (bytes[i] >> j) | (i + 1 < bytes.length ? bytes[i + 1] << (8 - j) : 0);
    out += BASE32_ALPHABET[c & 0x1f];
  }
  return out;
}

/**
 * Nix base32 back to bytes; throws a StoreError (`E_BASE32`) for a foreign character, a length
 * no byte count encodes to, or bits set beyond the last byte.
 *
 * @example
 * nixBase32Decode("0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73").length; // 32
 */
export function nixBase32Decode(text: string): Buffer {
  const size = Math.floor((text.length * 5) / 8);
  if (Math.ceil((size * 8) / 5) !== text.length) {
    throw new StoreError(
      "E_BASE32",
      `invalid Nix base32 '${text}': no byte string has length ${text.length}`,
    );
  }
  const out = Buffer.alloc(size);
  for (let n = 0; n < text.length; n++) {
    const digit = BASE32_ALPHABET.indexOf(text[text.length - n - 1]);
    if (digit < 0) {
      throw new StoreError(
        "E_BASE32",
        `invalid Nix base32 '${text}': '${text[text.length - n - 1]}' is not in the alphabet ${BASE32_ALPHABET}`,
      );
    }
    const b = n * 5;
    const i = b >> 3;
    const j = b & 7;
    out[i] |= (digit << j) & 0xff;
    const carry = digit >> (8 - j);
    if (i + 1 < size) out[i + 1] |= carry;
    else if (carry !== 0) {
      throw new StoreError("E_BASE32", `invalid Nix base32 '${text}': bits set past the last byte`);
    }
  }
  return out;
}
