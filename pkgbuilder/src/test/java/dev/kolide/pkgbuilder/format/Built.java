package dev.kolide.pkgbuilder.format;

import dev.kolide.pkgbuilder.PackageBuilder;
import dev.kolide.pkgbuilder.PackageOptions;
import dev.kolide.pkgbuilder.format.deb.DebWriter;
import dev.kolide.pkgbuilder.format.msi.MsiWriter;
import dev.kolide.pkgbuilder.format.rpm.RpmWriter;
import dev.kolide.pkgbuilder.format.tar.TarWriter;
import dev.kolide.pkgbuilder.layout.Entry;
import dev.kolide.pkgbuilder.layout.Layout;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import dev.kolide.pkgbuilder.target.PackageType;
import dev.kolide.pkgbuilder.target.Target;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds packages the way {@code make} does, for tests that then take them apart. */
public final class Built {
    private Built() {}

    public static PackageBuilder builder(StringWriter progress) {
        return new PackageBuilder(new Layout(), Map.of(PackageType.DEB, new DebWriter(), PackageType.RPM,
                new RpmWriter(), PackageType.TAR, new TarWriter(), PackageType.MSI, new MsiWriter(System.getenv())),
                new PrintWriter(progress, true), Clock.systemUTC());
    }

    public static Path build(PackageOptions options, Target target, Path out) throws IOException {
        return builder(new StringWriter()).build(options, List.of(target), out).get(0).path();
    }

    /** {@code drwxr-xr-x}, as ls, dpkg-deb and rpm print modes. */
    public static String modeString(Entry entry) {
        return (entry.isDirectory() ? "d" : "-") + permissions(entry.mode());
    }

    public static String permissions(int mode) {
        String letters = "rwxrwxrwx";
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            out.append((mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        }
        return out.toString();
    }

    /** "mode owner/group path" lines for {@code spec}'s tree as deb and tar list it (with parents and ./). */
    public static List<String> listing(PackageSpec spec) {
        List<String> out = new ArrayList<>();
        out.add("drwxr-xr-x root/root ./");
        for (Entry e : spec.tree().withParents().entries()) {
            out.add(modeString(e) + " root/root ." + e.path() + (e.isDirectory() ? "/" : ""));
        }
        return out;
    }
}
