package dev.kolide.fleet.transport.http.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ExceptionMappingsTest {

    @Test
    void theMostSpecificMappingWins() {
        ExceptionMappings mappings = ExceptionMappings.builder()
                .map(RuntimeException.class, 500)
                .map(IllegalArgumentException.class, 400)
                .build();

        assertThat(mappings.toApiException(new NumberFormatException("x"))).get()
                .extracting(ApiException::status).isEqualTo(400);
        assertThat(mappings.toApiException(new IllegalStateException("x"))).get()
                .extracting(ApiException::status).isEqualTo(500);
    }

    @Test
    void causesAreNotLookedAt() {
        ExceptionMappings mappings = ExceptionMappings.builder().map(IOException.class, 503).build();

        assertThat(mappings.toApiException(new UncheckedIOException(new IOException("down")))).isEmpty();
    }

    @Test
    void anApiExceptionIsItsOwnMapping() {
        NotFoundException notFound = new NotFoundException("gone");

        assertThat(ExceptionMappings.none().toApiException(notFound)).containsSame(notFound);
    }

    @Test
    void mappingsThatCannotApplyAreRefused() {
        assertThatThrownBy(() -> ExceptionMappings.builder().map(String.class, 400))
                .hasMessage("java.lang.String is neither an exception nor an interface");
        assertThatThrownBy(() -> ExceptionMappings.builder().map(NotFoundException.class, 404))
                .hasMessageContaining("is already an API error");
        assertThatThrownBy(() -> ExceptionMappings.builder().map(IOException.class, 400).map(IOException.class, 500))
                .hasMessage("there is already a mapping for java.io.IOException");
    }
}
