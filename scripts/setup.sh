#!/usr/bin/env bash
# Installs what Linimasa needs at run time from Debian's packages: the hunspell-id lexicon
# (GPL; read from /usr/share/hunspell, never copied into the repository).
set -euo pipefail
if [ -f /usr/share/hunspell/id_ID.dic ] && [ -f /usr/share/hunspell/id_ID.aff ]; then
  echo "setup: hunspell-id is installed (/usr/share/hunspell/id_ID.dic)" >&2
  exit 0
fi
echo "setup: installing Debian package hunspell-id (Indonesian lexicon for the stemmer)" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq hunspell-id >/dev/null
echo "setup: hunspell-id installed" >&2
