/**
 * The package builder. Later work adds target/, layout/, format/ and init/ here;
 * see docs/architecture.md for the map.
 */
package dev.kolide.pkgbuilder;
