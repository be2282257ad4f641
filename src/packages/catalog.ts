/**
 * The catalog: the distro packages `pkgs` offers without an overlay, named as in nixpkgs, with
 * their Debian/Ubuntu (apt), Fedora (dnf) and Arch (pacman) names where those differ.
 *
 * Apt names were checked against Debian 12's archive; the few that only Debian 13 (or a
 * vendor's own repository) has say so in their description. `null` marks a family whose main
 * repositories do not carry the package (Fedora's starship lives in COPR), so resolving it
 * there fails with a message saying how to name one instead of a package manager's error.
 * References are built on first use and shared by every `pkgs` (they are immutable).
 */

import {
  type DistroPackage,
  distroPackage,
  type Family,
  type PackageMeta,
} from "./distro-package.ts";

/**
 * One catalog entry: per-family names (default: the entry's key), binaries, a description.
 *
 * @example
 * const fd: CatalogEntry = { description: "...", apt: "fd-find", dnf: "fd-find", bin: { apt: "fdfind" } };
 */
export interface CatalogEntry {
  readonly description: string;
  /** The upstream project's name when it differs from the key (`python` for `python3`). */
  readonly pname?: string;
  readonly apt?: string | null;
  readonly dnf?: string | null;
  readonly pacman?: string | null;
  /** The command, when it is not the key (`rg` for `ripgrep`). */
  readonly mainProgram?: string;
  /** The command per family, where a family renames it (`{ apt: "batcat" }`). */
  readonly bin?: Readonly<Partial<Record<Family, string>>>;
}

const entries = {
  // Shells and the base system
  bash: { description: "The GNU Bourne Again shell" },
  "bash-completion": { description: "Programmable completion for bash" },
  dash: { description: "A small POSIX shell" },
  zsh: { description: "The Z shell" },
  fish: { description: "A friendly interactive shell" },
  coreutils: { description: "GNU core utilities (ls, cp, ...)" },
  findutils: { description: "GNU find and xargs", mainProgram: "find" },
  gnugrep: {
    description: "GNU grep",
    apt: "grep",
    dnf: "grep",
    pacman: "grep",
    mainProgram: "grep",
  },
  gnused: { description: "GNU sed", apt: "sed", dnf: "sed", pacman: "sed", mainProgram: "sed" },
  gawk: { description: "GNU awk" },
  gnutar: { description: "GNU tar", apt: "tar", dnf: "tar", pacman: "tar", mainProgram: "tar" },
  diffutils: { description: "GNU diff, cmp and sdiff", mainProgram: "diff" },
  file: { description: "Determines file types" },
  less: { description: "The pager" },
  procps: {
    description: "ps, top, free, watch",
    dnf: "procps-ng",
    pacman: "procps-ng",
    mainProgram: "ps",
  },
  psmisc: { description: "killall, pstree, fuser", mainProgram: "killall" },
  "util-linux": { description: "Basic system utilities (lsblk, mount, ...)" },
  "man-db": { description: "The man page reader", mainProgram: "man" },
  sudo: { description: "Run commands as another user" },
  cron: { description: "The cron daemon", dnf: "cronie", pacman: "cronie" },
  logrotate: { description: "Rotates log files" },
  chrony: { description: "NTP client and server", mainProgram: "chronyc" },
  "ca-certificates": { description: "Common CA certificates" },
  // Terminal multiplexers and remote shells
  tmux: { description: "Terminal multiplexer" },
  screen: { description: "GNU screen terminal multiplexer" },
  mosh: { description: "Mobile shell: SSH that survives roaming and sleep" },
  openssh: {
    description: "OpenSSH client (ssh, scp, ssh-agent)",
    apt: "openssh-client",
    dnf: "openssh-clients",
    mainProgram: "ssh",
  },
  "openssh-server": {
    description: "OpenSSH server (Arch ships it with the client)",
    pname: "openssh",
    pacman: "openssh",
    mainProgram: "sshd",
  },
  autossh: { description: "Restarts SSH sessions and tunnels" },
  sshfs: { description: "Mounts remote directories over SSH", dnf: "fuse-sshfs" },
  keychain: { description: "Shares ssh-agent and gpg-agent between logins" },
  // Editors
  vim: { description: "Vi IMproved", dnf: "vim-enhanced" },
  neovim: { description: "Vim-fork focused on extensibility", mainProgram: "nvim" },
  emacs: { description: "GNU Emacs" },
  "emacs-nox": { description: "GNU Emacs without X support", mainProgram: "emacs" },
  pynvim: {
    description: "Python client for Neovim (its Python 3 provider)",
    apt: "python3-pynvim",
    dnf: "python3-neovim",
    pacman: "python-pynvim",
  },
  texinfo: {
    description: "The GNU info reader",
    apt: "info",
    dnf: "info",
    mainProgram: "info",
  },
  nano: { description: "A small, friendly editor" },
  micro: { description: "A terminal editor with common keybindings" },
  kakoune: { description: "Modal editor with multiple selections", mainProgram: "kak" },
  // Finding, viewing and moving around
  fzf: { description: "Command-line fuzzy finder" },
  ripgrep: { description: "Fast recursive grep", mainProgram: "rg" },
  fd: {
    description: "A simple, fast alternative to find",
    apt: "fd-find",
    dnf: "fd-find",
    mainProgram: "fd",
    bin: { apt: "fdfind" },
  },
  bat: { description: "cat with syntax highlighting and git integration", bin: { apt: "batcat" } },
  eza: { description: "A modern ls (apt: Debian 13 and later)" },
  zoxide: { description: "A smarter cd that learns your habits" },
  "silver-searcher": {
    description: "The silver searcher, a code-searching tool",
    pname: "the_silver_searcher",
    apt: "silversearcher-ag",
    dnf: "the_silver_searcher",
    pacman: "the_silver_searcher",
    mainProgram: "ag",
  },
  tree: { description: "Lists directories as a tree" },
  ncdu: { description: "Disk usage analyser with an ncurses interface" },
  duf: { description: "Disk usage and free space, readable" },
  ranger: { description: "Console file manager with vi keybindings" },
  nnn: { description: "A tiny, fast terminal file manager" },
  mc: { description: "Midnight Commander file manager" },
  entr: { description: "Runs a command when files change" },
  "inotify-tools": { description: "inotifywait and inotifywatch", mainProgram: "inotifywait" },
  // Shell environment
  direnv: { description: "Per-directory environment variables" },
  starship: {
    description: "A fast, customisable prompt (not in Debian or Fedora)",
    apt: null,
    dnf: null,
  },
  atuin: { description: "Shell history in a searchable database (not in Debian)", apt: null },
  stow: { description: "Symlink farm manager for dotfiles" },
  tealdeer: { description: "Fast tldr client (apt: Debian 13 and later)", mainProgram: "tldr" },
  // Monitoring and diagnosis
  htop: { description: "Interactive process viewer" },
  btop: { description: "Resource monitor" },
  glances: { description: "Cross-platform system monitor" },
  iotop: { description: "Per-process I/O monitor" },
  lsof: { description: "Lists open files" },
  strace: { description: "Traces system calls" },
  gdb: { description: "The GNU debugger" },
  fastfetch: { description: "System information at a glance (apt: Debian 13 and later)" },
  smartmontools: { description: "S.M.A.R.T. disk monitoring", mainProgram: "smartctl" },
  lm_sensors: { description: "Hardware sensors", apt: "lm-sensors", mainProgram: "sensors" },
  pciutils: { description: "lspci", mainProgram: "lspci" },
  usbutils: { description: "lsusb", mainProgram: "lsusb" },
  dmidecode: { description: "Reads the SMBIOS/DMI tables" },
  powertop: { description: "Power consumption diagnosis" },
  acpi: { description: "Battery and thermal information" },
  tlp: { description: "Laptop power management" },
  hyperfine: { description: "Command-line benchmarking" },
  // Data and text
  jq: { description: "Command-line JSON processor" },
  yq: {
    description: "jq wrapper for YAML, XML and TOML (Fedora's yq is another program)",
    dnf: null,
  },
  miller: { description: "Like awk and jq for CSV and TSV", mainProgram: "mlr" },
  moreutils: { description: "sponge, ts, vipe, chronic and more", mainProgram: "sponge" },
  parallel: { description: "GNU parallel" },
  pv: { description: "Monitors data through a pipe" },
  bc: { description: "Arbitrary-precision calculator" },
  dos2unix: { description: "Converts line endings" },
  expect: { description: "Automates interactive programs" },
  pandoc: { description: "Universal document converter", pacman: "pandoc-cli" },
  graphviz: { description: "Graph drawing (dot)", mainProgram: "dot" },
  sqlite: { description: "SQLite command-line shell", apt: "sqlite3", mainProgram: "sqlite3" },
  // Networking
  curl: { description: "Transfers data with URLs" },
  wget: { description: "Retrieves files over HTTP(S) and FTP" },
  aria2: { description: "Multi-protocol download utility", mainProgram: "aria2c" },
  httpie: { description: "Human-friendly HTTP client", mainProgram: "http" },
  rsync: { description: "Fast incremental file transfer" },
  rclone: { description: "rsync for cloud storage" },
  netcat: {
    description: "TCP/UDP Swiss army knife (OpenBSD netcat)",
    apt: "netcat-openbsd",
    pacman: "openbsd-netcat",
    mainProgram: "nc",
  },
  socat: { description: "Multipurpose relay" },
  nmap: { description: "Network scanner" },
  dnsutils: {
    description: "dig, nslookup and nsupdate from BIND",
    pname: "bind",
    apt: "bind9-dnsutils",
    dnf: "bind-utils",
    pacman: "bind",
    mainProgram: "dig",
  },
  iproute2: { description: "ip and ss", dnf: "iproute", mainProgram: "ip" },
  iputils: { description: "ping and friends", apt: "iputils-ping", mainProgram: "ping" },
  "net-tools": { description: "ifconfig, netstat, route", mainProgram: "netstat" },
  traceroute: { description: "Traces the route to a host" },
  mtr: { description: "traceroute and ping combined", apt: "mtr-tiny" },
  whois: { description: "Whois client" },
  tcpdump: { description: "Packet analyser" },
  wireshark: { description: "Network protocol analyser", pacman: "wireshark-qt" },
  iperf3: { description: "Network bandwidth measurement" },
  ethtool: { description: "Queries and controls network drivers" },
  "wireguard-tools": { description: "WireGuard tools", mainProgram: "wg" },
  openvpn: { description: "OpenVPN client and server" },
  tailscale: {
    description: "Mesh VPN (apt and dnf: from Tailscale's own repository)",
  },
  networkmanager: {
    description: "NetworkManager daemon and nmcli",
    pname: "NetworkManager",
    apt: "network-manager",
    dnf: "NetworkManager",
    mainProgram: "nmcli",
  },
  "network-manager-applet": {
    description: "NetworkManager tray applet",
    apt: "network-manager-gnome",
    mainProgram: "nm-applet",
  },
  // Security and secrets
  gnupg: { description: "GNU Privacy Guard", dnf: "gnupg2", mainProgram: "gpg" },
  pinentry: { description: "PIN and passphrase entry for gpg", apt: "pinentry-curses" },
  age: { description: "Simple, modern file encryption" },
  pass: { description: "The standard Unix password manager" },
  openssl: { description: "TLS toolkit and command line" },
  "yubikey-manager": { description: "YubiKey configuration", mainProgram: "ykman" },
  keepassxc: { description: "Password manager" },
  fail2ban: { description: "Bans hosts that fail to log in", mainProgram: "fail2ban-client" },
  ufw: { description: "Uncomplicated firewall" },
  nftables: { description: "nftables firewall", mainProgram: "nft" },
  // Archives and compression
  unzip: { description: "Extracts zip archives" },
  zip: { description: "Creates zip archives" },
  p7zip: {
    description: "7-Zip archiver",
    apt: "p7zip-full",
    dnf: "p7zip-plugins",
    pacman: "7zip",
    mainProgram: "7z",
  },
  xz: { description: "XZ compression", apt: "xz-utils" },
  zstd: { description: "Zstandard compression" },
  gzip: { description: "GNU zip" },
  bzip2: { description: "bzip2 compression" },
  // Version control
  git: { description: "Distributed version control" },
  "git-lfs": { description: "Git large file storage" },
  "git-crypt": { description: "Transparent file encryption in git" },
  delta: {
    description: "Syntax-highlighting pager for git diffs (apt: Debian 13 and later)",
    pname: "git-delta",
    apt: "git-delta",
    dnf: "git-delta",
    pacman: "git-delta",
  },
  tig: { description: "Text-mode interface for git" },
  lazygit: { description: "Terminal UI for git (not in Debian or Fedora)", apt: null, dnf: null },
  gh: { description: "GitHub CLI", pacman: "github-cli" },
  mercurial: { description: "Mercurial version control", mainProgram: "hg" },
  subversion: { description: "Subversion version control", mainProgram: "svn" },
  // Build tools and compilers
  gcc: { description: "GNU C compiler" },
  clang: { description: "C language family frontend for LLVM" },
  gnumake: {
    description: "GNU make",
    pname: "make",
    apt: "make",
    dnf: "make",
    pacman: "make",
    mainProgram: "make",
  },
  cmake: { description: "Cross-platform build system generator" },
  ninja: { description: "Small, fast build system", apt: "ninja-build", dnf: "ninja-build" },
  meson: { description: "Meson build system" },
  "pkg-config": {
    description: "Compiler flags for installed libraries",
    dnf: "pkgconf-pkg-config",
    pacman: "pkgconf",
  },
  autoconf: { description: "GNU autoconf" },
  automake: { description: "GNU automake" },
  libtool: { description: "GNU libtool" },
  binutils: { description: "GNU assembler, linker and binary tools", mainProgram: "ld" },
  patch: { description: "Applies diffs" },
  valgrind: { description: "Memory debugger and profiler" },
  ccache: { description: "Compiler cache" },
  "universal-ctags": {
    description: "Source code indexer",
    dnf: "ctags",
    pacman: "ctags",
    mainProgram: "ctags",
  },
  // Languages
  python3: { description: "Python 3", pname: "python", pacman: "python" },
  pip: {
    description: "Python package installer",
    apt: "python3-pip",
    dnf: "python3-pip",
    pacman: "python-pip",
  },
  pipx: {
    description: "Installs Python applications in isolated environments",
    pacman: "python-pipx",
  },
  poetry: {
    description: "Python dependency management",
    apt: "python3-poetry",
    pacman: "python-poetry",
  },
  nodejs: { description: "Node.js JavaScript runtime", mainProgram: "node" },
  npm: { description: "Node.js package manager", dnf: "nodejs-npm" },
  yarn: {
    description: "Yarn package manager (Debian installs it as yarnpkg)",
    apt: "yarnpkg",
    dnf: "yarnpkg",
    bin: { apt: "yarnpkg" },
  },
  go: { description: "The Go programming language", apt: "golang", dnf: "golang" },
  rustc: { description: "The Rust compiler", dnf: "rust", pacman: "rust" },
  cargo: { description: "The Rust package manager", pacman: "rust" },
  rustup: { description: "Rust toolchain installer (apt: Debian 13 and later)" },
  ruby: { description: "The Ruby language" },
  perl: { description: "The Perl language" },
  lua: {
    description: "The Lua language",
    apt: "lua5.4",
    mainProgram: "lua",
    bin: { apt: "lua5.4" },
  },
  jdk: {
    description: "OpenJDK, the Java development kit",
    pname: "openjdk",
    apt: "default-jdk",
    dnf: "java-latest-openjdk-devel",
    pacman: "jdk-openjdk",
    mainProgram: "java",
  },
  maven: { description: "Java build tool", mainProgram: "mvn" },
  shellcheck: { description: "Shell script analysis", dnf: "ShellCheck" },
  shfmt: { description: "Shell script formatter" },
  // Haskell (the seed's xmonad setup)
  ghc: { description: "The Glasgow Haskell compiler" },
  "cabal-install": { description: "Haskell's cabal command", mainProgram: "cabal" },
  stack: { description: "Haskell build tool", apt: "haskell-stack" },
  "haskell-language-server": {
    description: "Haskell language server (not in Debian or Fedora; ghcup installs it)",
    apt: null,
    dnf: null,
  },
  hlint: { description: "Haskell source code suggestions" },
  xmonad: { description: "Tiling window manager configured in Haskell" },
  "xmonad-contrib": {
    description: "Community extensions for xmonad (a Haskell library)",
    apt: "libghc-xmonad-contrib-dev",
    dnf: "ghc-xmonad-contrib-devel",
  },
  "xmonad-lib": {
    description: "The xmonad Haskell library, which compiles ~/.xmonad/xmonad.hs",
    apt: "libghc-xmonad-dev",
    dnf: "ghc-xmonad-devel",
    pacman: "xmonad",
  },
  "xmonad-extras": {
    description: "Third-party extensions for xmonad (a Haskell library; Debian only)",
    apt: "libghc-xmonad-extras-dev",
    dnf: null,
    pacman: null,
  },
  xmobar: { description: "Status bar for xmonad" },
  // Nix and containers
  nix: { description: "The Nix package manager", apt: "nix-bin" },
  docker: { description: "Docker container engine", apt: "docker.io", dnf: "moby-engine" },
  "docker-compose": { description: "Multi-container Docker applications" },
  podman: { description: "Daemonless container engine" },
  buildah: { description: "Builds OCI images" },
  skopeo: { description: "Inspects and copies container images" },
  kubectl: {
    description: "Kubernetes client (apt: from the Kubernetes repository)",
    dnf: "kubernetes-client",
  },
  ansible: { description: "IT automation" },
  postgresql: {
    description: "PostgreSQL database server",
    dnf: "postgresql-server",
    mainProgram: "psql",
  },
  // Storage and backups
  parted: { description: "Partition editor" },
  gptfdisk: {
    description: "GPT partitioning (gdisk)",
    apt: "gdisk",
    dnf: "gdisk",
    mainProgram: "gdisk",
  },
  cryptsetup: { description: "LUKS disk encryption" },
  lvm2: { description: "Logical volume manager", mainProgram: "lvm" },
  "btrfs-progs": { description: "Btrfs utilities", mainProgram: "btrfs" },
  dosfstools: { description: "FAT file system utilities", mainProgram: "mkfs.fat" },
  "ntfs-3g": { description: "NTFS driver" },
  exfatprogs: { description: "exFAT file system utilities", mainProgram: "mkfs.exfat" },
  "nfs-utils": { description: "NFS client", apt: "nfs-common", mainProgram: "mount.nfs" },
  "cifs-utils": { description: "SMB/CIFS mounting", mainProgram: "mount.cifs" },
  restic: { description: "Fast, secure backups" },
  borgbackup: { description: "Deduplicating backups", pacman: "borg", mainProgram: "borg" },
  // Desktop: window managers, bars, launchers
  i3: { description: "i3 tiling window manager", pacman: "i3-wm" },
  i3status: { description: "Status line for i3bar" },
  i3lock: { description: "Screen locker" },
  sway: { description: "Wayland compositor compatible with i3" },
  waybar: { description: "Status bar for Wayland compositors" },
  swaylock: { description: "Screen locker for Wayland" },
  polybar: { description: "Status bar" },
  rofi: { description: "Window switcher and application launcher" },
  dmenu: { description: "Dynamic menu for X", apt: "suckless-tools" },
  wofi: { description: "Launcher for Wayland" },
  picom: { description: "X compositor" },
  dunst: { description: "Notification daemon" },
  libnotify: { description: "notify-send", apt: "libnotify-bin", mainProgram: "notify-send" },
  feh: { description: "Image viewer and wallpaper setter" },
  nitrogen: { description: "Wallpaper browser and setter" },
  redshift: { description: "Adjusts the colour temperature of the screen" },
  "redshift-gtk": {
    description: "Redshift's tray icon",
    pacman: "redshift",
  },
  flameshot: { description: "Screenshot tool" },
  scrot: { description: "Command-line screenshots" },
  maim: { description: "Screenshots with selections" },
  grim: { description: "Wayland screenshots" },
  slurp: { description: "Selects a region in Wayland" },
  "xss-lock": { description: "Locks the screen on suspend and idle" },
  xautolock: { description: "Runs a locker after idle time" },
  barrier: { description: "Shares one keyboard and mouse between computers" },
  blueman: { description: "Bluetooth manager", mainProgram: "blueman-manager" },
  pavucontrol: { description: "PulseAudio volume control" },
  pamixer: { description: "PulseAudio command-line mixer" },
  "alsa-utils": { description: "ALSA utilities (amixer, alsamixer)", mainProgram: "amixer" },
  brightnessctl: { description: "Backlight control" },
  playerctl: { description: "Media player control" },
  arandr: { description: "Screen layout editor" },
  autorandr: { description: "Switches display profiles automatically" },
  xrandr: {
    description: "Screen resolution and layout",
    apt: "x11-xserver-utils",
    pacman: "xorg-xrandr",
  },
  setxkbmap: {
    description: "Sets the X keyboard layout",
    apt: "x11-xkb-utils",
    pacman: "xorg-setxkbmap",
  },
  xsetroot: {
    description: "Sets the X root window's cursor and background",
    apt: "x11-xserver-utils",
    pacman: "xorg-xsetroot",
  },
  xrdb: {
    description: "Loads X resources",
    apt: "x11-xserver-utils",
    pacman: "xorg-xrdb",
  },
  xset: {
    description: "X user preferences (screen saver, bell, DPMS)",
    apt: "x11-xserver-utils",
    pacman: "xorg-xset",
  },
  fontconfig: {
    description: "Font discovery and configuration (fc-cache, fc-list)",
    mainProgram: "fc-list",
  },
  "hicolor-icon-theme": { description: "The fallback icon theme" },
  "adwaita-icon-theme": { description: "GNOME's icon theme" },
  "gnome-themes-extra": { description: "Adwaita GTK 2 theme and high-contrast themes" },
  "vanilla-dmz": {
    description: "The DMZ cursor theme",
    apt: "dmz-cursor-theme",
    dnf: "dmz-cursor-themes",
    pacman: "xcursor-vanilla-dmz",
  },
  xclip: { description: "X clipboard from the command line" },
  xsel: { description: "X selection from the command line" },
  xdotool: { description: "Fakes X input and manages windows" },
  "wl-clipboard": { description: "Wayland clipboard (wl-copy, wl-paste)", mainProgram: "wl-copy" },
  "xdg-utils": { description: "xdg-open and friends", mainProgram: "xdg-open" },
  "xdg-user-dirs": {
    description: "Well-known user directories",
    mainProgram: "xdg-user-dirs-update",
  },
  udiskie: { description: "Automounts removable media" },
  lxappearance: { description: "GTK theme switcher" },
  // Desktop: terminals and applications
  alacritty: { description: "GPU-accelerated terminal emulator" },
  kitty: { description: "GPU-based terminal emulator" },
  xterm: { description: "The X terminal emulator" },
  "rxvt-unicode": { description: "urxvt terminal emulator", mainProgram: "urxvt" },
  firefox: {
    description: "Firefox web browser (Debian: the ESR release)",
    apt: "firefox-esr",
    bin: { apt: "firefox-esr" },
  },
  chromium: { description: "Chromium web browser" },
  thunderbird: { description: "Mail client" },
  zathura: { description: "Minimal document viewer" },
  evince: { description: "GNOME document viewer" },
  thunar: { description: "Xfce file manager", dnf: "Thunar" },
  pcmanfm: { description: "Lightweight file manager" },
  mpv: { description: "Media player" },
  vlc: { description: "Media player" },
  ffmpeg: { description: "Audio and video converter", dnf: "ffmpeg-free" },
  "yt-dlp": { description: "Downloads videos" },
  gimp: { description: "GNU image manipulation program" },
  inkscape: { description: "Vector graphics editor" },
  imagemagick: {
    description: "Image manipulation",
    dnf: "ImageMagick",
    mainProgram: "magick",
    bin: { apt: "convert" },
  },
  libreoffice: { description: "Office suite", pacman: "libreoffice-fresh" },
  "obs-studio": { description: "Streaming and recording", mainProgram: "obs" },
  gparted: { description: "Partition editor" },
  syncthing: { description: "Continuous file synchronisation" },
  // Documents
  ghostscript: { description: "PostScript and PDF interpreter", mainProgram: "gs" },
  qpdf: { description: "PDF transformation" },
  "poppler-utils": {
    description: "pdftotext, pdfinfo and friends",
    pacman: "poppler",
    mainProgram: "pdftotext",
  },
  exiftool: {
    description: "Reads and writes file metadata",
    pname: "Image-ExifTool",
    apt: "libimage-exiftool-perl",
    dnf: "perl-Image-ExifTool",
    pacman: "perl-image-exiftool",
  },
  w3m: { description: "Text web browser" },
  lynx: { description: "Text web browser" },
  // Mail, chat and feeds
  neomutt: { description: "Mail reader" },
  isync: { description: "Synchronises IMAP mailboxes", mainProgram: "mbsync" },
  msmtp: { description: "SMTP client" },
  notmuch: { description: "Mail indexer" },
  newsboat: { description: "RSS and Atom feed reader" },
  weechat: { description: "Chat client" },
  irssi: { description: "IRC client" },
  asciinema: { description: "Records terminal sessions" },
  // Fonts
  "fira-code": {
    description: "Fira Code font",
    apt: "fonts-firacode",
    dnf: "fira-code-fonts",
    pacman: "ttf-fira-code",
  },
  "jetbrains-mono": {
    description: "JetBrains Mono font",
    apt: "fonts-jetbrains-mono",
    dnf: "jetbrains-mono-fonts",
    pacman: "ttf-jetbrains-mono",
  },
  dejavu_fonts: {
    description: "DejaVu fonts",
    apt: "fonts-dejavu",
    dnf: "dejavu-sans-fonts",
    pacman: "ttf-dejavu",
  },
  "font-awesome": {
    description: "Font Awesome icon font",
    apt: "fonts-font-awesome",
    dnf: "fontawesome-fonts",
    pacman: "ttf-font-awesome",
  },
  "noto-fonts-emoji": {
    description: "Noto colour emoji font",
    apt: "fonts-noto-color-emoji",
    dnf: "google-noto-color-emoji-fonts",
    pacman: "noto-fonts-emoji",
  },
} satisfies Record<string, CatalogEntry>;

/**
 * Other names for catalog entries, for names people reach for first. An alias gives the very
 * same reference as its target (whose `name` is the target's).
 */
const aliases = {
  make: "gnumake",
} as const satisfies Record<string, keyof typeof entries>;

/**
 * A name the catalog offers: an entry or an alias.
 *
 * @example
 * const name: CatalogName = "ripgrep";
 */
export type CatalogName = keyof typeof entries | keyof typeof aliases;

/**
 * The catalog's entries as data, keyed by confed name.
 *
 * @example
 * catalog.bat.bin // { apt: "batcat" }
 */
export const catalog: Readonly<Record<keyof typeof entries, CatalogEntry>> = Object.freeze(entries);
for (const e of Object.values(entries) as CatalogEntry[]) {
  Object.freeze(e);
  if (e.bin) Object.freeze(e.bin);
}

/**
 * Every name the catalog offers (entries and aliases), sorted.
 *
 * @example
 * catalogNames.includes("ripgrep") // true
 */
export const catalogNames: readonly CatalogName[] = Object.freeze(
  [...Object.keys(entries), ...Object.keys(aliases)].sort() as CatalogName[],
);

const built = new Map<string, DistroPackage>();

/**
 * The shared reference for a catalog name (entry or alias), built on first use, or undefined
 * for a name the catalog does not have.
 *
 * @example
 * catalogPackage("fd")?.names.apt // "fd-find"
 * catalogPackage("make") === catalogPackage("gnumake") // true
 */
export function catalogPackage(name: string): DistroPackage | undefined {
  const hit = built.get(name);
  if (hit !== undefined) return hit;
  const key = Object.hasOwn(aliases, name) ? aliases[name as keyof typeof aliases] : name;
  if (!Object.hasOwn(entries, key)) return undefined;
  const e: CatalogEntry = entries[key as keyof typeof entries];
  const meta: { -readonly [K in keyof PackageMeta]: PackageMeta[K] } = {
    description: e.description,
  };
  if (e.mainProgram !== undefined) meta.mainProgram = e.mainProgram;
  const pkg = distroPackage({
    name: key,
    pname: e.pname,
    names: { apt: e.apt, dnf: e.dnf, pacman: e.pacman },
    bin: e.bin,
    meta,
  });
  built.set(key, pkg);
  built.set(name, pkg);
  return pkg;
}

/**
 * True when the catalog has `name` (an entry or an alias); never builds a reference.
 *
 * @example
 * inCatalog("mosh") // true
 */
export function inCatalog(name: string): boolean {
  return Object.hasOwn(entries, name) || Object.hasOwn(aliases, name);
}
