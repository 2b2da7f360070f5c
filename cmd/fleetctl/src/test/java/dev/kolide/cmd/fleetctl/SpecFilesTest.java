package dev.kolide.cmd.fleetctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kolide.fleet.client.LabelSpec;
import dev.kolide.fleet.client.QuerySpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecFilesTest {
    private final SpecFiles files = new SpecFiles();

    @Test
    void aMultiDocumentFileGivesEachDocumentInOrderAndSkipsEmptyOnes() {
        List<SpecDocument> documents = files.parse("""
                ---
                apiVersion: v1
                kind: query
                spec:
                  name: uptime
                  query: SELECT * FROM uptime;
                ---
                apiVersion: v1
                kind: label
                spec:
                  name: ubuntu
                  query: SELECT 1 FROM os_version WHERE platform = 'ubuntu';
                  platform: ubuntu
                ---
                """, "specs.yml");

        assertThat(documents).extracting(SpecDocument::kind).containsExactly(SpecKind.QUERY, SpecKind.LABEL);
        assertThat(files.specAs(documents.get(0), QuerySpec.class, "x"))
                .isEqualTo(new QuerySpec("uptime", null, "SELECT * FROM uptime;"));
        assertThat(files.specAs(documents.get(1), LabelSpec.class, "x").platform()).isEqualTo("ubuntu");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "apiVersion: v2\\nkind: query\\nspec: {name: a}|apiVersion must be v1",
        "apiVersion: v1\\nkind: host\\nspec: {name: a}|unknown kind \"host\"",
        "apiVersion: v1\\nkind: querie\\nspec: {name: a}|unknown kind \"querie\"",
        "apiVersion: v1\\nkind: query|has no spec mapping",
        "- a list|expected a mapping",
        "apiVersion: v1\\n  kind: : :|not valid YAML"})
    void aDocumentThatIsNotASpecIsRefusedNamingFileAndDocument(String text, String expected) {
        String yaml = "apiVersion: v1\nkind: query\nspec: {name: ok, query: select 1}\n---\n"
                + text.replace("\\n", "\n");

        assertThatThrownBy(() -> files.parse(yaml, "bad.yml")).isInstanceOf(CliException.class)
                .hasMessageContaining("bad.yml document 2").hasMessageContaining(expected);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThatThrownBy(() -> files.parse("", "empty.yml")).isInstanceOf(CliException.class)
                .hasMessageContaining("no documents");
    }

    @Test
    void valuesThatLookLikeOtherTypesStayStringsThroughYaml() {
        List<SpecDocument> documents = List.of(files.document(SpecKind.QUERY,
                new QuerySpec("123", "true", "SELECT 'no';\nSELECT 2;")));

        List<SpecDocument> back = files.parse(files.toYaml(documents), "round trip");

        assertThat(files.specAs(back.get(0), QuerySpec.class, "x"))
                .isEqualTo(new QuerySpec("123", "true", "SELECT 'no';\nSELECT 2;"));
    }

    @Test
    void jsonLinesHoldOneWholeDocumentPerLine() {
        String text = files.toJsonLines(List.of(files.document(SpecKind.QUERY, new QuerySpec("a", null, "q"))));

        assertThat(text).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"query\",\"spec\":{\"name\":\"a\",\"query\":\"q\"}}\n");
    }
}
