/**
 * A `System` wrapper for crash tests: it counts mutating calls and, at the k-th one, "loses
 * power": the call is not performed, `Crash` is thrown, and every later call (reads included)
 * throws `Crash` too, because a process that has stopped does nothing more — no clean-up, no
 * roll-back. The next run uses a fresh System over the same tree, as a restarted machine would.
 *
 * This models kill -9 (everything a completed call did is kept). It does not model a page
 * cache losing unsynced data.
 */
import type { FileInfo, MutatingMethod, System } from "./system.ts";

/**
 * Thrown by `FaultySystem` at the simulated crash. Not a ConfedError: nothing should handle it.
 *
 * @example
 * assert.throws(() => applyPlan(new FaultySystem(sys, { crashAt: 3 }), plan), Crash);
 */
export class Crash extends Error {
  constructor(readonly call: number) {
    super(`simulated crash at mutating call ${call}`);
  }
}

/**
 * Counts mutating calls (`calls`, `log`) and crashes at call number `crashAt` (1-based; never
 * when omitted). Without `crashAt` it is a plain counter, used to assert that a no-op switch
 * makes zero mutating calls.
 *
 * @example
 * const sys = new FaultySystem(memory, { crashAt: 5 });
 * try { applyPlan(sys, plan, opts) } catch (e) { if (!(e instanceof Crash)) throw e }
 * recover(memory, opts); // the next run, on the same tree
 */
export class FaultySystem implements System {
  /** Mutating calls attempted so far (the crashing one included). */
  calls = 0;
  /** The mutating calls, as `method path…`, for test failure messages. */
  readonly log: string[] = [];
  /** True once the simulated crash happened. */
  crashed = false;
  private readonly crashAt: number | undefined;

  constructor(
    private readonly inner: System,
    options: { crashAt?: number } = {},
  ) {
    this.crashAt = options.crashAt;
  }

  private read<T>(f: () => T): T {
    if (this.crashed) throw new Crash(this.calls);
    return f();
  }

  private mutate(method: MutatingMethod, args: unknown[], f: () => void): void {
    if (this.crashed) throw new Crash(this.calls);
    this.calls++;
    this.log.push(`${method} ${args.map(String).join(" ")}`);
    if (this.crashAt !== undefined && this.calls >= this.crashAt) {
      this.crashed = true;
      throw new Crash(this.calls);
    }
    f();
  }

  lstatOrNull(path: string): FileInfo | null {
    return this.read(() => this.inner.lstatOrNull(path));
  }
  readlinkOrNull(path: string): string | null {
    return this.read(() => this.inner.readlinkOrNull(path));
  }
  readlink(path: string): string {
    return this.read(() => this.inner.readlink(path));
  }
  readFile(path: string): Uint8Array {
    return this.read(() => this.inner.readFile(path));
  }
  readdir(path: string): string[] {
    return this.read(() => this.inner.readdir(path));
  }
  sha256(path: string): string {
    return this.read(() => this.inner.sha256(path));
  }
  now(): number {
    return this.read(() => this.inner.now());
  }
  pid(): number {
    return this.read(() => this.inner.pid());
  }
  processAlive(pid: number): boolean {
    return this.read(() => this.inner.processAlive(pid));
  }

  fileSystemType(path: string): string {
    return this.read(() => this.inner.fileSystemType(path));
  }
  ownerOf(path: string): { uid: number; gid: number } {
    return this.read(() => this.inner.ownerOf(path));
  }
  euid(): number {
    return this.read(() => this.inner.euid());
  }

  mkdir(path: string, mode?: number): void {
    this.mutate("mkdir", [path], () => this.inner.mkdir(path, mode));
  }
  symlink(target: string, path: string): void {
    this.mutate("symlink", [target, path], () => this.inner.symlink(target, path));
  }
  rename(from: string, to: string): void {
    this.mutate("rename", [from, to], () => this.inner.rename(from, to));
  }
  unlink(path: string): void {
    this.mutate("unlink", [path], () => this.inner.unlink(path));
  }
  rmdir(path: string): void {
    this.mutate("rmdir", [path], () => this.inner.rmdir(path));
  }
  writeFileExclusive(path: string, data: Uint8Array | string, mode?: number): void {
    this.mutate("writeFileExclusive", [path], () =>
      this.inner.writeFileExclusive(path, data, mode),
    );
  }
  appendFile(path: string, data: Uint8Array | string): void {
    this.mutate("appendFile", [path], () => this.inner.appendFile(path, data));
  }
  chmod(path: string, mode: number): void {
    this.mutate("chmod", [path, mode.toString(8)], () => this.inner.chmod(path, mode));
  }
  mountRamfs(path: string, mode: number): void {
    this.mutate("mountRamfs", [path, mode], () => this.inner.mountRamfs(path, mode));
  }
  chown(path: string, uid: number, gid: number): void {
    this.mutate("chown", [path, uid, gid], () => this.inner.chown(path, uid, gid));
  }
  fsyncFile(path: string): void {
    this.mutate("fsyncFile", [path], () => this.inner.fsyncFile(path));
  }
  fsyncDir(path: string): void {
    this.mutate("fsyncDir", [path], () => this.inner.fsyncDir(path));
  }
}
