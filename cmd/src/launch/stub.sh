#!/bin/sh
# A single-file program: this script followed by a runnable jar. Java finds the jar's index at the end
# of the file, so the script in front does not disturb it.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java" >/dev/null 2>&1 || {
  echo "$(basename "$0"): needs a Java 17+ runtime: put java on PATH or set JAVA_HOME" >&2
  exit 127
}
exec "$java" @JVM_OPTS@ $JAVA_OPTS -jar "$0" "$@"
