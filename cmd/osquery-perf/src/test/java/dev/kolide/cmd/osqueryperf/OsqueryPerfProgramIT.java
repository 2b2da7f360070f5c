package dev.kolide.cmd.osqueryperf;

import dev.kolide.kit.testing.ProgramJarContract;

class OsqueryPerfProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "osquery-perf";
    }
}
