package dev.kolide.fleet.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One message of a live query's results socket, decoded; {@link Closed} when the socket ends. */
public sealed interface LiveQueryEvent {

    /** A host answered: its rows, or the error osquery reported. {@code host} is the host JSON. */
    record Result(JsonNode host, JsonNode rows, String error) implements LiveQueryEvent {
        public String hostname() {
            return host.path("hostname").asText("");
        }
    }

    /** How many hosts the campaign targets, and how many of them are online. */
    record Totals(int count, int online, int offline, int missingInAction) implements LiveQueryEvent {}

    /** Progress: results expected (online targets) and received; {@code status} pending or finished. */
    record Status(int expectedResults, int actualResults, String status) implements LiveQueryEvent {}

    /** The server refused or failed something (a bad token, an unknown campaign ...). */
    record Error(String message) implements LiveQueryEvent {}

    /** The socket closed; {@code reason} says why when the server gave one. */
    record Closed(int code, String reason) implements LiveQueryEvent {}

    /** A message type this client does not know; kept so a newer server does not break an older client. */
    record Unknown(String type, JsonNode data) implements LiveQueryEvent {}
}
