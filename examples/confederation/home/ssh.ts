// ssh: the client's host entries live in an age-encrypted file (secrets/ssh.age, readable by
// the keys secrets.ts lists), decrypted at activation into /run/user/<uid> and included from
// ~/.ssh/config, as the post does with agenix.
import { defineHome, mkDefault } from "confed";

export default defineHome(({ config, self }) => ({
  // secrets.dir is /run/user/<uid>/confed/secrets: the uid is part of the path.
  home: { uid: mkDefault(1000) },
  secrets: { ssh: { file: `${self.outPath}/secrets/ssh.age` } },
  programs: {
    ssh: {
      enable: true,
      get includes() {
        return [config.secrets.ssh.path];
      },
    },
  },
}));
