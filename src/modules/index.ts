/**
 * The built-in module tree. A built-in module's key is its path under src/modules (for example
 * `"system/users"`), which `disabledModules` accepts.
 */
import activation from "./home/activation.ts";
import files from "./home/files.ts";
import home from "./home/home.ts";
import session from "./home/session.ts";
import shellIntegration from "./home/shell-integration.ts";
import systemd from "./home/systemd.ts";
import xdg from "./home/xdg.ts";
import assertions from "./misc/assertions.ts";
import alacritty from "./programs/alacritty.ts";
import atuin from "./programs/atuin.ts";
import bash from "./programs/bash.ts";
import bat from "./programs/bat.ts";
import btop from "./programs/btop.ts";
import confed from "./programs/confed.ts";
import direnv from "./programs/direnv.ts";
import emacs from "./programs/emacs.ts";
import eza from "./programs/eza.ts";
import feh from "./programs/feh.ts";
import fish from "./programs/fish.ts";
import fontconfig from "./programs/fontconfig.ts";
import fzf from "./programs/fzf.ts";
import gh from "./programs/gh.ts";
import git from "./programs/git.ts";
import gtk from "./programs/gtk.ts";
import htop from "./programs/htop.ts";
import i3 from "./programs/i3.ts";
import info from "./programs/info.ts";
import keyboard from "./programs/keyboard.ts";
import keychain from "./programs/keychain.ts";
import kitty from "./programs/kitty.ts";
import man from "./programs/man.ts";
import mimeApps from "./programs/mime-apps.ts";
import neovim from "./programs/neovim.ts";
import pointerCursor from "./programs/pointer-cursor.ts";
import readline from "./programs/readline.ts";
import rofi from "./programs/rofi.ts";
import ssh from "./programs/ssh.ts";
import starship from "./programs/starship.ts";
import tmux from "./programs/tmux.ts";
import xmonad from "./programs/xmonad.ts";
import xresources from "./programs/xresources.ts";
import xsession from "./programs/xsession.ts";
import zoxide from "./programs/zoxide.ts";
import zsh from "./programs/zsh.ts";
import { secretsModule } from "./secrets.ts";
import barrier from "./services/barrier.ts";
import bluemanApplet from "./services/blueman-applet.ts";
import dunst from "./services/dunst.ts";
import emacsService from "./services/emacs.ts";
import flameshot from "./services/flameshot.ts";
import networkManagerApplet from "./services/network-manager-applet.ts";
import picom from "./services/picom.ts";
import polybar from "./services/polybar.ts";
import redshift from "./services/redshift.ts";
import screenLocker from "./services/screen-locker.ts";
import deployment from "./system/deployment.ts";
import networking from "./system/networking.ts";
import security from "./system/security.ts";
import system from "./system/system.ts";
import users from "./system/users.ts";

export { entryAfter, entryAnywhere, entryBefore, entryBetween } from "./home/activation.ts";
export { type ManagedFile, managedFiles } from "./home/files.ts";
export { type Assertion, failedAssertions } from "./misc/assertions.ts";
export { placeholderFor, SECRET_NAME, secretNames, secretsModule } from "./secrets.ts";

import type { HomeUsersOptions } from "./system/home-users.ts";

export {
  type HomeSpecialArgs,
  type HomeUsersOptions,
  homeUsersModule,
} from "./system/home-users.ts";

/** The modules every machine evaluates (besides `home.users`, which needs the home modules). */
export const systemModules: readonly unknown[] = [
  assertions,
  networking,
  users,
  security,
  system,
  deployment,
  secretsModule("system"),
];

/** The modules every home evaluates. */
export const homeModules: readonly unknown[] = [
  assertions,
  home,
  files,
  xdg,
  session,
  activation,
  systemd,
  shellIntegration,
  secretsModule("home"),
  // programs, one file each under programs/
  bash,
  zsh,
  fzf,
  direnv,
  readline,
  keychain,
  git,
  ssh,
  tmux,
  starship,
  bat,
  htop,
  // the desktop: the X session, its window managers, services and look
  xsession,
  keyboard,
  i3,
  xmonad,
  xresources,
  pointerCursor,
  gtk,
  fontconfig,
  mimeApps,
  // services, one file each under services/
  polybar,
  dunst,
  picom,
  flameshot,
  redshift,
  screenLocker,
  networkManagerApplet,
  bluemanApplet,
  barrier,
  emacsService,
  // more programs
  fish,
  neovim,
  emacs,
  man,
  info,
  confed,
  alacritty,
  rofi,
  feh,
  zoxide,
  eza,
  atuin,
  gh,
  kitty,
  btop,
];

// The built-in modules' options at the type level: machines and homes written with
// defineMachine/defineHome are checked against them (a misspelt option is a compile error).
declare module "../module-system/infer.js" {
  interface ConfedSystemModules {
    "misc/assertions": (typeof assertions)["options"];
    "system/networking": (typeof networking)["options"];
    "system/users": (typeof users)["options"];
    "system/security": (typeof security)["options"];
    "system/system": (typeof system)["options"];
    "system/deployment": (typeof deployment)["options"];
    "system/secrets": ReturnType<ReturnType<typeof secretsModule>>["options"];
    "system/home-users": HomeUsersOptions;
  }
  interface ConfedHomeModules {
    "misc/assertions": (typeof assertions)["options"];
    "home/home": ReturnType<typeof home>["options"];
    "home/files": ReturnType<typeof files>["options"];
    "home/xdg": ReturnType<typeof xdg>["options"];
    "home/session": ReturnType<typeof session>["options"];
    "home/activation": ReturnType<typeof activation>["options"];
    "home/systemd": ReturnType<typeof systemd>["options"];
    "home/secrets": ReturnType<ReturnType<typeof secretsModule>>["options"];
  }
}
