package dev.kolide.updater.tuf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the targets tree in pre-order (spec 5.6.7): a role's own targets first, then its delegations in listed
 * order. A role only contributes targets inside its paths (plain prefixes, {@code ""} = all), a child's paths are
 * cut to its parent's, the first role to list a name wins, each role name is visited once (cycles), and at most
 * {@code maxDelegatedRoles} delegated roles are visited.
 */
final class TargetsResolver {

    /** Loads and verifies one delegated role with the delegator's keys for it; null when it is not to be used. */
    interface Loader {
        TargetsMetadata load(String role, RoleKeys keys);
    }

    record Resolution(Map<String, Target> targets, Map<String, TargetsMetadata> delegatedRoles) {
    }

    private final Loader loader;
    private final int maxDelegatedRoles;
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, TargetsMetadata> roles = new LinkedHashMap<>();
    private final Set<String> visited = new HashSet<>();
    private final List<String> terminated = new ArrayList<>();

    private TargetsResolver(Loader loader, int maxDelegatedRoles) {
        this.loader = loader;
        this.maxDelegatedRoles = maxDelegatedRoles;
    }

    static Resolution resolve(TargetsMetadata top, Loader loader, int maxDelegatedRoles) {
        TargetsResolver r = new TargetsResolver(loader, maxDelegatedRoles);
        r.visited.add("targets");
        r.visit("targets", top, List.of(""));
        return new Resolution(r.targets, r.roles);
    }

    private void visit(String role, TargetsMetadata md, List<String> paths) {
        for (Map.Entry<String, FileMeta> e : md.targets().entrySet()) {
            String name = e.getKey();
            if (matches(paths, name) && !matches(terminated, name) && !targets.containsKey(name)) {
                FileMeta meta = e.getValue();
                targets.put(name, new Target(name, meta.length().getAsLong(), meta.hashes(), role));
            }
        }
        for (TargetsMetadata.Delegation d : md.delegations()) {
            if (visited.contains(d.name())) {
                continue;
            }
            if (visited.size() - 1 >= maxDelegatedRoles) {
                return;
            }
            if (!RoleNames.isDelegation(d.name())) {
                throw Json.format(role, "delegation name " + d.name() + " is not targets/<name>");
            }
            visited.add(d.name());
            List<String> childPaths = restrict(d.paths(), paths);
            TargetsMetadata child = loader.load(d.name(), d.keys());
            if (child != null) {
                roles.put(d.name(), child);
                visit(d.name(), child, childPaths);
            }
            if (d.terminating()) {
                terminated.addAll(childPaths);
            }
        }
    }

    static boolean matches(List<String> prefixes, String name) {
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** The prefixes matching what both the child and its parent match. */
    static List<String> restrict(List<String> child, List<String> parent) {
        List<String> out = new ArrayList<>();
        for (String c : child) {
            for (String p : parent) {
                String both = c.startsWith(p) ? c : p.startsWith(c) ? p : null;
                if (both != null && !out.contains(both)) {
                    out.add(both);
                }
            }
        }
        return out;
    }
}
