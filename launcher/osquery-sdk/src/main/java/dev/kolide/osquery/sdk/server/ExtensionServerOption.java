package dev.kolide.osquery.sdk.server;

import java.util.function.Consumer;

/** One choice that differs from {@link ExtensionServer.Settings}' defaults; made by {@link ExtensionServer}'s factories. */
public interface ExtensionServerOption extends Consumer<ExtensionServer.Settings> {}
