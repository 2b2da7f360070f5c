package dev.kolide.cmd.fleetctl;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.time.Clock;

/**
 * What main makes once and every command uses: the config file, the streams (results on {@code out}, progress
 * and messages on {@code err}, answers to prompts from {@code in}) and the clock.
 */
public record Fleetctl(ConfigStore configs, PrintWriter out, PrintWriter err, BufferedReader in, Clock clock) {
    public Fleetctl {
        requireNonNull(configs, "configs is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        requireNonNull(in, "in is null");
        requireNonNull(clock, "clock is null");
    }
}
