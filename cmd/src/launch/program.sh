#!/bin/sh
# Launch script of a per-OS distribution: bin/<program> runs lib/<program>.jar.
here=$(cd "$(dirname "$0")" && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java" >/dev/null 2>&1 || {
  echo "@PROGRAM@: needs a Java 17+ runtime: put java on PATH or set JAVA_HOME" >&2
  exit 127
}
exec "$java" @JVM_OPTS@ $JAVA_OPTS -jar "$here/../lib/@PROGRAM@.jar" "$@"
