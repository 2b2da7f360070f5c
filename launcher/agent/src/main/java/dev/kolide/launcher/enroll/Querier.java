package dev.kolide.launcher.enroll;

import java.util.List;
import java.util.Map;

/** Runs SQL against the local osqueryd; each row a column → value map. */
@FunctionalInterface
public interface Querier {
    List<Map<String, String>> query(String sql);
}
