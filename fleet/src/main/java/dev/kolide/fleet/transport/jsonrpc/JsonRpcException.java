package dev.kolide.fleet.transport.jsonrpc;

/** A JSON-RPC error to answer: its code ({@code -32602} ...) and a message for the client. */
final class JsonRpcException extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** The first of the codes the spec leaves to servers: a failure the client may retry. */
    static final int SERVER_ERROR = -32000;

    private static final long serialVersionUID = 1L;

    private final int code;

    JsonRpcException(int code, String message) {
        super(message);
        this.code = code;
    }

    JsonRpcException(int code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    int code() {
        return code;
    }

    static JsonRpcException invalidParams(String message) {
        return new JsonRpcException(INVALID_PARAMS, message);
    }
}
