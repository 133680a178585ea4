#!/usr/bin/env bash
# Installs what Linimasa needs from Debian's packages: the hunspell-id lexicon (GPL; read at run
# time from /usr/share/hunspell, never copied into the repository) and SQLite's headers
# (libsqlite3-dev, which GRDB builds against), libxml2's and zlib's headers (libxml2-dev, zlib1g-dev:
# the HTML parser and gzip for saved web pages), and PostgreSQL (the server the tests of the
# PostgreSQL store start a throwaway cluster of; Linimasa itself needs only a server to connect to).
set -euo pipefail
missing=()
if [ ! -f /usr/share/hunspell/id_ID.dic ] || [ ! -f /usr/share/hunspell/id_ID.aff ]; then missing+=(hunspell-id); fi
if [ ! -f /usr/include/sqlite3.h ]; then missing+=(libsqlite3-dev); fi
if [ ! -f /usr/include/libxml2/libxml/HTMLparser.h ]; then missing+=(libxml2-dev); fi
if [ ! -f /usr/include/zlib.h ]; then missing+=(zlib1g-dev); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if ! command -v psql >/dev/null 2>&1; then missing+=(postgresql-client); fi
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: hunspell-id, libsqlite3-dev, libxml2-dev, zlib1g-dev and postgresql are installed" >&2
  exit 0
fi
echo "setup: installing Debian packages ${missing[*]} (Indonesian lexicon for the stemmer; SQLite headers for the store; libxml2 and zlib headers for web pages; PostgreSQL for the tests of the shared store)" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "setup: installed ${missing[*]}" >&2
