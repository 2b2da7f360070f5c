package dev.kolide.perf.stats;

/** How many simulated hosts there are, hold an accepted node key, and checked in recently. */
public record HostCounts(int hosts, int enrolled, int online, int inFlight) {}
