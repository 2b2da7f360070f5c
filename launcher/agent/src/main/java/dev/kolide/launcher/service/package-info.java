/**
 * The launcher's view of its server: {@link dev.kolide.launcher.service.KolideService} and its value types. The
 * transports ({@code service.grpc}, {@code service.jsonrpc}) implement it; the osquery extension uses it.
 */
package dev.kolide.launcher.service;
