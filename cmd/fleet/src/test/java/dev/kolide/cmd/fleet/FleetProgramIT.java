package dev.kolide.cmd.fleet;

import dev.kolide.kit.testing.ProgramJarContract;

class FleetProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "fleet";
    }
}
