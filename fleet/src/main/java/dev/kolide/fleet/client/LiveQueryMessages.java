package dev.kolide.fleet.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The live-query socket's JSON messages, {@code {"type": ..., "data": ...}} both ways (Kolide's
 * {@code websocket.JSONMessage}).
 */
final class LiveQueryMessages {
    private final ObjectMapper json;

    LiveQueryMessages(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    String auth(String token) {
        ObjectNode message = json.createObjectNode().put("type", "auth");
        message.putObject("data").put("token", token);
        return message.toString();
    }

    String selectCampaign(long campaignId) {
        ObjectNode message = json.createObjectNode().put("type", "select_campaign");
        message.putObject("data").put("campaign_id", campaignId);
        return message.toString();
    }

    LiveQueryEvent decode(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return new LiveQueryEvent.Error("fleet sent a live-query message that is not JSON");
        }
        JsonNode data = message.path("data");
        String type = message.path("type").asText("");
        return switch (type) {
            case "result" -> new LiveQueryEvent.Result(data.path("host"), data.path("rows"),
                    data.path("error").isTextual() && !data.path("error").asText().isEmpty()
                            ? data.path("error").asText() : null);
            case "totals" -> new LiveQueryEvent.Totals(data.path("count").asInt(), data.path("online").asInt(),
                    data.path("offline").asInt(), data.path("missing_in_action").asInt());
            case "status" -> new LiveQueryEvent.Status(data.path("expected_results").asInt(),
                    data.path("actual_results").asInt(), data.path("status").asText(""));
            case "error" -> new LiveQueryEvent.Error(data.isTextual() ? data.asText() : data.toString());
            default -> new LiveQueryEvent.Unknown(type, data);
        };
    }
}
