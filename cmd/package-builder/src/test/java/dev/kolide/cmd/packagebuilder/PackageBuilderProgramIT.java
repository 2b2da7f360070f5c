package dev.kolide.cmd.packagebuilder;

import dev.kolide.kit.testing.ProgramJarContract;

class PackageBuilderProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "package-builder";
    }
}
