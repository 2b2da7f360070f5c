package dev.kolide.launcher.store;

import dev.kolide.launcher.service.LogKind;
import java.nio.file.Path;

/** Run in a child JVM by {@link CrashSurvivalTest}: appends, says so, and dies without closing the store. */
public final class CrashingAppender {
    private CrashingAppender() {
    }

    public static void main(String[] args) {
        LauncherStore store = StoreFixtures.open(Path.of(args[0]));
        int lists = Integer.parseInt(args[1]);
        store.put("nodeKey", "key-from-crashed-process");
        for (int i = 0; i < lists; i++) {
            store.logs().append(LogKind.RESULT, StoreFixtures.numbered("list" + i, 10));
        }
        System.out.println("appended");
        System.out.flush();
        // halt: no close, no shutdown hooks, no checkpoint; the appends must already be durable
        Runtime.getRuntime().halt(3);
    }
}
