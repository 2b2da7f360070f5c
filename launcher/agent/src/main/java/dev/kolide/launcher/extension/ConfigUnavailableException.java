package dev.kolide.launcher.extension;

/** The server could not be asked for config and launcher.db holds none yet. */
public final class ConfigUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
