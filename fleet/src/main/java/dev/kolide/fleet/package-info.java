/**
 * The fleet server. Later work adds domain/, service/, datastore/, livequery/, logging/ and transport/ here;
 * see docs/architecture.md for the map.
 */
package dev.kolide.fleet;
