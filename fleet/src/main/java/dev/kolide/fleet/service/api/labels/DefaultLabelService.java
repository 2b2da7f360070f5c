package dev.kolide.fleet.service.api.labels;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Host;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.LabelMembershipType;
import dev.kolide.fleet.domain.NewLabel;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.StateConflictException;
import dev.kolide.fleet.service.api.Viewer;
import dev.kolide.fleet.service.api.hosts.HostDetails;
import dev.kolide.fleet.service.api.hosts.HostDetailsLoader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link LabelService} over the label and host stores. */
public final class DefaultLabelService implements LabelService {

    private final Datastore datastore;
    private final HostDetailsLoader hostDetails;
    private final Clock clock;

    public DefaultLabelService(Datastore datastore, HostDetailsLoader hostDetails, Clock clock) {
        this.datastore = requireNonNull(datastore, "datastore is null");
        this.hostDetails = requireNonNull(hostDetails, "hostDetails is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<LabelDetails> list(Viewer viewer, Page page) {
        Access.requireActive(viewer);
        requireNonNull(page, "page is null");
        return page.list(datastore.labels()::list).stream().map(this::details).toList();
    }

    @Override
    public LabelDetails get(Viewer viewer, long id) {
        Access.requireActive(viewer);
        return details(find(id));
    }

    @Override
    public LabelDetails create(Viewer viewer, LabelInput input) {
        Access.requireAdmin(viewer);
        requireNonNull(input, "input is null");
        Problems problems = new Problems().requireText("name", input.name()).limitLength("name", input.name(), 255)
                .requireNoNulls("host_ids", input.hostIds());
        LabelMembershipType type = membershipType(problems, "label_membership_type", input.membershipType());
        if (type == LabelMembershipType.DYNAMIC) {
            problems.requireText("query", input.query())
                    .addIf(input.hostIds() != null && !input.hostIds().isEmpty(), "host_ids",
                            "only manual labels take hosts; a dynamic label's hosts come from its query");
        }
        problems.throwIfAny();
        Label label = datastore.labels().create(new NewLabel(input.name().strip(), orEmpty(input.description()),
                orEmpty(input.query()), orEmpty(input.platform()), type));
        if (type == LabelMembershipType.MANUAL && input.hostIds() != null) {
            datastore.labels().setManualMembers(label.id(), input.hostIds());
        }
        return details(label);
    }

    @Override
    public LabelDetails modify(Viewer viewer, long id, String name, String description) {
        Access.requireAdmin(viewer);
        new Problems().rejectBlank("name", name).limitLength("name", name, 255).throwIfAny();
        Label current = find(id);
        Label updated = datastore.labels().update(id, new NewLabel(name == null ? current.name() : name.strip(),
                description == null ? current.description() : description, current.query(), current.platform(),
                current.membershipType()));
        return details(updated);
    }

    @Override
    public void deleteByName(Viewer viewer, String name) {
        Access.requireAdmin(viewer);
        datastore.labels().deleteByName(requireNonNull(name, "name is null"));
    }

    @Override
    public void delete(Viewer viewer, long id) {
        Access.requireAdmin(viewer);
        datastore.labels().delete(id);
    }

    @Override
    public List<HostDetails> listHosts(Viewer viewer, long id, Page page) {
        Access.requireActive(viewer);
        requireNonNull(page, "page is null");
        find(id);
        return hostDetails.load(page.list(Map.of("host_name", "hostname"),
                options -> datastore.labels().listHosts(id, options)));
    }

    @Override
    public void applySpecs(Viewer viewer, List<LabelSpec> specs) {
        Access.requireAdmin(viewer);
        requireNonNull(specs, "specs is null");
        Problems problems = new Problems();
        Set<String> names = new HashSet<>();
        Map<Integer, List<Long>> members = new HashMap<>();
        Set<Integer> toApply = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String prefix = "specs[" + i + "].";
            LabelSpec spec = specs.get(i);
            if (spec == null) {
                problems.add("specs[" + i + "]", "cannot be null");
                continue;
            }
            problems.requireText(prefix + "name", spec.name()).limitLength(prefix + "name", spec.name(), 255);
            if (spec.name() != null && !names.add(spec.name().strip())) {
                problems.add(prefix + "name", "appears twice in the specs");
            }
            LabelMembershipType type = membershipType(problems, prefix + "label_membership_type",
                    spec.membershipType());
            if (type == LabelMembershipType.DYNAMIC) {
                problems.requireText(prefix + "query", spec.query());
            } else if (type == LabelMembershipType.MANUAL) {
                members.put(i, hostIds(problems, prefix, spec.hosts()));
            }
            Optional<Label> existing = spec.name() == null ? Optional.empty()
                    : datastore.labels().findByName(spec.name().strip());
            if (existing.isPresent() && existing.get().isBuiltin()) {
                if (!sameAsBuiltin(spec, existing.get())) {
                    throw new StateConflictException("label \"" + spec.name() + "\" is built in and cannot be changed");
                }
                continue;
            }
            toApply.add(i);
        }
        problems.throwIfAny();
        for (int i = 0; i < specs.size(); i++) {
            if (!toApply.contains(i)) {
                continue;
            }
            LabelSpec spec = specs.get(i);
            LabelMembershipType type = LabelMembershipType.fromValue(orDefault(spec.membershipType()));
            Label label = datastore.labels().upsert(new NewLabel(spec.name().strip(), orEmpty(spec.description()),
                    orEmpty(spec.query()), orEmpty(spec.platform()), type));
            if (type == LabelMembershipType.MANUAL) {
                datastore.labels().setManualMembers(label.id(), members.get(i));
            }
        }
    }

    /** Host ids of a manual label's hostnames (osquery host id, uuid or hostname, as hosts/identifier takes). */
    private List<Long> hostIds(Problems problems, String prefix, List<String> hosts) {
        List<Long> ids = new ArrayList<>();
        List<String> given = hosts == null ? List.of() : hosts;
        for (int j = 0; j < given.size(); j++) {
            String host = given.get(j);
            Optional<Host> found = host == null || host.isBlank() ? Optional.empty()
                    : datastore.hosts().findByIdentifier(host);
            if (found.isEmpty()) {
                problems.add(prefix + "hosts[" + j + "]", "no host is named \"" + host + "\"");
            } else {
                ids.add(found.get().id());
            }
        }
        return ids;
    }

    private static boolean sameAsBuiltin(LabelSpec spec, Label builtin) {
        return orEmpty(spec.query()).equals(builtin.query()) && orEmpty(spec.platform()).equals(builtin.platform())
                && orDefault(spec.membershipType()).equals(builtin.membershipType().value());
    }

    @Override
    public List<LabelSpec> specs(Viewer viewer) {
        Access.requireActive(viewer);
        return datastore.labels().list(ListOptions.all()).stream().map(this::spec).toList();
    }

    @Override
    public LabelSpec spec(Viewer viewer, String name) {
        Access.requireActive(viewer);
        requireNonNull(name, "name is null");
        return spec(datastore.labels().findByName(name).orElseThrow(() -> NotFoundException.of("label", name)));
    }

    private LabelSpec spec(Label label) {
        List<String> hosts = null;
        if (label.membershipType() == LabelMembershipType.MANUAL) {
            hosts = datastore.labels().listHosts(label.id(), ListOptions.all()).stream()
                    .map(h -> h.inventory().hostname().isEmpty() ? h.osqueryHostId() : h.inventory().hostname())
                    .toList();
        }
        return new LabelSpec(label.id(), label.name(), label.description(), label.query(), label.platform(),
                label.labelType().value(), label.membershipType().value(), hosts);
    }

    private LabelDetails details(Label label) {
        return new LabelDetails(label,
                datastore.hosts().targetMetrics(Set.of(), Set.of(label.id()), clock.instant()),
                datastore.labels().listHostIds(label.id()));
    }

    private Label find(long id) {
        return datastore.labels().find(id).orElseThrow(() -> NotFoundException.of("label", id));
    }

    /** The membership type named by {@code value} (dynamic when null), or a problem. */
    private static LabelMembershipType membershipType(Problems problems, String field, String value) {
        try {
            return LabelMembershipType.fromValue(orDefault(value));
        } catch (IllegalArgumentException e) {
            problems.add(field, "must be dynamic or manual");
            return null;
        }
    }

    private static String orDefault(String membershipType) {
        return membershipType == null || membershipType.isEmpty() ? LabelMembershipType.DYNAMIC.value()
                : membershipType;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
