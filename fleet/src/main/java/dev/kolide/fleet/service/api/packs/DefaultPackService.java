package dev.kolide.fleet.service.api.packs;

import static java.util.Objects.requireNonNull;

import dev.kolide.fleet.datastore.Datastore;
import dev.kolide.fleet.datastore.ListOptions;
import dev.kolide.fleet.datastore.NotFoundException;
import dev.kolide.fleet.domain.Label;
import dev.kolide.fleet.domain.NewPack;
import dev.kolide.fleet.domain.NewScheduledQuery;
import dev.kolide.fleet.domain.Pack;
import dev.kolide.fleet.domain.PackTarget;
import dev.kolide.fleet.domain.Query;
import dev.kolide.fleet.domain.ScheduledQuery;
import dev.kolide.fleet.domain.TargetType;
import dev.kolide.fleet.service.api.Access;
import dev.kolide.fleet.service.api.Page;
import dev.kolide.fleet.service.api.Problems;
import dev.kolide.fleet.service.api.Viewer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** {@link PackService} over the pack, scheduled query, label, query and host stores. */
public final class DefaultPackService implements PackService {

    private final Datastore datastore;
    private final Clock clock;

    public DefaultPackService(Datastore datastore, Clock clock) {
        this.datastore = requireNonNull(datastore, "datastore is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<PackDetails> list(Viewer viewer, Page page) {
        Access.requireActive(viewer);
        requireNonNull(page, "page is null");
        return page.list(datastore.packs()::list).stream().map(this::details).toList();
    }

    @Override
    public PackDetails get(Viewer viewer, long id) {
        Access.requireActive(viewer);
        return details(find(id));
    }

    @Override
    public PackDetails create(Viewer viewer, PackInput input) {
        Access.requireAdmin(viewer);
        requireNonNull(input, "input is null");
        Problems problems = new Problems().requireText("name", input.name());
        checkTargets(problems, input);
        problems.limitLength("name", input.name(), 255).throwIfAny();
        Pack pack = datastore.packs().create(new NewPack(input.name().strip(), orEmpty(input.description()),
                orEmpty(input.platform()), Boolean.TRUE.equals(input.disabled())));
        replaceTargets(pack.id(), input);
        return details(pack);
    }

    @Override
    public PackDetails modify(Viewer viewer, long id, PackInput changes) {
        Access.requireAdmin(viewer);
        requireNonNull(changes, "changes is null");
        Problems problems = new Problems().rejectBlank("name", changes.name());
        checkTargets(problems, changes);
        problems.limitLength("name", changes.name(), 255).throwIfAny();
        Pack current = find(id);
        Pack pack = datastore.packs().update(id, new NewPack(
                changes.name() == null ? current.name() : changes.name().strip(),
                changes.description() == null ? current.description() : changes.description(),
                changes.platform() == null ? current.platform() : changes.platform(),
                changes.disabled() == null ? current.disabled() : changes.disabled()));
        if (changes.hostIds() != null || changes.labelIds() != null) {
            List<PackTarget> targets = datastore.packs().listTargets(id);
            List<Long> hostIds = changes.hostIds() != null ? changes.hostIds() : targetIds(targets, TargetType.HOST);
            List<Long> labelIds = changes.labelIds() != null ? changes.labelIds()
                    : targetIds(targets, TargetType.LABEL);
            datastore.packs().replaceTargets(id, Set.copyOf(labelIds), Set.copyOf(hostIds));
        }
        return details(pack);
    }

    @Override
    public void deleteByName(Viewer viewer, String name) {
        Access.requireAdmin(viewer);
        datastore.packs().deleteByName(requireNonNull(name, "name is null"));
    }

    @Override
    public void delete(Viewer viewer, long id) {
        Access.requireAdmin(viewer);
        datastore.packs().delete(id);
    }

    @Override
    public List<ScheduledQueryDetails> listScheduled(Viewer viewer, long packId) {
        Access.requireActive(viewer);
        find(packId);
        return ScheduledQueries.withQueryIds(datastore, datastore.scheduledQueries().listInPack(packId));
    }

    @Override
    public void applySpecs(Viewer viewer, List<PackSpec> specs) {
        Access.requireAdmin(viewer);
        requireNonNull(specs, "specs is null");
        Problems problems = new Problems();
        Map<String, Long> labelIds = new HashMap<>();
        Set<String> packNames = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            String prefix = "specs[" + i + "].";
            PackSpec spec = specs.get(i);
            if (spec == null) {
                problems.add("specs[" + i + "]", "cannot be null");
                continue;
            }
            problems.requireText(prefix + "name", spec.name()).limitLength(prefix + "name", spec.name(), 255);
            if (spec.name() != null && !packNames.add(spec.name().strip())) {
                problems.add(prefix + "name", "appears twice in the specs");
            }
            List<String> labels = spec.targetLabels() == null ? List.of() : spec.targetLabels();
            for (int j = 0; j < labels.size(); j++) {
                String label = labels.get(j);
                Optional<Label> found = label == null ? Optional.empty() : datastore.labels().findByName(label);
                if (found.isEmpty()) {
                    problems.add(prefix + "targets.labels[" + j + "]", "no label is named \"" + label + "\"");
                } else {
                    labelIds.put(label, found.get().id());
                }
            }
            checkQueries(problems, prefix, spec.queries() == null ? List.of() : spec.queries());
        }
        problems.throwIfAny();
        for (PackSpec spec : specs) {
            Pack pack = datastore.packs().upsert(new NewPack(spec.name().strip(), orEmpty(spec.description()),
                    orEmpty(spec.platform()), Boolean.TRUE.equals(spec.disabled())));
            Set<Long> targets = new LinkedHashSet<>();
            (spec.targetLabels() == null ? List.<String>of() : spec.targetLabels())
                    .forEach(label -> targets.add(labelIds.get(label)));
            datastore.packs().replaceTargets(pack.id(), targets, Set.of());
            List<NewScheduledQuery> schedule = new ArrayList<>();
            for (PackSpecQuery q : spec.queries() == null ? List.<PackSpecQuery>of() : spec.queries()) {
                schedule.add(new NewScheduledQuery(pack.id(), q.name(), q.query(), orEmpty(q.description()),
                        q.interval(), q.snapshot(), q.removed(), q.platform(), q.version(), q.shard()));
            }
            datastore.scheduledQueries().replaceInPack(pack.id(), schedule);
        }
    }

    private void checkQueries(Problems problems, String prefix, List<PackSpecQuery> queries) {
        Set<String> names = new HashSet<>();
        for (int j = 0; j < queries.size(); j++) {
            String at = prefix + "queries[" + j + "].";
            PackSpecQuery q = queries.get(j);
            if (q == null) {
                problems.add(prefix + "queries[" + j + "]", "cannot be null");
                continue;
            }
            problems.requireText(at + "query", q.query());
            if (q.query() != null && !q.query().isBlank()
                    && datastore.queries().findByName(q.query()).filter(Query::saved).isEmpty()) {
                problems.add(at + "query", "no saved query is named \"" + q.query() + "\"");
            }
            String name = q.name() == null || q.name().isBlank() ? q.query() : q.name();
            if (name != null && !names.add(name)) {
                problems.add(at + "name", "appears twice in the pack");
            }
            ScheduleRules.check(problems, at, q.interval(), q.shard(), true);
        }
    }

    @Override
    public List<PackSpec> specs(Viewer viewer) {
        Access.requireActive(viewer);
        return datastore.packs().list(ListOptions.all()).stream().map(this::spec)
                .toList();
    }

    @Override
    public PackSpec spec(Viewer viewer, String name) {
        Access.requireActive(viewer);
        requireNonNull(name, "name is null");
        return spec(datastore.packs().findByName(name).orElseThrow(() -> NotFoundException.of("pack", name)));
    }

    private PackSpec spec(Pack pack) {
        List<String> labels = new ArrayList<>();
        for (long labelId : targetIds(datastore.packs().listTargets(pack.id()), TargetType.LABEL)) {
            datastore.labels().find(labelId).ifPresent(label -> labels.add(label.name()));
        }
        List<PackSpecQuery> queries = new ArrayList<>();
        for (ScheduledQuery s : datastore.scheduledQueries().listInPack(pack.id())) {
            queries.add(new PackSpecQuery(s.queryName(), s.name(), s.description(), s.interval(), s.snapshot(),
                    s.removed(), s.platform(), s.version(), s.shard()));
        }
        return new PackSpec(pack.id(), pack.name(), pack.description(), pack.platform(), pack.disabled(), labels,
                queries);
    }

    private void checkTargets(Problems problems, PackInput input) {
        problems.requireNoNulls("host_ids", input.hostIds()).requireNoNulls("label_ids", input.labelIds());
        if (!problems.isEmpty()) {
            return;
        }
        if (input.hostIds() != null && !input.hostIds().isEmpty()) {
            Set<Long> wanted = new TreeSet<>(input.hostIds());
            wanted.removeAll(datastore.hosts().resolveTargets(wanted, Set.of()));
            if (!wanted.isEmpty()) {
                problems.add("host_ids", "no host has id " + wanted.iterator().next());
            }
        }
        if (input.labelIds() != null) {
            for (long labelId : new TreeSet<>(input.labelIds())) {
                if (datastore.labels().find(labelId).isEmpty()) {
                    problems.add("label_ids", "no label has id " + labelId);
                    break;
                }
            }
        }
    }

    private void replaceTargets(long packId, PackInput input) {
        Set<Long> labels = input.labelIds() == null ? Set.of() : Set.copyOf(input.labelIds());
        Set<Long> hosts = input.hostIds() == null ? Set.of() : Set.copyOf(input.hostIds());
        if (!labels.isEmpty() || !hosts.isEmpty()) {
            datastore.packs().replaceTargets(packId, labels, hosts);
        }
    }

    private PackDetails details(Pack pack) {
        List<PackTarget> targets = datastore.packs().listTargets(pack.id());
        List<Long> hostIds = targetIds(targets, TargetType.HOST);
        List<Long> labelIds = targetIds(targets, TargetType.LABEL);
        int queryCount = datastore.scheduledQueries().listInPack(pack.id()).size();
        long hosts = datastore.hosts().targetMetrics(Set.copyOf(hostIds), Set.copyOf(labelIds), clock.instant())
                .total();
        return new PackDetails(pack, queryCount, hosts, hostIds, labelIds);
    }

    private static List<Long> targetIds(List<PackTarget> targets, TargetType type) {
        return targets.stream().filter(t -> t.type() == type).map(PackTarget::targetId).sorted().toList();
    }

    private Pack find(long id) {
        return datastore.packs().find(id).orElseThrow(() -> NotFoundException.of("pack", id));
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
