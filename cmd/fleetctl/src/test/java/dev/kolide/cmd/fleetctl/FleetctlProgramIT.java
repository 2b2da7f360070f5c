package dev.kolide.cmd.fleetctl;

import dev.kolide.kit.testing.ProgramJarContract;

class FleetctlProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "fleetctl";
    }
}
