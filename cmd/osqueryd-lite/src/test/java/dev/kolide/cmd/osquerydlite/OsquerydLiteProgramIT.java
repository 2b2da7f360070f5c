package dev.kolide.cmd.osquerydlite;

import dev.kolide.kit.testing.ProgramJarContract;

class OsquerydLiteProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "osqueryd-lite";
    }
}
