/**
 * Enrollment: the host identifier, the node key and how they are obtained and renewed (reference launcher.md
 * §1.5), and the host details osqueryd reports for an enrollment.
 */
package dev.kolide.launcher.enroll;
