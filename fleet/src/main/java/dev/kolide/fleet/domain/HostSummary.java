package dev.kolide.fleet.domain;

/**
 * Host counts by status at one instant ({@code GET host_summary}). {@code newHosts} overlaps the other three
 * (see {@link HostStatus#NEW}); online + offline + mia = total.
 */
public record HostSummary(long online, long offline, long mia, long newHosts, long total) {
}
