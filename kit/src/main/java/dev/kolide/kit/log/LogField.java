package dev.kolide.kit.log;

/** One key and its value on a log line; the value is a String, Number, Boolean, or null. */
record LogField(String key, Object value) {}
