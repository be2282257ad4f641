# Written by confed (programs.direnv.confed): `use confed' in an .envrc.
use_confed() {
  log_error "use confed: confed has no dev shells yet; nothing was loaded"
  return 1
}
