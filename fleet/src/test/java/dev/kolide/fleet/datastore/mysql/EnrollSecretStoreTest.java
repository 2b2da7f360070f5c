package dev.kolide.fleet.datastore.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.datastore.AlreadyExistsException;
import dev.kolide.fleet.domain.EnrollSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrollSecretStoreTest extends DatastoreTestBase {

    @Test
    void applyCreatesAndUpdatesByNameAndNeverDeletes() {
        ds.enrollSecrets().apply(List.of(
                new EnrollSecret("default", "s3cret-one", true),
                new EnrollSecret("old", "s3cret-two", true)));

        ds.enrollSecrets().apply(List.of(
                new EnrollSecret("old", "s3cret-two", false),
                new EnrollSecret("new", "s3cret-three", true)));

        assertThat(ds.enrollSecrets().list()).containsExactly(
                new EnrollSecret("default", "s3cret-one", true),
                new EnrollSecret("new", "s3cret-three", true),
                new EnrollSecret("old", "s3cret-two", false));
        assertThat(ds.enrollSecrets().active()).extracting(EnrollSecret::name).containsExactly("default", "new");
    }

    @Test
    void onlyAnActiveSecretMatchingExactlyIsFound() {
        ds.enrollSecrets().apply(List.of(
                new EnrollSecret("active", "AbC-active", true),
                new EnrollSecret("retired", "AbC-retired", false)));

        assertThat(ds.enrollSecrets().findActiveMatching("AbC-active")).map(EnrollSecret::name).contains("active");
        assertThat(ds.enrollSecrets().findActiveMatching("abc-active")).isEmpty();
        assertThat(ds.enrollSecrets().findActiveMatching("AbC-active ")).isEmpty();
        assertThat(ds.enrollSecrets().findActiveMatching("AbC-retired")).isEmpty();
        assertThat(ds.enrollSecrets().findActiveMatching("")).isEmpty();
    }

    @Test
    void aSecretValueUsedByAnotherNameIsRefusedAndNothingChanges() {
        ds.enrollSecrets().apply(List.of(new EnrollSecret("first", "shared", true)));

        // "first" would be rotated after "second" takes its value: the whole spec is refused
        assertThatThrownBy(() -> ds.enrollSecrets().apply(List.of(
                new EnrollSecret("second", "shared", true),
                new EnrollSecret("first", "rotated", true))))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("already used by another name");

        assertThat(ds.enrollSecrets().list()).containsExactly(new EnrollSecret("first", "shared", true));
    }

    @Test
    void secretsAreLeftOutOfToString() {
        assertThat(new EnrollSecret("default", "do-not-log", true).toString()).doesNotContain("do-not-log");
    }
}
