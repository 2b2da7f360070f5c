package dev.kolide.cmd.fleetctl;

import dev.kolide.kit.testing.ProgramJarContract;
import org.junit.jupiter.api.Tag;

@Tag("packaged")
class FleetctlProgramIT extends ProgramJarContract {
    @Override
    protected String program() {
        return "fleetctl";
    }
}
