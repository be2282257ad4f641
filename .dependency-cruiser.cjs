// The dependency direction of the source tree (see README "Architecture").
// Each folder under src/ may import only the folders listed for it; index.ts at the root
// re-exports. Runs on the compiled dist/ tree, where every import is plain ESM.
const allowed = {
  lib: [],
  errors: ["lib"],
  "module-system": ["lib", "errors"],
  packages: ["lib", "errors", "module-system"],
  formats: ["lib", "errors", "module-system", "packages"],
  modules: ["lib", "errors", "module-system", "packages", "formats"],
  manifest: ["lib", "errors"],
  system: ["lib", "errors"],
  store: ["lib", "errors", "system"],
  inputs: ["lib", "errors", "system", "store"],
  secrets: ["lib", "errors", "system"],
  flake: [
    "lib",
    "errors",
    "module-system",
    "packages",
    "formats",
    "modules",
    "inputs",
    "system",
    "store",
  ],
  configuration: [
    "lib",
    "errors",
    "module-system",
    "packages",
    "formats",
    "modules",
    "flake",
    "manifest",
    "system",
    "store",
    "inputs",
    "secrets",
  ],
  activation: ["lib", "errors", "manifest", "system", "store", "secrets"],
  deploy: ["lib", "errors", "manifest", "activation", "system", "store", "secrets"],
  cli: null, // the top: may import anything
};

const folders = Object.keys(allowed);
const rules = folders
  .filter((f) => allowed[f] !== null)
  .map((f) => {
    const forbidden = folders.filter((g) => g !== f && !allowed[f].includes(g));
    return {
      name: `${f}-direction`,
      comment: `src/${f} may import only: ${allowed[f].join(", ") || "(nothing in src)"}`,
      severity: "error",
      from: { path: `^dist/${f}/` },
      to: { path: `^dist/(${forbidden.join("|")})/` },
    };
  });

rules.push(
  {
    name: "no-import-cli",
    comment: "nothing imports the cli",
    severity: "error",
    from: { path: "^dist/", pathNot: "^dist/cli/" },
    to: { path: "^dist/cli/" },
  },
  {
    name: "no-circular",
    comment: "import cycles make load order and laziness fragile",
    severity: "error",
    from: {},
    to: { circular: true },
  },
  {
    name: "activation-never-evaluates",
    comment: "activation runs from a generation alone and never loads the module system",
    severity: "error",
    from: { path: "^dist/(activation|deploy)/" },
    to: { path: "^dist/module-system/" },
  },
);

module.exports = {
  forbidden: rules,
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.map$" },
    moduleSystems: ["es6"],
  },
};
