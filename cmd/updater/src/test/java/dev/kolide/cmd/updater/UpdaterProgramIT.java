package dev.kolide.cmd.updater;

import dev.kolide.kit.testing.ProgramJarContract;

class UpdaterProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "updater";
    }
}
