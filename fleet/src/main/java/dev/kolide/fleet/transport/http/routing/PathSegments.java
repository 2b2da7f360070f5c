package dev.kolide.fleet.transport.http.routing;

/** Splits a request path into segments by index, without building substrings. */
final class PathSegments {

    private PathSegments() {}

    /**
     * Start and end (exclusive) of each segment of {@code path}, as pairs: {@code /a/bc} gives {@code [1,2,3,5]}.
     * An empty array for {@code /}; null when the path does not start with / or has an empty segment, which no
     * route matches.
     */
    static int[] bounds(String path) {
        int length = path.length();
        if (length == 0 || path.charAt(0) != '/') {
            return null;
        }
        if (length == 1) {
            return new int[0];
        }
        int segments = 1;
        for (int i = 1; i < length; i++) {
            if (path.charAt(i) == '/') {
                segments++;
            }
        }
        int[] bounds = new int[2 * segments];
        int start = 1;
        int n = 0;
        for (int i = 1; i <= length; i++) {
            if (i == length || path.charAt(i) == '/') {
                if (i == start) {
                    return null;
                }
                bounds[n++] = start;
                bounds[n++] = i;
                start = i + 1;
            }
        }
        return bounds;
    }
}
