/**
 * User and host credentials, as Kolide Fleet handled them.
 *
 * <ul>
 *   <li>{@link dev.kolide.fleet.auth.PasswordHasher}: bcrypt with Kolide's per-user salt
 *       ({@link dev.kolide.fleet.auth.HashedPassword} is what the users table stores);
 *   <li>{@link dev.kolide.fleet.auth.PasswordRule}: at least 7 characters, with a number and a symbol;
 *   <li>{@link dev.kolide.fleet.auth.SessionTokens}: random session keys wrapped in HS256 JWTs
 *       ({@link dev.kolide.fleet.auth.InvalidSessionTokenException} when a token cannot be trusted);
 *   <li>{@link dev.kolide.fleet.auth.LoginRateLimiter}: failed logins per client IP and per username
 *       ({@link dev.kolide.fleet.auth.LoginRateLimitedException} carries the Retry-After);
 *   <li>{@link dev.kolide.fleet.auth.NodeKeys}: osquery node keys and enroll-secret comparison.
 * </ul>
 *
 * <p>Nothing here logs, and no exception message carries a password, salt, hash, token, key or secret.
 */
package dev.kolide.fleet.auth;
