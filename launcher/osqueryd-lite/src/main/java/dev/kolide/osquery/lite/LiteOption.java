package dev.kolide.osquery.lite;

import java.util.function.Consumer;

/** One choice that differs from {@link OsquerydLite.Settings}' defaults; made by {@link OsquerydLite}'s factories. */
public interface LiteOption extends Consumer<OsquerydLite.Settings> {}
