/**
 * A booted systemd container for tests (systemd-nspawn --boot on a Debian template), as
 * ../shared/RIGS.md describes: the template is made once with debootstrap and cached; each
 * container boots with a volatile overlay (the template stays pristine) and no network, and
 * commands run inside it through nsenter. Needs root, debootstrap and systemd-nspawn;
 * `containerSkip()` says why a test cannot run here.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

const CACHE = process.env.CONFED_TEST_CACHE ?? "/var/cache/confed-test";
const TEMPLATE = join(CACHE, "bookworm");
const PACKAGES = "systemd-sysv,dbus,libpam-systemd";

const has = (cmd: string) =>
  spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;

/** The Debian mirror apt uses here (the template comes from it). */
function mirror(): string {
  for (const f of ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]) {
    if (!existsSync(f)) continue;
    const m = /(?:URIs:\s*|deb\s+(?:\[[^\]]*\]\s+)?)(https?:\/\/\S+\/debian)\b/.exec(
      readFileSync(f, "utf8"),
    );
    if (m) return m[1];
  }
  return "http://deb.debian.org/debian";
}

let templateProblem: string | null | undefined;

/** Why containers cannot run here, or null when they can (builds the template if needed). */
export function containerSkip(): string | false {
  if (templateProblem === undefined) templateProblem = prepare();
  return templateProblem ?? false;
}

function prepare(): string | null {
  if (process.getuid?.() !== 0) return "needs root (systemd-nspawn)";
  for (const t of ["debootstrap", "systemd-nspawn", "nsenter"])
    if (!has(t)) return `needs ${t} (apt: debootstrap systemd-container util-linux)`;
  if (existsSync(join(TEMPLATE, "usr/lib/systemd/systemd"))) return null;
  // Leftovers of an interrupted debootstrap are removed; this run makes its own.
  mkdirSync(CACHE, { recursive: true });
  for (const name of readdirSync(CACHE))
    if (name.startsWith(`${TEMPLATE.slice(CACHE.length + 1)}.tmp-`))
      rmSync(join(CACHE, name), { recursive: true, force: true });
  const tmp = `${TEMPLATE}.tmp-${process.pid}`;
  const r = spawnSync(
    "debootstrap",
    ["--variant=minbase", `--include=${PACKAGES}`, "bookworm", tmp, mirror()],
    { encoding: "utf8", timeout: 600_000 },
  );
  if (r.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    return `could not make a Debian template with debootstrap: ${(r.stderr || r.stdout || String(r.error)).trim().split("\n").slice(-2).join(" ")}`;
  }
  renameSync(tmp, TEMPLATE);
  return null;
}

/** The template's root directory (a Debian with systemd), once `containerSkip()` is false. */
export const CONTAINER_TEMPLATE = TEMPLATE;

/** A running container. */
export interface Container {
  /** Runs a shell command inside (as root, a clean environment); never throws for exit codes. */
  sh(script: string, opts?: { user?: string }): { code: number | null; out: string; err: string };
  /** Powers it off and waits for nspawn to exit. */
  stop(): Promise<void>;
  /** True once nspawn has exited (after a reboot or poweroff inside), false after `ms`. */
  exited(ms: number): Promise<boolean>;
  /** Kills it at once (its init, so nothing is orphaned, then nspawn). */
  kill(): Promise<void>;
}

/**
 * Boots a container; `binds` are host paths visible inside, read-only (`path`, or
 * `host:inside`). By default it is a throwaway overlay of the template; `root` boots that
 * directory as it is instead, so what the container writes survives a reboot.
 *
 * @example
 * const c = await bootContainer({ binds: ["/usr/bin/node", repoRoot] });
 * c.sh("systemctl is-system-running");
 */
export async function bootContainer(
  opts: { binds?: string[]; root?: string } = {},
): Promise<Container> {
  const why = containerSkip();
  if (why) throw new Error(why);
  const args = [
    "-D",
    opts.root ?? TEMPLATE,
    "--register=no",
    "--keep-unit",
    "--boot",
    ...(opts.root ? [] : ["--volatile=overlay"]),
    "--console=passive",
    "--private-network",
    ...(opts.binds ?? []).map((b) => `--bind-ro=${b}`),
  ];
  const child: ChildProcess = spawn("systemd-nspawn", args, { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const leader = await waitFor(() => {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error("systemd-nspawn exited before the container booted");
    const kids = spawnSync("pgrep", ["-P", String(child.pid)], { encoding: "utf8" }).stdout;
    for (const pid of kids.split("\n").filter(Boolean)) {
      let comm = "";
      try {
        comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      } catch {
        // nspawn's short-lived helper, gone already
      }
      if (comm === "systemd") return pid;
    }
    return undefined;
  }, 20_000).catch(async (e) => {
    // A container that never booted is not left running.
    child.kill("SIGKILL");
    await exited;
    throw e;
  });
  const sh: Container["sh"] = (script, o = {}) => {
    const inner = o.user
      ? [
          "runuser",
          "-u",
          o.user,
          "--",
          "sh",
          "-c",
          `export XDG_RUNTIME_DIR=/run/user/$(id -u); ${script}`,
        ]
      : ["sh", "-c", script];
    const r = spawnSync(
      "nsenter",
      ["-t", leader, "-m", "-u", "-i", "-n", "-p", "-C", "env", "-i", ...baseEnv(o.user), ...inner],
      { encoding: "utf8", timeout: 120_000 },
    );
    return { code: r.status, out: r.stdout ?? "", err: r.stderr ?? "" };
  };
  // The manager's bus appears a moment after its process.
  let boot = sh("systemctl is-system-running --wait");
  for (let i = 0; i < 200 && !/running|degraded/.test(boot.out); i++) {
    await new Promise((r) => setTimeout(r, 50));
    boot = sh("systemctl is-system-running --wait");
  }
  if (!/running|degraded/.test(boot.out)) {
    child.kill("SIGKILL");
    await exited;
    throw new Error(`the container did not boot: ${boot.out}${boot.err}`);
  }
  return {
    sh,
    async stop() {
      sh("systemctl poweroff --no-block");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      removeEmptyCgroups();
    },
    exited: (ms) =>
      new Promise<boolean>((resolve) => {
        const t = setTimeout(() => resolve(false), ms);
        void exited.then(() => {
          clearTimeout(t);
          resolve(true);
        });
      }),
    async kill() {
      // Killing nspawn alone would orphan the container: its init first (the whole PID
      // namespace goes with it), while nspawn runs (so the pid is still that init's).
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(Number(leader), "SIGKILL");
        } catch {
          // gone already
        }
        child.kill("SIGKILL");
      }
      await exited;
      removeEmptyCgroups();
    },
  };
}

/**
 * nspawn leaves its payload/supervisor cgroups behind (RIGS.md): the empty ones go, deepest
 * first; one still in use (another container) is not empty and stays.
 */
function removeEmptyCgroups(): void {
  spawnSync("sh", [
    "-c",
    "for h in unified systemd; do for c in payload supervisor; do " +
      "[ -d /sys/fs/cgroup/$h/$c ] && find /sys/fs/cgroup/$h/$c -depth -type d -exec rmdir {} + 2>/dev/null; " +
      "done; done; true",
  ]);
}

function baseEnv(user?: string): string[] {
  const env = ["PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin", "LANG=C.UTF-8"];
  if (user) env.push(`USER=${user}`, `HOME=/home/${user}`);
  return env;
}

async function waitFor<T>(probe: () => T | undefined, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out waiting for the container");
    await new Promise((r) => setTimeout(r, 50));
  }
}
