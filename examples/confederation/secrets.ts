// Who may read each secret file (agenix's secrets.nix): `confed secret edit|rekey|check` use it.
// The keys below are the EXAMPLE keys in keys/ — public, so these secrets are not secret. List
// your own hosts' ssh host keys (`confed secret keygen`) and users' keys in your repository.
import { defineSecrets } from "confed";

const hostKeys = {
  map: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ4UOlEQnc57gZRkiiVTNkan8rwU6JuPRYeGtP3qb9H6 root@map (confed example key)",
};
const userKeys = {
  myme: "age1jxphflj4yhzfh6akfxpma4uax98ckup4d76v4feldz6jujpva3jssu057m",
};

export default defineSecrets({
  // The ssh client's host entries, included from ~/.ssh/config (home/ssh.ts).
  "secrets/ssh.age": { publicKeys: [hostKeys.map, userKeys.myme] },
});
