package dev.kolide.fleet.transport.http.routing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.URIUtil;

/**
 * A path with named parameters, as {@code /api/v1/kolide/hosts/{id}}: literal segments match themselves, a
 * {@code {name}} segment matches any one non-empty segment. Parameters are whole segments; there are no
 * wildcards spanning segments, no optional parts and no regular expressions, which keeps matching a handful of
 * string comparisons.
 *
 * <p>Paths are matched as Jetty canonicalises them, still percent-encoded, segment by segment; then each
 * parameter value is decoded on its own ({@code %20} is a space, and {@code %2F} a slash inside the value rather
 * than a segment boundary). An empty segment (a trailing slash, {@code //}) never matches.
 */
public final class RouteTemplate {

    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String template;
    /** The literal text of each segment, or null where the segment is a parameter. */
    private final String[] literals;
    /** The parameter name of each segment, or null where the segment is literal. */
    private final String[] parameters;
    private final List<String> parameterNames;

    private RouteTemplate(String template, String[] literals, String[] parameters, List<String> parameterNames) {
        this.template = template;
        this.literals = literals;
        this.parameters = parameters;
        this.parameterNames = parameterNames;
    }

    /** Parses {@code template}; throws {@link IllegalArgumentException} saying what is wrong with it. */
    public static RouteTemplate parse(String template) {
        requireNonNull(template, "template is null");
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route template \"" + template + "\" does not start with /");
        }
        if (template.equals("/")) {
            return new RouteTemplate(template, new String[0], new String[0], List.of());
        }
        String[] segments = template.substring(1).split("/", -1);
        String[] literals = new String[segments.length];
        String[] parameters = new String[segments.length];
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("route template \"" + template + "\" has an empty segment");
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1);
                if (!PARAMETER_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("route template \"" + template + "\": parameter name \""
                            + name + "\" is not lower_snake_case");
                }
                if (!seen.add(name)) {
                    throw new IllegalArgumentException("route template \"" + template + "\" names parameter \""
                            + name + "\" twice");
                }
                parameters[i] = name;
                names.add(name);
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("route template \"" + template + "\": a parameter must be a"
                        + " whole segment, as {name}, not \"" + segment + "\"");
            } else {
                literals[i] = segment;
            }
        }
        return new RouteTemplate(template, literals, parameters, List.copyOf(names));
    }

    /** The template as written, which is also the route's metrics label. */
    public String template() {
        return template;
    }

    public List<String> parameterNames() {
        return parameterNames;
    }

    public boolean hasParameters() {
        return !parameterNames.isEmpty();
    }

    int segmentCount() {
        return literals.length;
    }

    /** The template with parameter names blanked ({@code /hosts/{}}): templates of one shape match the same paths. */
    String shape() {
        StringBuilder shape = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            shape.append('/').append(literals[i] != null ? literals[i] : "{}");
        }
        return shape.length() == 0 ? "/" : shape.toString();
    }

    /** Whether {@code path}, split at {@code bounds} (see {@link PathSegments}), matches this template. */
    boolean matches(String path, int[] bounds) {
        if (bounds.length != 2 * literals.length) {
            return false;
        }
        for (int i = 0; i < literals.length; i++) {
            String literal = literals[i];
            if (literal != null) {
                int start = bounds[2 * i];
                int length = bounds[2 * i + 1] - start;
                if (length != literal.length() || !path.regionMatches(start, literal, 0, length)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The decoded parameter values of a matching {@code path}, in the order of {@link #parameterNames()}. */
    String[] values(String path, int[] bounds) {
        String[] values = new String[parameterNames.size()];
        int next = 0;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] != null) {
                int start = bounds[2 * i];
                values[next++] = URIUtil.decodePath(path, start, bounds[2 * i + 1] - start);
            }
        }
        return values;
    }

    /**
     * Orders templates of one segment count from the most specific: at the first segment where one is literal
     * and the other a parameter, the literal one wins ({@code /packs/id/{id}} before {@code /packs/{id}/scheduled}).
     */
    static int bySpecificity(RouteTemplate a, RouteTemplate b) {
        for (int i = 0; i < Math.min(a.literals.length, b.literals.length); i++) {
            boolean aLiteral = a.literals[i] != null;
            boolean bLiteral = b.literals[i] != null;
            if (aLiteral != bLiteral) {
                return aLiteral ? -1 : 1;
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return template;
    }
}
