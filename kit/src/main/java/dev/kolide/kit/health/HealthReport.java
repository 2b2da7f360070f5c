package dev.kolide.kit.health;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** Every check's result, in the order the checks were added; healthy when all of them are. */
public record HealthReport(boolean healthy, List<CheckResult> checks) {

    public HealthReport {
        checks = List.copyOf(requireNonNull(checks, "checks is null"));
        if (healthy != checks.stream().allMatch(CheckResult::healthy)) {
            throw new IllegalArgumentException("a health report is healthy exactly when all its checks are");
        }
    }

    public static HealthReport of(List<CheckResult> checks) {
        return new HealthReport(checks.stream().allMatch(CheckResult::healthy), checks);
    }
}
