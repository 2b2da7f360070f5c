package dev.kolide.agent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.kolide.agent.api.querytarget.GetTargetsResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Pins every field name and number of reference launcher.md §2.1: a change here breaks Kolide's peers. */
class WireContractTest {

    static Stream<Arguments> fields() {
        return Stream.of(
                Arguments.of(AgentApiRequest.getDescriptor(), "node_key", 1),
                Arguments.of(AgentApiResponse.getDescriptor(), "message", 1),
                Arguments.of(AgentApiResponse.getDescriptor(), "error_code", 2),
                Arguments.of(AgentApiResponse.getDescriptor(), "node_invalid", 3),
                Arguments.of(AgentApiResponse.getDescriptor(), "disable_device", 4),
                Arguments.of(EnrollmentRequest.getDescriptor(), "enroll_secret", 1),
                Arguments.of(EnrollmentRequest.getDescriptor(), "host_identifier", 2),
                Arguments.of(EnrollmentRequest.getDescriptor(), "enrollment_details", 3),
                Arguments.of(EnrollmentDetails.getDescriptor(), "os_version", 1),
                Arguments.of(EnrollmentDetails.getDescriptor(), "os_build", 2),
                Arguments.of(EnrollmentDetails.getDescriptor(), "os_platform", 3),
                Arguments.of(EnrollmentDetails.getDescriptor(), "hostname", 4),
                Arguments.of(EnrollmentDetails.getDescriptor(), "hardware_vendor", 5),
                Arguments.of(EnrollmentDetails.getDescriptor(), "hardware_model", 6),
                Arguments.of(EnrollmentDetails.getDescriptor(), "hardware_serial", 7),
                Arguments.of(EnrollmentDetails.getDescriptor(), "osquery_version", 8),
                Arguments.of(EnrollmentDetails.getDescriptor(), "launcher_version", 9),
                Arguments.of(EnrollmentDetails.getDescriptor(), "os_name", 10),
                Arguments.of(EnrollmentDetails.getDescriptor(), "os_platform_like", 11),
                Arguments.of(EnrollmentDetails.getDescriptor(), "hardware_uuid", 12),
                Arguments.of(EnrollmentResponse.getDescriptor(), "node_key", 1),
                Arguments.of(EnrollmentResponse.getDescriptor(), "node_invalid", 2),
                Arguments.of(EnrollmentResponse.getDescriptor(), "error_code", 3),
                Arguments.of(EnrollmentResponse.getDescriptor(), "disable_device", 4),
                Arguments.of(ConfigResponse.getDescriptor(), "config_json_blob", 1),
                Arguments.of(ConfigResponse.getDescriptor(), "node_invalid", 2),
                Arguments.of(ConfigResponse.getDescriptor(), "error_code", 3),
                Arguments.of(ConfigResponse.getDescriptor(), "disable_device", 4),
                Arguments.of(LogCollection.getDescriptor(), "node_key", 1),
                Arguments.of(LogCollection.getDescriptor(), "log_type", 2),
                Arguments.of(LogCollection.getDescriptor(), "logs", 3),
                Arguments.of(LogCollection.getDescriptor(), "error_code", 4),
                Arguments.of(LogCollection.Log.getDescriptor(), "data", 1),
                Arguments.of(QueryCollection.getDescriptor(), "queries", 1),
                Arguments.of(QueryCollection.getDescriptor(), "node_invalid", 2),
                Arguments.of(QueryCollection.getDescriptor(), "error_code", 3),
                Arguments.of(QueryCollection.getDescriptor(), "disable_device", 4),
                Arguments.of(QueryCollection.Query.getDescriptor(), "id", 1),
                Arguments.of(QueryCollection.Query.getDescriptor(), "query", 2),
                Arguments.of(ResultCollection.getDescriptor(), "node_key", 1),
                Arguments.of(ResultCollection.getDescriptor(), "results", 2),
                Arguments.of(ResultCollection.getDescriptor(), "error_code", 3),
                Arguments.of(ResultCollection.Result.getDescriptor(), "id", 1),
                Arguments.of(ResultCollection.Result.getDescriptor(), "rows", 2),
                Arguments.of(ResultCollection.Result.getDescriptor(), "status", 3),
                Arguments.of(ResultCollection.Result.ResultRow.getDescriptor(), "columns", 1),
                Arguments.of(ResultCollection.Result.ResultRow.Column.getDescriptor(), "name", 1),
                Arguments.of(ResultCollection.Result.ResultRow.Column.getDescriptor(), "value", 2),
                Arguments.of(HealthCheckResponse.getDescriptor(), "status", 1),
                Arguments.of(GetTargetsResponse.getDescriptor(), "targets", 1));
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @MethodSource("fields")
    void fieldKeepsItsNumber(Descriptor message, String field, int number) {
        FieldDescriptor descriptor = message.findFieldByName(field);
        assertThat(descriptor).as("%s.%s", message.getFullName(), field).isNotNull();
        assertThat(descriptor.getNumber()).isEqualTo(number);
    }

    @Test
    void servicesKeepTheirFullNames() {
        assertThat(ApiGrpc.SERVICE_NAME).isEqualTo("kolide.agent.Api");
        assertThat(dev.kolide.agent.api.querytarget.QueryTargetGrpc.SERVICE_NAME)
                .isEqualTo("kolide.launcher.QueryTarget");
        assertThat(ApiGrpc.getPublishLogsMethod().getFullMethodName()).isEqualTo("kolide.agent.Api/PublishLogs");
        assertThat(LogCollection.LogType.STATUS.getNumber()).isEqualTo(1);
        assertThat(LogCollection.LogType.AGENT.getNumber()).isEqualTo(2);
        assertThat(HealthCheckResponse.ServingStatus.NOT_SERVING.getNumber()).isEqualTo(2);
    }
}
