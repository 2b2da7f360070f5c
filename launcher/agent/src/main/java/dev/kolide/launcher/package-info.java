/**
 * The launcher agent. Later work adds runtime/, extension/, client/, store/, enroll/ and autoupdate/ here;
 * see docs/architecture.md for the map.
 */
package dev.kolide.launcher;
