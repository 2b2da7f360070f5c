package dev.kolide.pkgbuilder.format.msi;

import dev.kolide.pkgbuilder.init.windows.WindowsService;
import dev.kolide.pkgbuilder.layout.Entry;
import dev.kolide.pkgbuilder.layout.PackageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The WiX v3 source wixl compiles (Kolide's {@code main.wxs} in spirit): per-machine x64 product, a major upgrade
 * (downgrades refused: wixl lacks AllowDowngrades), one component per file, the launcher's ServiceInstall/ServiceControl and the
 * {@code HKLM\Software\Kolide\Launcher\<id>} registry values.
 */
final class Wxs {
    private static final Pattern MSI_VERSION = Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?");

    private Wxs() {}

    /** A directory in the WXS: its WiX id, its name, its children and its entries. */
    private static final class Dir {
        final String id;
        final String name;
        final Map<String, Dir> children = new TreeMap<>();
        final List<Entry> entries = new ArrayList<>();

        Dir(String id, String name) {
            this.id = id;
            this.name = name;
        }
    }

    /** ProductVersion must be numeric: {@code 1.2.3-rc1} → {@code 1.2.3} (Kolide's formatVersion does the same). */
    static String msiVersion(String version) {
        Matcher m = MSI_VERSION.matcher(version);
        if (!m.find()) {
            throw new IllegalArgumentException("package version " + version + " does not start with a number");
        }
        return m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3));
    }

    static String render(PackageSpec spec, Function<Entry, Path> source) {
        String upgradeCode = Guids.of("launcher" + spec.identifier());
        // Kolide adds a random nonce so every build upgrades; the build time does that and stays reproducible
        String productCode = Guids.of("launcher" + spec.identifier() + spec.version() + "x64"
                + spec.mtime().getEpochSecond());
        Dir root = new Dir("TARGETDIR", "SourceDir");
        for (Entry entry : spec.tree().entries()) {
            String[] parts = entry.path().substring(1).split("/");
            int dirParts = entry.isDirectory() ? parts.length : parts.length - 1;
            Dir dir = root;
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < dirParts; i++) {
                String part = parts[i];
                id.append(i == 0 ? "" : "_").append(part);
                String dirId = i == 0 ? part : "D_" + id.toString().replaceAll("[^A-Za-z0-9_]", "_");
                String dirName = i == 0 ? null : part;
                dir = dir.children.computeIfAbsent(part, p -> new Dir(dirId, dirName));
            }
            dir.entries.add(entry);
        }
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
                .append("<Wix xmlns=\"http://schemas.microsoft.com/wix/2006/wi\">\n")
                .append("  <Product Id=\"").append(productCode).append("\" Name=\"").append(xml(spec.summary()))
                .append("\" Language=\"1033\" Version=\"").append(msiVersion(spec.version()))
                .append("\" Manufacturer=\"Kolide\" UpgradeCode=\"").append(upgradeCode).append("\">\n")
                .append("    <Package InstallerVersion=\"500\" Compressed=\"yes\" InstallScope=\"perMachine\" ")
                .append("Description=\"").append(xml(spec.description().replace('\n', ' '))).append("\"/>\n")
                // Kolide sets AllowDowngrades; wixl does not know it, so a downgrade is refused with a message
                .append("    <MajorUpgrade DowngradeErrorMessage=\"A newer version of this launcher is installed.\"/>\n")
                .append("    <Media Id=\"1\" Cabinet=\"launcher.cab\" EmbedCab=\"yes\"/>\n")
                .append("    <Property Id=\"KOLIDE_IDENTIFIER\" Value=\"").append(xml(spec.identifier())).append("\"/>\n");
        List<String> components = new ArrayList<>();
        directory(out, root, "    ", spec, source, components);
        out.append("    <Feature Id=\"Launcher\" Title=\"Launcher\" Level=\"1\">\n");
        for (String component : components) {
            out.append("      <ComponentRef Id=\"").append(component).append("\"/>\n");
        }
        out.append("    </Feature>\n  </Product>\n</Wix>\n");
        return out.toString();
    }

    private static void directory(StringBuilder out, Dir dir, String indent, PackageSpec spec,
            Function<Entry, Path> source, List<String> components) {
        out.append(indent).append("<Directory Id=\"").append(dir.id).append('"');
        if (dir.name != null) {
            out.append(" Name=\"").append(xml(dir.name)).append('"');
        }
        out.append(">\n");
        String inner = indent + "  ";
        for (Entry entry : dir.entries) {
            String componentId = "C_" + entry.path().replaceAll("[^A-Za-z0-9]", "_");
            components.add(componentId);
            out.append(inner).append("<Component Id=\"").append(componentId).append("\" Guid=\"")
                    .append(Guids.of(spec.identifier() + entry.path())).append("\" Win64=\"yes\">\n");
            if (entry.isDirectory()) {
                out.append(inner).append("  <CreateFolder/>\n");
            } else {
                String fileName = entry.path().substring(entry.path().lastIndexOf('/') + 1);
                out.append(inner).append("  <File Id=\"").append(fileId(fileName)).append("\" Name=\"")
                        .append(xml(fileName)).append("\" Source=\"").append(xml(source.apply(entry).toString()))
                        .append("\" KeyPath=\"yes\"/>\n");
                if (fileName.equals("launcher.exe") && spec.service().isPresent()) {
                    service(out, inner + "  ", spec);
                }
            }
            out.append(inner).append("</Component>\n");
        }
        for (Dir child : dir.children.values()) {
            directory(out, child, inner, spec, source, components);
        }
        out.append(indent).append("</Directory>\n");
    }

    private static void service(StringBuilder out, String indent, PackageSpec spec) {
        WindowsService service = spec.service().orElseThrow();
        out.append(indent).append("<ServiceInstall Id=\"LauncherService\" Name=\"").append(service.name())
                .append("\" DisplayName=\"").append(xml(service.displayName()))
                .append("\" Description=\"").append(xml(spec.description().replace('\n', ' ')))
                .append("\" Type=\"ownProcess\" Start=\"auto\" ErrorControl=\"normal\" Account=\"")
                .append(service.account()).append("\" Arguments=\"").append(xml(service.arguments())).append("\">\n")
                .append(indent).append("  <ServiceDependency Id=\"").append(service.dependsOn()).append("\"/>\n")
                .append(indent).append("</ServiceInstall>\n")
                .append(indent).append("<ServiceControl Id=\"LauncherServiceControl\" Name=\"").append(service.name())
                .append("\" Start=\"install\" Stop=\"both\" Remove=\"uninstall\" Wait=\"yes\"/>\n")
                .append(indent).append("<RegistryKey Root=\"HKLM\" Key=\"Software\\Kolide\\Launcher\\")
                .append(xml(spec.identifier())).append("\">\n")
                .append(indent).append("  <RegistryValue Name=\"Identifier\" Type=\"string\" Value=\"")
                .append(xml(spec.identifier())).append("\"/>\n")
                .append(indent).append("  <RegistryValue Name=\"Version\" Type=\"string\" Value=\"")
                .append(xml(spec.version())).append("\"/>\n")
                .append(indent).append("</RegistryKey>\n");
    }

    private static String fileId(String fileName) {
        return "F_" + fileName.replaceAll("[^A-Za-z0-9]", "_");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
