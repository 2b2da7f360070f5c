#!/bin/sh
# A single-file program: this script followed by a runnable jar. Java finds the jar's index at the end
# of the file, so the script in front does not disturb it.
# The launcher alone runs its newest autoupdated build when there is one (docs/launcher.md, Autoupdate):
# <dir>/launcher-updates/<unix-seconds>/launcher, skipping versions marked broken. That build is a program
# like this one, and has no launcher-updates beside it, so it runs itself.
if [ "$(basename "$0")" = launcher ] && [ -d "$(dirname "$0")/launcher-updates" ]; then
  updates="$(dirname "$0")/launcher-updates"
  newest=$(ls "$updates" | grep -E '^[0-9]+$' | sort -rn | while read -r version; do
    if [ -x "$updates/$version/launcher" ] && [ ! -e "$updates/$version/broken" ]; then
      echo "$version"
      break
    fi
  done)
  if [ -n "$newest" ]; then
    exec "$updates/$newest/launcher" "$@"
  fi
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java" >/dev/null 2>&1 || {
  echo "$(basename "$0"): needs a Java 17+ runtime: put java on PATH or set JAVA_HOME" >&2
  exit 127
}
exec "$java" @JVM_OPTS@ $JAVA_OPTS -jar "$0" "$@"
