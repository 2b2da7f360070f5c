package dev.kolide.kit.log;

import java.util.function.Consumer;

/** One choice that differs from {@link LogSetup.Settings}' defaults; made by {@link LogSetup}'s factories. */
public interface LogOption extends Consumer<LogSetup.Settings> {}
