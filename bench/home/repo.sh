# bench/home/repo.sh, sourced: write_repo SRC REPO writes the confed repository the home
# benchmarks switch: every top-level entry of the dotfiles directory SRC as its own home.file (a
# directory recursively, one link per file), because a single source with target "." is the
# home itself, which home.file refuses.
write_repo() {
  local src="$1" repo="$2" p e
  mkdir -p "$repo/homes"
  printf 'import { defineFlake } from "confed";\nexport default defineFlake({});\n' >"$repo/confed.ts"
  {
    echo "export default { home: { file: {"
    for p in "$src"/* "$src"/.[!.]*; do
      [ -e "$p" ] || continue
      e="$(basename "$p")"
      if [ -d "$p" ]; then
        echo "  \"$e\": { source: \"$p\", recursive: true },"
      else
        echo "  \"$e\": { source: \"$p\" },"
      fi
    done
    echo "} } };"
  } >"$repo/homes/me@bench.ts"
}
