package dev.kolide.cmd.launcher;

import dev.kolide.kit.testing.ProgramJarContract;

class LauncherProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "launcher";
    }
}
