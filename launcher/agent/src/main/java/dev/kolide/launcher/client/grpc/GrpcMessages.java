package dev.kolide.launcher.client.grpc;

import static java.util.Objects.requireNonNull;

import dev.kolide.agent.api.AgentApiRequest;
import dev.kolide.agent.api.EnrollmentRequest;
import dev.kolide.agent.api.LogCollection;
import dev.kolide.agent.api.QueryCollection;
import dev.kolide.agent.api.ResultCollection;
import dev.kolide.launcher.service.DistributedQuery;
import dev.kolide.launcher.service.EnrollmentDetails;
import dev.kolide.launcher.service.LogKind;
import dev.kolide.launcher.service.QueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Service values to and from the {@code kolide.agent} messages; pure functions, no I/O. */
final class GrpcMessages {

    private GrpcMessages() {}

    static EnrollmentRequest enrollment(String enrollSecret, String hostIdentifier, EnrollmentDetails details) {
        // goos/goarch are JSON-RPC only: the proto has no fields for them.
        dev.kolide.agent.api.EnrollmentDetails wire = dev.kolide.agent.api.EnrollmentDetails.newBuilder()
                .setOsVersion(details.osVersion())
                .setOsBuild(details.osBuild())
                .setOsPlatform(details.osPlatform())
                .setHostname(details.hostname())
                .setHardwareVendor(details.hardwareVendor())
                .setHardwareModel(details.hardwareModel())
                .setHardwareSerial(details.hardwareSerial())
                .setOsqueryVersion(details.osqueryVersion())
                .setLauncherVersion(details.launcherVersion())
                .setOsName(details.osName())
                .setOsPlatformLike(details.osPlatformLike())
                .setHardwareUuid(details.hardwareUuid())
                .build();
        return EnrollmentRequest.newBuilder()
                .setEnrollSecret(enrollSecret)
                .setHostIdentifier(hostIdentifier)
                .setEnrollmentDetails(wire)
                .build();
    }

    static AgentApiRequest nodeKey(String nodeKey) {
        return AgentApiRequest.newBuilder().setNodeKey(nodeKey).build();
    }

    static LogCollection logs(String nodeKey, LogKind kind, List<String> logs) {
        LogCollection.Builder collection = LogCollection.newBuilder()
                .setNodeKey(nodeKey)
                .setLogTypeValue(kind.wireNumber()); // LogKind is numbered as LogCollection.LogType
        for (String log : logs) {
            collection.addLogsBuilder().setData(requireNonNull(log, "a log is null"));
        }
        return collection.build();
    }

    static ResultCollection results(String nodeKey, List<QueryResult> results) {
        ResultCollection.Builder collection = ResultCollection.newBuilder().setNodeKey(nodeKey);
        for (QueryResult result : results) {
            ResultCollection.Result.Builder wire = collection.addResultsBuilder()
                    .setId(result.queryName())
                    .setStatus(result.status());
            for (Map<String, String> row : result.rows()) {
                ResultCollection.Result.ResultRow.Builder columns = wire.addRowsBuilder();
                // The map's own order: osquery's column order when the caller kept it (a LinkedHashMap).
                for (Map.Entry<String, String> column : row.entrySet()) {
                    columns.addColumnsBuilder()
                            .setName(column.getKey())
                            .setValue(requireNonNull(column.getValue(),
                                    () -> "query " + result.queryName() + ": column " + column.getKey()
                                            + " is null"));
                }
            }
        }
        return collection.build();
    }

    static List<DistributedQuery> queries(QueryCollection collection) {
        List<DistributedQuery> queries = new ArrayList<>(collection.getQueriesCount());
        for (QueryCollection.Query query : collection.getQueriesList()) {
            queries.add(new DistributedQuery(query.getId(), query.getQuery()));
        }
        return List.copyOf(queries);
    }
}
