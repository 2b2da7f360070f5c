package dev.kolide.fleet.transport.http.api.livequery;

import dev.kolide.fleet.domain.DistributedQueryCampaign;
import dev.kolide.fleet.domain.TargetMetrics;
import dev.kolide.fleet.service.livequery.CampaignResult;
import dev.kolide.fleet.transport.http.api.hosts.HostJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** Kolide Fleet's JSON shapes for campaigns, their metrics and results (maps: the keys are Kolide's, verbatim). */
final class LiveQueryJson {

    private LiveQueryJson() {}

    /**
     * Kolide's DistributedQueryCampaign: {@code status} is its number (0 waiting, 1 running, 2 complete) and the
     * metrics sit under Go's untagged field name {@code Metrics}.
     */
    static Map<String, Object> campaign(DistributedQueryCampaign campaign, TargetMetrics metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created_at", campaign.createdAt());
        json.put("updated_at", campaign.updatedAt());
        json.put("id", campaign.id());
        json.put("query_id", campaign.queryId());
        json.put("status", campaign.status().ordinal());
        json.put("user_id", campaign.userId());
        json.put("Metrics", metrics(metrics));
        return json;
    }

    static Map<String, Object> metrics(TargetMetrics metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", metrics.total());
        json.put("online", metrics.online());
        json.put("offline", metrics.offline());
        json.put("missing_in_action", metrics.mia());
        return json;
    }

    /** One host's answer: {@code distributed_query_execution_id} is the campaign id, {@code error} null on success. */
    static Map<String, Object> result(CampaignResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("distributed_query_execution_id", result.campaignId());
        json.put("host", HostJson.from(result.host()));
        json.put("rows", result.rows());
        json.put("error", result.error());
        return json;
    }
}
