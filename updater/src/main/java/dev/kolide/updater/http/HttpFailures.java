package dev.kolide.updater.http;

import java.io.IOException;
import java.net.URI;

/** Short, stack-free words for what went wrong with a request, for messages people read. */
public final class HttpFailures {
    private HttpFailures() {}

    /** "GET uri: HTTP 500 body-excerpt" for a response that is not what was asked for. */
    public static String status(URI uri, BoundedGet.Response response) {
        String excerpt = response.excerpt().replaceAll("\\s+", " ");
        return "GET " + uri + ": HTTP " + response.status() + (excerpt.isEmpty() ? "" : " " + excerpt);
    }

    /** An I/O failure in a few words; some (ConnectException) carry no message, only their type. */
    public static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
