/**
 * TLS for every program of the project: version and cipher profiles ({@link dev.kolide.kit.tls.TlsProfile}),
 * PEM files ({@link dev.kolide.kit.tls.Pem}), development certificates, certificate pinning as launcher's
 * {@code --cert_pins}, and client and server contexts.
 *
 * <p>Jetty and gRPC are optional dependencies of the kit, so only {@link dev.kolide.kit.tls.JettyTls} and
 * {@link dev.kolide.kit.tls.GrpcTls} touch them; every other class works with the JDK and BouncyCastle alone.
 * No class registers the BouncyCastle provider: that would be process-wide state, and the JDK's providers do
 * the cryptography.
 */
package dev.kolide.kit.tls;
