package dev.kolide.pkgbuilder.format.rpm;

import org.eclipse.packager.rpm.build.RpmFileNameProvider;

/** The builder writes into a private temporary directory; the name there does not matter, so keep it fixed. */
final class RpmBuilderFileName {
    static final RpmFileNameProvider FIXED = (name, version, architecture) -> "package.rpm";

    private RpmBuilderFileName() {}
}
