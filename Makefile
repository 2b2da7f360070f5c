# The same targets as every Kolide project: deps, test, build, xp, run, bench, clean.
# `make help` lists them.

SHELL := /bin/sh
MVN ?= mvn
MVN_FLAGS ?= -B -ntp
PROGRAMS := fleet fleetctl launcher updater package-builder osqueryd-lite osquery-perf
BUILD := build

# Build stamp: the date is the build's (or SOURCE_DATE_EPOCH's, for reproducible builds), in UTC ISO-8601.
BUILD_DATE := $(shell if [ -n "$$SOURCE_DATE_EPOCH" ]; then date -u -d "@$$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ; else date -u +%Y-%m-%dT%H:%M:%SZ; fi)
BUILD_USER := $(shell whoami 2>/dev/null || echo unknown)
STAMP := -Dbuild.date=$(BUILD_DATE) -Dbuild.user=$(BUILD_USER)
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo unknown)

# JVM options baked into each launch script: command-line tools start fast on one small heap;
# the servers take the JVM's defaults unless JAVA_OPTS says otherwise.
JVM_OPTS_fleet :=
# The launcher and osqueryd-lite idle on every host: their options (small heap, C1 only, unpooled Netty) are in
# one file, shared with package-builder's launcher script; why each, and what it saves, is written there.
SMALL_JVM := $(shell sed -n '/^-/p' cmd/src/launch/agent-jvm.options)
JVM_OPTS_launcher := $(SMALL_JVM)
JVM_OPTS_fleetctl := -XX:+UseSerialGC -XX:TieredStopAtLevel=1
JVM_OPTS_updater := -XX:+UseSerialGC -XX:TieredStopAtLevel=1
JVM_OPTS_package-builder := -XX:+UseSerialGC -XX:TieredStopAtLevel=1
JVM_OPTS_osqueryd-lite := $(SMALL_JVM)
# thousands of simulated hosts on a few threads: a small young generation collected often, no GC threads to compete
JVM_OPTS_osquery-perf := -XX:+UseSerialGC

.PHONY: help deps test build xp run bench clean programs

help:
	@echo "make deps    fetch every dependency and plugin (later builds can run offline: mvn -o)"
	@echo "make test    run the whole suite, unit and integration (needs MariaDB and Redis on 127.0.0.1)"
	@echo "make build   build the single-file programs into $(BUILD)/: $(PROGRAMS)"
	@echo "make xp      per-OS distributions under $(BUILD)/linux, $(BUILD)/darwin, $(BUILD)/windows"
	@echo "make run     run fleet locally on embedded defaults (a launcher joins with issue 6)"
	@echo "make bench   run the benchmarks and write docs/benchmarks.md"
	@echo "make clean   remove build output"

# The real build with tests compiled but not run loads every plugin and resolves every dependency the
# build and tests use (surefire's JUnit provider is a declared plugin dependency), so `mvn -o` works after.
# dependency:go-offline is not used: it also chases optional dependencies that Central does not serve.
deps:
	$(MVN) $(MVN_FLAGS) -DskipTests $(STAMP) clean verify

test:
	$(MVN) $(MVN_FLAGS) $(STAMP) verify
	$(MAKE) --no-print-directory programs
	cmd/src/check-programs.sh $(BUILD) $(PROGRAMS)
	$(BUILD)/osqueryd-lite --version

build:
	$(MVN) $(MVN_FLAGS) -DskipTests $(STAMP) package
	$(MAKE) --no-print-directory programs
	@echo "built: $(addprefix $(BUILD)/,$(PROGRAMS))"

# Single-file programs from the jars Maven left in cmd/*/target: a shell stub followed by the jar.
programs:
	@mkdir -p $(BUILD)
	@$(foreach p,$(PROGRAMS),\
	  test -f cmd/$(p)/target/$(p).jar || { echo "missing cmd/$(p)/target/$(p).jar: run 'make build'" >&2; exit 1; }; \
	  sed "s|@JVM_OPTS@|$(JVM_OPTS_$(p))|" cmd/src/launch/stub.sh > $(BUILD)/$(p).tmp; \
	  cat cmd/$(p)/target/$(p).jar >> $(BUILD)/$(p).tmp; \
	  chmod 0755 $(BUILD)/$(p).tmp; mv $(BUILD)/$(p).tmp $(BUILD)/$(p);)

# Per-OS distributions: the same jars with each OS's launch scripts, archived reproducibly.
xp: build
	@for os in linux darwin windows; do \
	  name=kolide-$(VERSION)-$$os; root=$(BUILD)/$$os/$$name; \
	  rm -rf $(BUILD)/$$os; mkdir -p $$root/bin $$root/lib; cp README.md $$root/; \
	  $(foreach p,$(PROGRAMS),\
	    cp cmd/$(p)/target/$(p).jar $$root/lib/$(p).jar; \
	    if [ $$os = windows ]; then \
	      sed -e "s|@PROGRAM@|$(p)|g" -e "s|@JVM_OPTS@|$(JVM_OPTS_$(p))|" cmd/src/launch/program.cmd > $$root/bin/$(p).cmd; \
	    else \
	      sed -e "s|@PROGRAM@|$(p)|g" -e "s|@JVM_OPTS@|$(JVM_OPTS_$(p))|" cmd/src/launch/program.sh > $$root/bin/$(p); \
	      chmod 0755 $$root/bin/$(p); \
	    fi;) \
	  if [ $$os = windows ]; then \
	    (cd $(BUILD)/$$os && jar --create --no-manifest --file $$name.zip $$name); \
	    echo "$(BUILD)/$$os/$$name.zip"; \
	  else \
	    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$(BUILD_DATE)" \
	      -C $(BUILD)/$$os -czf $(BUILD)/$$os/$$name.tar.gz $$name; \
	    echo "$(BUILD)/$$os/$$name.tar.gz"; \
	  fi; \
	done

# fleet on its embedded defaults (H2, a dev TLS certificate, logs under build/fleet-dev). launcher joins
# it here with issue 6; until then point osquery or osqueryd-lite at it by hand.
RUN_DIR := $(BUILD)/fleet-dev
RUN_ADDRESS ?= 127.0.0.1:8080
run: build
	@cmd/src/run-local.sh $(BUILD) $(RUN_DIR) $(RUN_ADDRESS)

# The benchmarks (perf/src/test/java/dev/kolide/perf/bench): fleet on MariaDB + Redis against simulated hosts, a
# no-op ceiling, live-query latency, the launcher's footprint; about 30 minutes; figures into docs/benchmarks.md.
# BENCH_ARGS=--quick tries the driver in a few minutes; BENCH_ARGS="--only capacity,push" runs some parts.
BENCH_ARGS ?=
BENCH_CP := target/bench.classpath
bench: build
	@cmd/src/services.sh
	$(MVN) $(MVN_FLAGS) -q -pl perf -am test-compile dependency:build-classpath \
	  -Dmdep.outputFile=$(CURDIR)/$(BENCH_CP) -Dmdep.includeScope=test
	@mkdir -p target/bench
	java -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Xms1g -Xmx2g -Xlog:gc:file=target/bench/gc-driver.log:uptime \
	  -cp perf/target/test-classes:perf/target/classes:$$(cat $(BENCH_CP)) \
	  dev.kolide.perf.bench.Benchmarks --build $(BUILD) --out docs/benchmarks.md --work target/bench $(BENCH_ARGS)

clean:
	$(MVN) $(MVN_FLAGS) -q clean
	rm -rf $(BUILD)
