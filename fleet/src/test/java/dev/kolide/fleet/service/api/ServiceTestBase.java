package dev.kolide.fleet.service.api;

import dev.kolide.fleet.datastore.testing.TestEngine;
import dev.kolide.fleet.domain.User;
import dev.kolide.fleet.domain.UserRole;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

/**
 * Service tests on a real datastore: each class runs once per {@link TestEngine}; before each test the data is
 * emptied and an admin and an observer are created, each with a viewer (a session of their own).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestEngine.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class ServiceTestBase {

    @Parameter
    TestEngine engine;

    ApiTestEnvironment env;
    ApiServices services;
    User adminUser;
    User observerUser;
    Viewer admin;
    Viewer observer;
    private String skipped;

    @BeforeParameterizedClassInvocation
    void open() {
        env = null;
        skipped = null;
        try {
            env = ApiTestEnvironment.open(engine);
            services = env.services();
        } catch (TestAbortedException e) {
            skipped = e.getMessage();
        }
    }

    @AfterParameterizedClassInvocation
    void close() {
        if (env != null) {
            env.close();
        }
    }

    @BeforeEach
    void resetData() {
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
        env.reset();
        adminUser = env.createUser("admin", UserRole.ADMIN);
        observerUser = env.createUser("observer", UserRole.OBSERVER);
        admin = env.viewerFor(adminUser);
        observer = env.viewerFor(observerUser);
    }

    /** Row counts of every table, to show that a refused call changed nothing. */
    Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (String table : List.of("users", "sessions", "hosts", "labels", "label_membership", "queries", "packs",
                "pack_targets", "scheduled_queries", "enroll_secrets", "osquery_options", "carve_metadata")) {
            counts.put(table, env.sql().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one()));
        }
        return counts;
    }
}
