/**
 * Asking for a passphrase on the controlling terminal (/dev/tty), like ssh and age do: it works
 * while stdin and stdout carry data (`confed secret decrypt < file > out`), echo is off, and a
 * process without a terminal (CI, activation, a service) gets no prompt at all.
 */
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readSync, writeSync } from "node:fs";

/** A terminal to ask on. */
export interface TtyPrompter {
  /**
   * Shows `prompt` and reads a line without echoing it. Returns undefined when the user
   * cancels (Ctrl-C, or Ctrl-D on an empty line).
   */
  askHidden(prompt: string): string | undefined;
  close(): void;
}

/**
 * Opens the controlling terminal, or returns undefined when the process has none.
 *
 * @example
 * const tty = openTty();
 * const passphrase = tty?.askHidden("Enter passphrase for ~/.ssh/id_ed25519: ");
 */
export function openTty(): TtyPrompter | undefined {
  let fd: number;
  try {
    fd = openSync("/dev/tty", "r+");
  } catch {
    return undefined;
  }
  return {
    askHidden: (prompt) => askHidden(fd, prompt),
    close: () => closeSync(fd),
  };
}

function stty(fd: number, args: string[]): string | undefined {
  const r = spawnSync("stty", args, { stdio: [fd, "pipe", "pipe"], encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Reads one line with echo and signals off (raw enough to see Ctrl-C as a byte: a signal
 * could not be handled while this synchronous read blocks, and would leave echo off), then
 * restores the terminal exactly as it was.
 */
function askHidden(fd: number, prompt: string): string | undefined {
  const saved = stty(fd, ["-g"]);
  if (
    saved === undefined ||
    stty(fd, ["-echo", "-icanon", "-isig", "min", "1", "time", "0"]) === undefined
  ) {
    throw new Error("cannot turn off echo on the terminal (is `stty` installed?)");
  }
  const bytes: number[] = [];
  const one = Buffer.alloc(1);
  try {
    writeSync(fd, prompt);
    for (;;) {
      if (readSync(fd, one, 0, 1, null) === 0) return undefined;
      const c = one[0];
      if (c === 0x03 || (c === 0x04 && bytes.length === 0)) return undefined;
      if (c === 0x0a || c === 0x0d) break;
      if (c === 0x7f || c === 0x08) {
        // Remove one character: its UTF-8 continuation bytes, then its first byte.
        while (bytes.length > 0 && ((bytes.pop() as number) & 0xc0) === 0x80);
      } else if (c === 0x15) {
        bytes.length = 0; // Ctrl-U clears the line
      } else {
        bytes.push(c);
      }
    }
    return Buffer.from(bytes).toString("utf8");
  } finally {
    bytes.fill(0);
    stty(fd, [saved]);
    writeSync(fd, "\n");
  }
}
