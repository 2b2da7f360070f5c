/**
 * Target downloads from a mirror ({@code <mirror>/<gun>/<target>}), verified against trusted TUF metadata before
 * they replace anything, and launcher's names for GUNs, targets and update channels.
 */
package dev.kolide.updater.download;
