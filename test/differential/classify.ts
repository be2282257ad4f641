/**
 * Reduces a Nix evaluation error to its meaning, in confed's terms: the error code, the option
 * path and the files the message names, and for `throw`/`abort` (and removed options) the custom
 * text. Only `generate.ts` uses this; the committed expected files carry the result.
 */

/** What one case is expected to produce. */
export interface Expected {
  value?: unknown;
  error?: ExpectedError;
}

export interface ExpectedError {
  code: string;
  /** Dotted path as the Nix message shows it, or null when the message names none. */
  optionPath: string | null;
  /** `_file` names (`*.nix`) the main message mentions, in order of first mention. */
  files: string[];
  /** The custom part: a `throw`/`abort` text, removal instructions, a missing argument name. */
  message?: string;
  /**
   * The near misses an "undeclared option" message suggests ("Did you mean …?"): Nix lists the
   * three closest names however far they are; only those within edit distance 2 of the
   * undeclared name are kept, the ones any did-you-mean should offer.
   */
  suggestions?: string[];
}

/** Splits `nix-instantiate --show-trace` stderr into the main message and the trace frames. */
export function splitNixError(stderr: string): { main: string; frames: string[] } {
  const start = stderr.search(/^error: /m);
  const text = start < 0 ? stderr : stderr.slice(start + "error: ".length);
  // The main message ends where Nix starts printing a position or a trace frame.
  const end = text.search(/\n\s*\n\s*(at |… |\(use )|\n\s*… |\n\(use /);
  const main = (end < 0 ? text : text.slice(0, end))
    .split("\n")
    .map((line, i) => (i === 0 ? line : line.replace(/^ {7}/, "")))
    .join("\n")
    .trim();
  const frames = [...text.matchAll(/^\s*… (.*)$/gm)].map((m) => m[1]);
  return { main, frames };
}

/**
 * `_file` names a message mentions: bare `*.nix` names quoted the way Nix quotes files (`a.nix'
 * or `a.nix`), never absolute paths. Double-quoted names are left out: in a main message they are
 * printed values (a module shown with its `_file`), not files. Trace frames quote with "…".
 */
function filesIn(text: string, quotes: "backquote" | "double" = "backquote"): string[] {
  const found: string[] = [];
  const pattern =
    quotes === "backquote"
      ? /`([A-Za-z0-9_.-][A-Za-z0-9_./-]*\.nix)[`']/g
      : /"([A-Za-z0-9_.-][A-Za-z0-9_./-]*\.nix)"/g;
  for (const m of text.matchAll(pattern)) {
    if (!found.includes(m[1])) found.push(m[1]);
  }
  return found;
}

/** The first backquoted option path after `marker` in `text` (an empty path names no option). */
function pathAfter(text: string, marker: RegExp): string | null {
  const m = text.match(new RegExp(`${marker.source}\\s*\`([^'\`]*)['\`]`));
  return m?.[1] ? m[1] : null;
}

function lastName(path: string): string {
  return path.split(".").at(-1) ?? path;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

type Rule = {
  test: RegExp;
  /** A further condition on the trace frames. */
  when?: (frames: string[]) => boolean;
  code: string;
  /** How to find the option path; by default the first backquoted name after "option". */
  path?: (main: string) => string | null;
  message?: (main: string, frames: string[]) => string | undefined;
  files?: (main: string, frames: string[]) => string[];
};

const optionPath = (main: string) => pathAfter(main, /option/);

const rules: Rule[] = [
  { test: /^infinite recursion encountered/, code: "E_RECURSION", path: () => null },
  { test: /stack overflow/, code: "E_RECURSION", path: () => null },
  { test: /^The option `[^']*' does not exist/, code: "E_OPTION_UNDECLARED" },
  { test: /^A definition for option `[^']*' is not of type/, code: "E_TYPE" },
  {
    // A non-attrset value where nested options are declared.
    test: /you're trying to define a value of type `\w+'\s+rather than an attribute set for the option/,
    code: "E_TYPE",
    path: (main) => pathAfter(main, /for the option/),
  },
  { test: /^‘mkIf’ called with a non-Boolean condition/, code: "E_TYPE", path: () => null },
  { test: /has conflicting definition values/, code: "E_CONFLICT" },
  {
    test: /is defined multiple times while it's expected to be unique/,
    code: "E_CONFLICT",
    // types.unique's own message sits between the first line and "Definition values:".
    message: (m) =>
      m.match(/expected to be unique\.\n([\s\S]*?)\n?Definition values:/)?.[1].trim() || undefined,
  },
  { test: /^The option `[^']*' is defined multiple times/, code: "E_CONFLICT" },
  { test: /^Cannot merge definitions of `/, code: "E_CONFLICT", path: (m) => pathAfter(m, /of/) },
  { test: /has conflicting option types/, code: "E_CONFLICT" },
  {
    test: /^The option `[^`]*` is defined both null and not null/,
    code: "E_CONFLICT",
    path: (m) => m.match(/^The option `([^`]*)`/)?.[1] ?? null,
  },
  { test: /was accessed but has no value defined/, code: "E_NO_VALUE" },
  { test: /is read-only, but it's set multiple times/, code: "E_READ_ONLY" },
  { test: /is already declared in/, code: "E_ALREADY_DECLARED" },
  { test: /would be a parent of the following options/, code: "E_ALREADY_DECLARED" },
  {
    test: /^A submoduleWith option is declared multiple times/,
    code: "E_ALREADY_DECLARED",
    path: () => null,
  },
  {
    test: /can no longer be used since it's been removed\./,
    code: "E_REMOVED",
    message: (m) => m.split("since it's been removed.")[1].trim() || undefined,
  },
  {
    test: /^attribute '[^']*' missing/,
    when: (frames) => frames.some((f) => f.startsWith("while evaluating the module argument")),
    code: "E_MISSING_ARG",
    path: () => null,
    message: (m) => m.match(/^attribute '([^']*)'/)?.[1],
    // Nix names the module of the missing argument only in the trace.
    files: (_m, frames) =>
      filesIn(
        frames.find((f) => f.startsWith("while evaluating the module argument")) ?? "",
        "double",
      ),
  },
  {
    // Nix imports anything that is neither an attrset nor a function as a path.
    test: /^cannot coerce an? \w+ to a string/,
    when: (frames) => frames.includes("while evaluating 'loadModule'"),
    code: "E_BAD_MODULE",
    path: () => null,
  },
  { test: /unsupported attribute/, code: "E_BAD_MODULE", path: () => null },
  { test: /^Expected a module, but found a value/, code: "E_BAD_MODULE", path: () => null },
  { test: /does not look like a module/, code: "E_BAD_MODULE", path: () => null },
  { test: /^Module imports can't be nested lists/, code: "E_BAD_MODULE", path: () => null },
  { test: /disabledModules item/, code: "E_BAD_MODULE", path: () => null },
  { test: /^An option declaration for `/, code: "E_BAD_MODULE", path: (m) => pathAfter(m, /for/) },
  { test: /expected an option declaration at option path/, code: "E_BAD_MODULE" },
  {
    test: /cannot be imported into a module evaluation that expects class/,
    code: "E_CLASS",
    path: () => null,
  },
  { test: /^cannot convert a function to JSON/, code: "E_VALUE", path: () => null },
  {
    test: /^evaluation aborted with the following error message: '/,
    code: "E_USER",
    path: () => null,
    message: (m) => m.match(/error message: '([\s\S]*)'$/)?.[1],
  },
];

/** Messages of the lib this classifier does not know; they must not pass for a case's throw. */
const knownLibWording =
  /^(attribute '|value is a|cannot coerce|undefined variable|function '[^']*' called|The option `)/;

/** Classifies `nix-instantiate --show-trace` stderr. Unknown lib errors get `E_UNCLASSIFIED`. */
export function classifyNixError(stderr: string): ExpectedError {
  const { main, frames } = splitNixError(stderr);
  for (const rule of rules) {
    if (!rule.test.test(main) || (rule.when && !rule.when(frames))) continue;
    const error: ExpectedError = {
      code: rule.code,
      optionPath: (rule.path ?? optionPath)(main),
      files: rule.files ? rule.files(main, frames) : filesIn(main),
    };
    const message = rule.message?.(main, frames);
    if (message !== undefined) error.message = message;
    const didYouMean = main.match(/Did you mean ([^?]*)\?/);
    if (error.code === "E_OPTION_UNDECLARED" && didYouMean && error.optionPath) {
      const typo = lastName(error.optionPath);
      const near = [...didYouMean[1].matchAll(/`([^']*)'/g)]
        .map((m) => m[1])
        .filter((s) => editDistance(lastName(s), typo) <= 2);
      if (near.length > 0) error.suggestions = near;
    }
    return error;
  }
  if (knownLibWording.test(main)) {
    return { code: "E_UNCLASSIFIED", optionPath: null, files: [], message: main };
  }
  // Anything else is the text of a `throw` written by the case itself.
  return { code: "E_USER", optionPath: null, files: [], message: main };
}
