/**
 * The TUF updater. Later work adds tuf/, client/ and store/ here; see docs/architecture.md for the map.
 */
package dev.kolide.updater;
