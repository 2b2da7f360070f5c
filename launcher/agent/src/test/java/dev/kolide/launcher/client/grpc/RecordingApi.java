package dev.kolide.launcher.client.grpc;

import com.google.protobuf.Message;
import dev.kolide.agent.api.AgentApiRequest;
import dev.kolide.agent.api.AgentApiResponse;
import dev.kolide.agent.api.ApiGrpc;
import dev.kolide.agent.api.ConfigResponse;
import dev.kolide.agent.api.EnrollmentRequest;
import dev.kolide.agent.api.EnrollmentResponse;
import dev.kolide.agent.api.HealthCheckResponse;
import dev.kolide.agent.api.LogCollection;
import dev.kolide.agent.api.QueryCollection;
import dev.kolide.agent.api.ResultCollection;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A kolide.agent.Api server that records what it receives and answers what the test set (or fails, or hangs). */
final class RecordingApi extends ApiGrpc.ApiImplBase {

    final List<Message> received = new CopyOnWriteArrayList<>();
    volatile EnrollmentResponse enrollment = EnrollmentResponse.newBuilder().setNodeKey("node-key").build();
    volatile ConfigResponse config = ConfigResponse.newBuilder().setConfigJsonBlob("{}").build();
    volatile QueryCollection queries = QueryCollection.getDefaultInstance();
    volatile AgentApiResponse logs = AgentApiResponse.getDefaultInstance();
    volatile AgentApiResponse results = AgentApiResponse.getDefaultInstance();
    volatile HealthCheckResponse health =
            HealthCheckResponse.newBuilder().setStatus(HealthCheckResponse.ServingStatus.SERVING).build();
    /** When set, every RPC fails with it. */
    volatile Status failure;
    /** When set, no RPC answers (until the server shuts down). */
    volatile boolean hang;

    <T extends Message> T last(Class<T> type) {
        for (int i = received.size() - 1; i >= 0; i--) {
            if (type.isInstance(received.get(i))) {
                return type.cast(received.get(i));
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " received; got " + received);
    }

    @Override
    public void requestEnrollment(EnrollmentRequest request, StreamObserver<EnrollmentResponse> observer) {
        answer(request, enrollment, observer);
    }

    @Override
    public void requestConfig(AgentApiRequest request, StreamObserver<ConfigResponse> observer) {
        answer(request, config, observer);
    }

    @Override
    public void requestQueries(AgentApiRequest request, StreamObserver<QueryCollection> observer) {
        answer(request, queries, observer);
    }

    @Override
    public void publishLogs(LogCollection request, StreamObserver<AgentApiResponse> observer) {
        answer(request, logs, observer);
    }

    @Override
    public void publishResults(ResultCollection request, StreamObserver<AgentApiResponse> observer) {
        answer(request, results, observer);
    }

    @Override
    public void checkHealth(AgentApiRequest request, StreamObserver<HealthCheckResponse> observer) {
        answer(request, health, observer);
    }

    private <T> void answer(Message request, T reply, StreamObserver<T> observer) {
        received.add(request);
        if (hang) {
            return;
        }
        Status status = failure;
        if (status != null) {
            observer.onError(status.asRuntimeException());
            return;
        }
        observer.onNext(reply);
        observer.onCompleted();
    }
}
