/** The launcher's own osquery tables: {@code kolide_launcher_info}, {@code _config} and {@code _identifier}. */
package dev.kolide.launcher.extension.table;
