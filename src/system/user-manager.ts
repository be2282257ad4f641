/**
 * Whether a systemd user manager runs for the current user (so `systemctl --user` can start
 * units): asked of the manager itself, with a short timeout. False without systemd, without
 * a session or lingering, and when `systemctl` is missing.
 */
import { spawnSync } from "node:child_process";

const UP = new Set(["running", "degraded", "starting", "initializing", "maintenance"]);

/**
 * @example
 * if (userManagerRunning()) spawnSync("systemctl", ["--user", "daemon-reload"]);
 */
export function userManagerRunning(env: NodeJS.ProcessEnv = process.env): boolean {
  const r = spawnSync("systemctl", ["--user", "is-system-running"], {
    env,
    encoding: "utf8",
    timeout: 5000,
  });
  return r.error === undefined && UP.has((r.stdout ?? "").trim());
}
