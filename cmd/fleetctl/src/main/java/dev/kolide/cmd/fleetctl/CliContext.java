package dev.kolide.cmd.fleetctl;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One named context of {@code ~/.fleet/config}: where a fleet is, how to trust it and who is logged in to it.
 * The YAML names are Kolide fleetctl's. {@link #toString()} leaves the token out.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CliContext(
        @JsonProperty("address") String address,
        @JsonProperty("email") String email,
        @JsonProperty("token") String token,
        @JsonProperty("tls-skip-verify") Boolean tlsSkipVerify,
        @JsonProperty("rootca") String rootca,
        @JsonProperty("url-prefix") String urlPrefix) {

    public static CliContext empty() {
        return new CliContext(null, null, null, null, null, null);
    }

    public CliContext withAddress(String value) {
        return new CliContext(value, email, token, tlsSkipVerify, rootca, urlPrefix);
    }

    public CliContext withEmail(String value) {
        return new CliContext(address, value, token, tlsSkipVerify, rootca, urlPrefix);
    }

    public CliContext withToken(String value) {
        return new CliContext(address, email, value, tlsSkipVerify, rootca, urlPrefix);
    }

    public CliContext withTlsSkipVerify(Boolean value) {
        return new CliContext(address, email, token, value, rootca, urlPrefix);
    }

    public CliContext withRootca(String value) {
        return new CliContext(address, email, token, tlsSkipVerify, value, urlPrefix);
    }

    public CliContext withUrlPrefix(String value) {
        return new CliContext(address, email, token, tlsSkipVerify, rootca, value);
    }

    public boolean skipsVerification() {
        return Boolean.TRUE.equals(tlsSkipVerify);
    }

    @Override
    public String toString() {
        return "CliContext[address=" + address + ", email=" + email + ", token=" + (token == null ? "unset" : "set")
                + ", tlsSkipVerify=" + tlsSkipVerify + ", rootca=" + rootca + ", urlPrefix=" + urlPrefix + "]";
    }
}
