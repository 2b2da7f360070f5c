package dev.kolide.fleet.service.livequery;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.livequery.CampaignBus;
import dev.kolide.fleet.livequery.LiveResult;
import dev.kolide.fleet.service.osquery.LiveQuerySource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live queries in check-ins, from the {@link CampaignBus}: a read costs one in-memory lookup; an answer is
 * published without waiting on the network, and copied to the result log when {@link LiveResultLog} is given.
 */
public final class BusLiveQuerySource implements LiveQuerySource {
    private final Logger log = LoggerFactory.getLogger(BusLiveQuerySource.class);
    private final CampaignBus bus;
    private final LiveResultLog resultLog;

    /** @param resultLog {@link LiveResultLog#none()} unless {@code --osquery_log_live_query_results} */
    public BusLiveQuerySource(CampaignBus bus, LiveResultLog resultLog) {
        this.bus = requireNonNull(bus, "bus is null");
        this.resultLog = requireNonNull(resultLog, "resultLog is null");
    }

    @Override
    public Map<String, String> pendingFor(Host host) {
        requireNonNull(host, "host is null");
        Map<Long, String> pending = bus.pendingFor(host.id());
        if (pending.isEmpty()) {
            return Map.of();
        }
        Map<String, String> byName = new HashMap<>();
        pending.forEach((id, sql) -> byName.put(Long.toString(id), sql));
        return byName;
    }

    @Override
    public void record(Host host, String name, List<Map<String, String>> rows, int status, String error) {
        requireNonNull(host, "host is null");
        long campaignId;
        try {
            campaignId = Long.parseLong(name);
        } catch (NumberFormatException e) {
            log.atDebug().addKeyValue("host", host.id()).addKeyValue("name", name)
                    .log("ignoring a live query answer with a name that is no campaign id");
            return;
        }
        String message = status == 0 ? null : (error == null || error.isEmpty() ? "query failed with status " + status
                : error);
        LiveResult result = new LiveResult(campaignId, host.id(), rows, message);
        if (status == 0 && !rows.isEmpty()) {
            bus.find(campaignId).ifPresent(campaign -> resultLog.write(host, campaign, rows));
        }
        bus.publish(result);
    }
}
