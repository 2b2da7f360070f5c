package dev.kolide.fleet.domain;

/**
 * How many distinct hosts a set of targets (hosts and labels) resolves to, by status at one instant; what a
 * live query reports as its expected audience.
 */
public record TargetMetrics(long total, long online, long offline, long mia) {
}
