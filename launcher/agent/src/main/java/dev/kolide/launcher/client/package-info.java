/**
 * What the launcher's two transports to its server share: {@link dev.kolide.launcher.client.ClientOptions} (the
 * {@code --hostname}, {@code --insecure}, {@code --insecure_transport}, {@code --root_pem} and {@code --cert_pins}
 * flags, validated) and the wording of their failures. The transports are {@code client.grpc} and
 * {@code client.jsonrpc}; both implement {@link dev.kolide.launcher.service.KolideService}.
 */
package dev.kolide.launcher.client;
