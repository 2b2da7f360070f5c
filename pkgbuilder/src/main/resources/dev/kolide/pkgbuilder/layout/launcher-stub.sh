#!/bin/sh
# The Kolide launcher, installed by package-builder: this script followed by a runnable jar (Java 17+).
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$java" >/dev/null 2>&1 || {
  echo "launcher: needs a Java 17+ runtime: install one, put java on PATH or set JAVA_HOME" >&2
  exit 127
}
exec "$java" @JVM_OPTS@ $JAVA_OPTS -jar "$0" "$@"
