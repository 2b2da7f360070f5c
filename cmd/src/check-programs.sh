#!/bin/sh
# Checks that every program in build/ runs as a single file: --help exits 0 with a usage text, `version`
# prints the build stamp, `version --json` is one JSON object whose revision is this checkout's HEAD.
# Usage: cmd/src/check-programs.sh BUILD_DIR PROGRAM...
set -eu
dir=$1; shift
head=$(git rev-parse HEAD 2>/dev/null || echo unknown)
failed=0
passed=0
fail() { echo "FAIL $1: $2" >&2; failed=$((failed + 1)); }
for p in "$@"; do
  exe="$dir/$p"
  if [ ! -x "$exe" ]; then fail "$p" "$exe is missing or not executable"; continue; fi
  if ! help=$("$exe" --help 2>&1); then fail "$p" "--help exited non-zero"; continue; fi
  case $help in *"Usage: $p"*) ;; *) fail "$p" "--help printed no usage"; continue;; esac
  case $help in *version*) ;; *) fail "$p" "--help does not list the version subcommand"; continue;; esac
  if ! text=$("$exe" version 2>&1); then fail "$p" "version exited non-zero"; continue; fi
  case $text in "$p - version "*) ;; *) fail "$p" "version printed: $text"; continue;; esac
  if ! json=$("$exe" version --json 2>&1); then fail "$p" "version --json exited non-zero"; continue; fi
  if ! printf '%s' "$json" | python3 -c '
import json, sys
info = json.load(sys.stdin)
want = {"program": sys.argv[1], "revision": sys.argv[2]}
keys = ["program", "version", "branch", "revision", "build_date", "build_user", "java_version"]
missing = [k for k in keys if not info.get(k)]
if missing: sys.exit("missing keys: %s" % missing)
for k, v in want.items():
    if v != "unknown" and info[k] != v: sys.exit("%s is %s, expected %s" % (k, info[k], v))
' "$p" "$head"; then fail "$p" "version --json: $json"; continue; fi
  passed=$((passed + 1))
  echo "ok   $p ($(printf '%s' "$json" | python3 -c 'import json,sys; i=json.load(sys.stdin); print(i["version"], i["revision"][:12])'))"
done
echo "programs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
