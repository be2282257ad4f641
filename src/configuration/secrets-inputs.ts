/**
 * A configuration's `secrets.*` as a generation needs them: each secret's ciphertext copied into
 * `<generation>/secrets/<name>.age`, and the manifest's `secrets` section (paths, modes, units,
 * templates cut at their placeholders). Ciphertext is safe in the store; plaintext never gets
 * here — evaluation never sees it.
 */
import type { SecretsSection, SecretTarget, TemplateEntry } from "../manifest/index.ts";
import { secretNames } from "../modules/index.ts";
import type { Store } from "../store/index.ts";

/** One secret or template as the build reads it from the config. */
interface TargetInputs extends SecretTarget {
  name: string;
}

/** What a generation is built from. */
export interface SecretsInputs {
  dir: string;
  identityPaths: string[];
  files: (TargetInputs & { file: string; neededForUsers?: boolean })[];
  templates: (TargetInputs & { parts: TemplateEntry["parts"] })[];
}

const PLACEHOLDER = /<confed-secret:([^>]*)>/g;

/** A template's text cut at its placeholders. */
export function templateParts(content: string): TemplateEntry["parts"] {
  const parts: TemplateEntry["parts"] = [];
  let last = 0;
  for (const m of content.matchAll(PLACEHOLDER)) {
    if (m.index > last) parts.push(content.slice(last, m.index));
    parts.push({ secret: m[1] });
    last = m.index + m[0].length;
  }
  if (last < content.length) parts.push(content.slice(last));
  return parts;
}

function target(s: any): TargetInputs {
  return {
    name: s.name,
    path: s.path,
    mode: s.mode.length === 3 ? `0${s.mode}` : s.mode,
    ...(s.owner !== null && { owner: s.owner }),
    ...(s.group !== null && { group: s.group }),
    symlink: s.symlink,
    restartUnits: [...s.restartUnits],
    reloadUnits: [...s.reloadUnits],
  };
}

/**
 * The secrets of an evaluated machine or home; undefined when it has none (then `secrets.dir`,
 * and with it `home.uid`, is never read).
 *
 * @example
 * const s = secretsInputs(config); // { dir: "/run/user/1000/confed/secrets", files: [...], … }
 */
export function secretsInputs(config: any): SecretsInputs | undefined {
  const secrets = config.secrets;
  if (secrets === undefined) return undefined;
  const names = secretNames(secrets);
  const templates = Object.keys(secrets.templates).sort();
  if (names.length === 0 && templates.length === 0) return undefined;
  return {
    dir: secrets.dir,
    identityPaths: [...secrets.identityPaths],
    files: names.map((n) => ({
      ...target(secrets[n]),
      file: secrets[n].file,
      ...("neededForUsers" in secrets[n] && secrets[n].neededForUsers && { neededForUsers: true }),
    })),
    templates: templates.map((n) => ({
      ...target(secrets.templates[n]),
      parts: templateParts(secrets.templates[n].content),
    })),
  };
}

/**
 * Copies the ciphertexts into the generation being built (`out`, which will be `final`) and
 * returns the manifest section.
 */
export function buildSecrets(
  fs: Store["fs"],
  out: string,
  final: string,
  s: SecretsInputs,
  ciphertexts: ReadonlyMap<string, Uint8Array>,
): SecretsSection {
  fs.mkdir(`${out}/secrets`, 0o755);
  const section: SecretsSection = {
    dir: s.dir,
    identityPaths: s.identityPaths,
    files: {},
    templates: {},
  };
  for (const { name, file: _, ...f } of s.files) {
    fs.writeFile(`${out}/secrets/${name}.age`, ciphertexts.get(name)!, 0o444);
    section.files[name] = { ...f, source: `${final}/secrets/${name}.age` };
  }
  for (const { name, ...t } of s.templates) section.templates[name] = t;
  return section;
}
