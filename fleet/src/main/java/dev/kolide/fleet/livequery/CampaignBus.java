package dev.kolide.fleet.livequery;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Live-query state shared by every fleet server: which campaigns run, which hosts answered, and the results on
 * their way to whoever watches. In-process under {@code --dev}, Redis otherwise.
 *
 * <p>{@link #pendingFor} and {@link #publish} run on every check-in: they work from memory and never wait on a
 * shared store (fleetdm's lesson, reference §2.4.6). The other methods serve the REST API and may fail with
 * {@link LiveQueryUnavailableException}.
 */
public interface CampaignBus extends AutoCloseable {

    /** Makes the campaign visible to every server's check-ins. */
    void start(LiveCampaign campaign);

    /** The campaigns the host is targeted by and has not answered yet: campaign id → SQL. A map lookup. */
    Map<Long, String> pendingFor(long hostId);

    /**
     * Marks the host as having answered and hands the result to the campaign's subscribers, wherever they are.
     * A result for an unknown or finished campaign is dropped. Never blocks on the network. When nobody received
     * it, the {@link NoWatcherRule} decides: ask the host again, or abandon the campaign.
     */
    void publish(LiveResult result);

    /** Calls {@code listener} with every result published for the campaign from now on, until closed. */
    Subscription subscribe(long campaignId, Consumer<LiveResult> listener);

    /** The hosts that answered the campaign so far (empty once it finished). */
    Set<Long> answered(long campaignId);

    /** Whether nobody watched an answer after the grace period ({@link NoWatcherRule}): finish it. */
    boolean abandoned(long campaignId);

    /** Removes the campaign's state everywhere: no host is asked any more, later results are dropped. */
    void finish(long campaignId);

    /** The campaign, while this server knows it to be running. From memory. */
    Optional<LiveCampaign> find(long campaignId);

    /** The campaigns this server knows to be running. */
    Collection<LiveCampaign> active();

    /**
     * Calls {@code listener} with each campaign this server learns of from now on (started here or on another
     * server), so live queries can be pushed to hosts connected here. It must not block.
     */
    void onCampaignStarted(Consumer<LiveCampaign> listener);

    /**
     * Calls {@code listener} with (campaign, host) each time an answer nobody watched yet makes the host be asked
     * again ({@link NoWatcherRule}), so a pushed query can be pushed again. It must not block.
     */
    void onAskedAgain(BiConsumer<LiveCampaign, Long> listener);

    /** Checks that the bus can take a new campaign; LiveQueryUnavailableException otherwise. */
    void requireAvailable();

    @Override
    void close();

    /** An open subscription; closing it twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
