package dev.kolide.osquery.sdk;

import java.util.List;
import java.util.Map;

/** osquery's {@code ExtensionManager} service, served by osqueryd on its extensions socket. */
public interface ExtensionManager extends Extension {
    /** The registered extensions by uuid. */
    Map<Long, ExtensionInfo> extensions();

    /** osqueryd's flags by name. */
    Map<String, OptionInfo> options();

    /**
     * Registers an extension and its plugins: registry name → plugin name → routes (for a table, one map per
     * column). On success the status carries the extension's uuid; it then serves on {@code <socket>.<uuid>}.
     */
    ExtensionStatus registerExtension(ExtensionInfo info, Map<String, Map<String, List<Map<String, String>>>> registry);

    ExtensionStatus deregisterExtension(long uuid);

    /** Runs {@code sql}; the rows come back as strings. */
    ExtensionResponse query(String sql);

    /** One {@code {column: type}} map per result column of {@code sql}, without running it. */
    ExtensionResponse getQueryColumns(String sql);
}
