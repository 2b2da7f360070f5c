package dev.kolide.fleet.service.api.setup;

/** First-run setup: allowed only while no user exists, and needs no credentials for that reason. */
public interface SetupService {

    /** Whether setup has yet to run (no user exists). */
    boolean required();

    /**
     * Creates the first admin, saves the organization and server URL, makes sure an enroll secret named
     * "default" exists (the one given, else a random one when there is none yet), and logs the admin in.
     *
     * @throws dev.kolide.fleet.service.api.StateConflictException once any user exists
     * @throws dev.kolide.fleet.service.api.InvalidInputException naming each refused field
     */
    SetupResult setup(SetupInput input);
}
