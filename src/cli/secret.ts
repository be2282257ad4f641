/**
 * `confed secret …`: edit, rekey and check the repository's age secrets (secrets.ts says who
 * may read each file), encrypt and decrypt like the age CLI, and print recipients of keys.
 */
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  AgeError,
  decrypt,
  encrypt,
  type Identity,
  parseRecipient,
  parseRecipients,
  type Recipient,
  scryptIdentity,
  scryptRecipient,
} from "../secrets/age/index.ts";
import {
  check,
  editSecret,
  encryptFile,
  generateHomeIdentity,
  loadIdentities,
  parseRules,
  type Rules,
  readIdentityFile,
  recipientFromString,
  recipientsFromKeyFile,
  rekey,
  SecretsError,
  sshKeyRecipients,
  sshPublicKeyPaths,
} from "../secrets/index.ts";
import { exists } from "../system/fs.ts";
import { realSecretFiles } from "../system/secret-files.ts";
import { openTty, type TtyPrompter } from "../system/tty-prompt.ts";
import { parseFlakeRef } from "./flake-arg.ts";
import { colors, EXIT_OK, EXIT_USER, type Out } from "./output.ts";

export const USAGE = `Usage: confed secret <verb> …

  edit FILE                 decrypt FILE into a private RAM directory, open $VISUAL/$EDITOR,
                            and re-encrypt it for its readers in secrets.ts if it changed
      -i, --identity PATH   a key to decrypt with (repeatable; also $CONFED_IDENTITY)
      --insecure-tmpdir     allow a directory on disk when there is no tmpfs
  rekey [FILE…]             re-encrypt files whose readers in secrets.ts changed
      -i, --identity PATH   a key to decrypt with (repeatable)
      --force               re-encrypt even files that are up to date
  check                     every listed file exists, decrypts here and matches secrets.ts
                            and secrets/.recipients.lock; no .age file is unlisted
      -i, --identity PATH   a key to decrypt with (repeatable)
      --no-decrypt          skip the decryption test (for machines without keys)
  encrypt [INPUT]           like \`age -e\`: -r RECIPIENT, -R PATH, -i PATH, -p, -a, -o OUTPUT;
                            without recipients, -o names a file listed in secrets.ts
  decrypt [INPUT]           like \`age -d\`: -i PATH (default: your usual keys), -o OUTPUT
  keygen                    print your ssh key's recipient (~/.ssh/id_ed25519.pub, id_rsa.pub)
      --host [--root DIR]   print this host's (/etc/ssh/ssh_host_*_key.pub)
      --home [-o PATH]      write a new age identity for unattended home activation
                            (default $XDG_CONFIG_HOME/confed/identity.txt) and print its recipient
  recipient KEY             print the recipient of a public or private key file (or string)
`;

/** Global options the verbs use. */
export interface SecretCliOptions {
  flake?: string;
  json?: boolean;
}

/**
 * Runs `confed secret ARGS…` and returns the exit code; user errors are thrown as
 * ConfedErrors for the caller to print.
 *
 * @example
 * process.exitCode = await run(["check"], { flake: "." }, makeOut({}));
 */
export async function run(args: string[], opts: SecretCliOptions, out: Out): Promise<number> {
  const [verb, ...rest] = args;
  if (rest.includes("-h") || rest.includes("--help")) {
    out.stdout(USAGE);
    return EXIT_OK;
  }
  const ctx = new Context(opts, out);
  try {
    switch (verb) {
      case "edit":
        return await editVerb(rest, ctx);
      case "rekey":
        return await rekeyVerb(rest, ctx);
      case "check":
        return await checkVerb(rest, ctx);
      case "encrypt":
        return await cryptVerb(rest, ctx, "encrypt");
      case "decrypt":
        return await cryptVerb(rest, ctx, "decrypt");
      case "keygen":
        return keygenVerb(rest, ctx);
      case "recipient":
        return recipientVerb(rest, ctx);
      case undefined:
        out.stderr(USAGE);
        return EXIT_USER;
      case "help":
      case "--help":
      case "-h":
        out.stdout(USAGE);
        return EXIT_OK;
      default:
        throw usage(
          `unknown verb \`${verb}' (edit, rekey, check, encrypt, decrypt, keygen, recipient)`,
        );
    }
  } finally {
    ctx.close();
  }
}

/** What every verb shares: output, the terminal to prompt on, the environment. */
class Context {
  readonly env = process.env;
  #tty: TtyPrompter | undefined | null = null;

  constructor(
    readonly opts: SecretCliOptions,
    readonly out: Out,
  ) {}

  get json(): boolean {
    return Boolean(this.opts.json || this.out.json);
  }

  /** The passphrase prompt, or undefined when there is no terminal (never prompt then). */
  get askPassphrase(): ((what: string) => string | undefined) | undefined {
    if (this.#tty === null) this.#tty = openTty();
    const tty = this.#tty;
    if (!tty) return undefined;
    return (what) => tty.askHidden(`Enter passphrase for ${what}: `);
  }

  warn = (message: string) => this.out.stderr(`${colors.yellow("warning:")} ${message}`);

  identities(explicit: readonly string[] | undefined, defaults = true): Identity[] {
    return loadIdentities({
      env: this.env,
      explicit: explicit?.map((p) => resolve(p)),
      defaults,
      askPassphrase: this.askPassphrase,
      warn: this.warn,
    }).identities;
  }

  data(value: unknown): void {
    this.out.stdout(JSON.stringify(value, null, 2));
  }

  close(): void {
    this.#tty?.close();
  }
}

async function openRepo(ctx: Context): Promise<{ root: string; rules: Rules }> {
  const root = parseFlakeRef(ctx.opts.flake).dir;
  const path = join(root, "secrets.ts");
  if (!exists(path)) {
    throw new SecretsError(
      "E_SECRET_RULES",
      `there is no secrets.ts in ${root}. Create one saying who may read each file, e.g.\n` +
        `  import { defineSecrets } from "confed";\n` +
        `  const users = { me: "ssh-ed25519 AAAA… me@laptop" };\n` +
        `  export default defineSecrets({ "secrets/ssh.age": { publicKeys: [users.me] } });`,
    );
  }
  const { createLoader } = await import("../flake/index.ts");
  const loader = createLoader({ root, api: await import("../index.ts") });
  return { root, rules: parseRules(loader.load(path), "secrets.ts") };
}

/**
 * The repository-relative name of a FILE argument: relative to the working directory, or as
 * written in secrets.ts when that is what names a listed file.
 */
function secretPath(arg: string, root: string, rules: Rules): string {
  const rel = relative(root, resolve(arg)).split("\\").join("/");
  if (rules.files.has(rel)) return rel;
  const asWritten = arg.replace(/^\.\//, "");
  if (rules.files.has(asWritten)) return asWritten;
  if (rel.startsWith("../") || rel === ".." || isAbsolute(rel)) {
    throw usage(`${arg} is outside the repository (${root})`);
  }
  return rel;
}

const identityOption = { identity: { type: "string", short: "i", multiple: true } } as const;

async function editVerb(args: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(args, {
    ...identityOption,
    "insecure-tmpdir": { type: "boolean" },
  });
  if (positionals.length !== 1) throw usage("edit takes one FILE, e.g. secrets/ssh.age");
  const repo = await openRepo(ctx);
  const file = secretPath(positionals[0], repo.root, repo.rules);
  const result = await editSecret({
    ...repo,
    file,
    identities: ctx.identities(values.identity),
    env: ctx.env,
    insecureTmpdir: values["insecure-tmpdir"],
    warn: ctx.warn,
  });
  if (ctx.json) ctx.data({ file, outcome: result.outcome, recipients: result.lock?.recipients });
  else {
    const readers = result.lock ? ` for ${result.lock.recipients.length} recipient(s)` : "";
    const said = {
      changed: `encrypted ${file}${readers}`,
      created: `created ${file}${readers}`,
      unchanged: `${file} unchanged`,
      "not-created": `${file} left empty, not created`,
    }[result.outcome];
    ctx.out.stderr(said);
  }
  return EXIT_OK;
}

async function rekeyVerb(args: string[], ctx: Context): Promise<number> {
  const { values, positionals } = parse(args, { ...identityOption, force: { type: "boolean" } });
  const repo = await openRepo(ctx);
  const only = positionals.length
    ? positionals.map((p) => secretPath(p, repo.root, repo.rules))
    : undefined;
  const results = rekey(repo, ctx.identities(values.identity), { only, force: values.force });
  if (ctx.json) ctx.data(results);
  else {
    for (const r of results) {
      const note = r.action === "missing" ? " (listed in secrets.ts but absent)" : "";
      ctx.out.stdout(`${r.file}: ${r.action}${note}`);
    }
  }
  return EXIT_OK;
}

async function checkVerb(args: string[], ctx: Context): Promise<number> {
  const { values } = parse(args, {
    ...identityOption,
    "no-decrypt": { type: "boolean" },
  });
  const repo = await openRepo(ctx);
  const tryDecrypt = !values["no-decrypt"];
  const identities = tryDecrypt ? ctx.identities(values.identity) : [];
  const report = check(repo, identities, { decrypt: tryDecrypt });
  if (ctx.json) ctx.data(report);
  else {
    for (const f of report.files) if (f.ok) ctx.out.stdout(`${f.file}: ok`);
    for (const p of report.problems)
      ctx.out.stdout(`${p.file}: ${colors.red(p.kind)}: ${p.message}`);
    const n = report.problems.length;
    ctx.out.stderr(
      `${report.files.length} secret file(s) checked, ${n === 0 ? "no problems" : `${n} problem(s)`}`,
    );
  }
  return report.ok ? EXIT_OK : EXIT_USER;
}

async function cryptVerb(
  args: string[],
  ctx: Context,
  verb: "encrypt" | "decrypt",
): Promise<number> {
  const { values, positionals } = parse(args, {
    encrypt: { type: "boolean", short: "e" },
    decrypt: { type: "boolean", short: "d" },
    recipient: { type: "string", short: "r", multiple: true },
    "recipients-file": { type: "string", short: "R", multiple: true },
    identity: { type: "string", short: "i", multiple: true },
    passphrase: { type: "boolean", short: "p" },
    armor: { type: "boolean", short: "a" },
    output: { type: "string", short: "o" },
  });
  if (values.encrypt && values.decrypt) throw usage("-e and -d cannot be used together");
  const mode = values.decrypt ? "decrypt" : values.encrypt ? "encrypt" : verb;
  if (positionals.length > 1) throw usage(`${mode} takes at most one INPUT file`);
  const input = positionals.length ? readInput(positionals[0]) : await readStdin();
  try {
    if (mode === "decrypt") {
      if (values.recipient || values["recipients-file"] || values.armor || values.passphrase) {
        throw usage("-r, -R, -a and -p are for encryption; decryption takes -i and -o");
      }
      const plaintext = decryptInput(input, ctx, values.identity);
      try {
        await writeOutput(plaintext, values.output, 0o600, true);
      } finally {
        plaintext.fill(0);
      }
      return EXIT_OK;
    }
    const recipients = encryptionRecipients(ctx, values);
    if (recipients.length === 0) {
      if (values.output === undefined) {
        throw usage(
          "no recipients: give -r RECIPIENT, -R FILE, -i FILE or -p, or -o a file listed in secrets.ts",
        );
      }
      const repo = await openRepo(ctx);
      const file = secretPath(values.output, repo.root, repo.rules);
      const entry = encryptFile(repo, file, input);
      ctx.out.stderr(`encrypted ${file} for ${entry.recipients.length} recipient(s) in secrets.ts`);
      return EXIT_OK;
    }
    const ciphertext = ageCall(() => encrypt(input, recipients, { armor: values.armor }));
    await writeOutput(ciphertext, values.output, undefined, Boolean(values.armor));
    return EXIT_OK;
  } finally {
    if (mode === "encrypt") input.fill(0);
  }
}

function encryptionRecipients(
  ctx: Context,
  values: {
    recipient?: string[];
    "recipients-file"?: string[];
    identity?: string[];
    passphrase?: boolean;
  },
): Recipient[] {
  const recipients: Recipient[] = [];
  for (const r of values.recipient ?? []) recipients.push(ageCall(() => parseRecipient(r)));
  for (const path of values["recipients-file"] ?? []) {
    const text = new TextDecoder().decode(readInput(path));
    recipients.push(...ageCall(() => parseRecipients(text, path)));
  }
  for (const path of values.identity ?? []) {
    recipients.push(...recipientsFromKeyFile(readInput(path), path, ctx));
  }
  if (values.passphrase) {
    if (recipients.length) throw usage("-p cannot be combined with other recipients");
    const ask = ctx.askPassphrase;
    if (!ask) throw noTerminal("a passphrase");
    const first = ask("the new file");
    if (!first) throw new SecretsError("E_SECRET_PASSPHRASE", "no passphrase given");
    if (ask("the new file (again)") !== first) {
      throw new SecretsError("E_SECRET_PASSPHRASE", "the passphrases do not match");
    }
    recipients.push(ageCall(() => scryptRecipient(first)));
  }
  return recipients;
}

function decryptInput(input: Uint8Array, ctx: Context, explicit: string[] | undefined): Uint8Array {
  // As `age -d`: named identities replace the usual ones.
  const identities = explicit?.length
    ? explicit.flatMap((path) => readIdentityFile(readInput(path), path, ctx))
    : ctx.identities(undefined);
  try {
    return decrypt(input, identities);
  } catch (e) {
    const passphraseFile =
      e instanceof AgeError && e.code === "E_AGE_NO_MATCH" && e.stanzas.includes("scrypt");
    if (!passphraseFile) throw cryptoError(e);
    const ask = ctx.askPassphrase;
    if (!ask) throw noTerminal("the passphrase of this passphrase-encrypted file");
    const passphrase = ask("the file");
    if (passphrase === undefined) {
      throw new SecretsError("E_SECRET_PASSPHRASE", "no passphrase given");
    }
    return ageCall(() => decrypt(input, [scryptIdentity(passphrase)]));
  }
}

function keygenVerb(args: string[], ctx: Context): number {
  const { values, positionals } = parse(args, {
    home: { type: "boolean" },
    host: { type: "boolean" },
    root: { type: "string" },
    output: { type: "string", short: "o" },
  });
  if (positionals.length) throw usage("keygen takes no arguments");
  if (values.home && values.host) throw usage("--home and --host cannot be used together");
  if (values.home) {
    const made = generateHomeIdentity({
      env: ctx.env,
      path: values.output === undefined ? undefined : resolve(values.output),
    });
    if (ctx.json) ctx.data(made);
    else {
      ctx.out.stdout(made.recipient);
      ctx.out.stderr(
        `wrote a new identity to ${made.path} (mode 0600, keep it private). Add the recipient ` +
          "above to the publicKeys of this home's secrets in secrets.ts, then run `confed secret rekey`.",
      );
    }
    return EXIT_OK;
  }
  if (values.output !== undefined) throw usage("-o is for keygen --home");
  const paths = values.host
    ? sshPublicKeyPaths({ kind: "host", root: values.root })
    : sshPublicKeyPaths({ kind: "user", env: ctx.env });
  const found = sshKeyRecipients(paths);
  if (ctx.json) ctx.data(found);
  else for (const f of found) ctx.out.stdout(f.recipient);
  return EXIT_OK;
}

function recipientVerb(args: string[], ctx: Context): number {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw usage("recipient takes one KEY: a key file, or a recipient");
  const [key] = positionals;
  let recipients: string[];
  const bytes = realSecretFiles.read(resolve(key));
  if (bytes !== undefined) {
    recipients = recipientsFromKeyFile(bytes, key, ctx).map(String);
  } else {
    const r = recipientFromString(key);
    if (!r) {
      throw new SecretsError(
        "E_SECRET_MISSING",
        `${key} is neither a key file nor a recipient (age1…, ssh-ed25519 …, ssh-rsa …)`,
      );
    }
    recipients = [r.toString()];
  }
  if (ctx.json) ctx.data(recipients.map((recipient) => ({ source: key, recipient })));
  else for (const r of recipients) ctx.out.stdout(r);
  return EXIT_OK;
}

// --- helpers -------------------------------------------------------------------------------

type OptionSpec = Record<
  string,
  { type: "string" | "boolean"; short?: string; multiple?: boolean }
>;

/** Parses a verb's arguments strictly; global flags that reach here are accepted and ignored. */
function parse<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: {
        ...options,
        json: { type: "boolean" },
        flake: { type: "string" },
        "show-trace": { type: "boolean" },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw usage((e as Error).message.replace(/\. To specify a positional.*$/s, ""));
  }
}

function readInput(path: string): Uint8Array {
  const bytes = realSecretFiles.read(resolve(path));
  if (bytes === undefined) {
    throw new SecretsError("E_SECRET_MISSING", `${path} does not exist`, { file: path });
  }
  return bytes;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

async function writeOutput(
  data: Uint8Array,
  output: string | undefined,
  mode: number | undefined,
  text: boolean,
): Promise<void> {
  if (output !== undefined && output !== "-") {
    realSecretFiles.write(resolve(output), data, mode === undefined ? {} : { mode });
    return;
  }
  if (!text && process.stdout.isTTY) {
    throw usage("refusing to write binary data to the terminal; use -a for text, or -o FILE");
  }
  await new Promise<void>((done, fail) =>
    process.stdout.write(data, (e) => (e ? fail(e) : done())),
  );
}

function ageCall<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw cryptoError(e);
  }
}

function cryptoError(e: unknown): unknown {
  if (!(e instanceof AgeError)) return e;
  return new SecretsError("E_SECRET_CRYPTO", e.message, { cause: e });
}

function noTerminal(what: string): SecretsError {
  return new SecretsError(
    "E_SECRET_PASSPHRASE",
    `${what} is needed and there is no terminal to ask on (not interactive)`,
  );
}

function usage(message: string): SecretsError {
  return new SecretsError("E_SECRET_USAGE", `${message} (see \`confed secret help')`);
}
