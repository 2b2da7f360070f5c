package dev.kolide.osquery.lite.tables;

/** Decodes the hex addresses of /proc/net/* and prints them as inet_ntop does. */
final class ProcNetAddresses {
    private ProcNetAddresses() {}

    /** "0100007F" → "127.0.0.1"; 32 hex digits → a compressed IPv6 address. Each 32-bit word is little-endian. */
    static String decode(String hex) {
        if (hex.length() == 8) {
            long word = Long.parseLong(hex, 16);
            return (word & 0xff) + "." + (word >> 8 & 0xff) + "." + (word >> 16 & 0xff) + "." + (word >> 24 & 0xff);
        }
        if (hex.length() != 32) {
            return hex;
        }
        int[] groups = new int[8];
        for (int w = 0; w < 4; w++) {
            long word = Long.parseLong(hex.substring(w * 8, w * 8 + 8), 16);
            int b0 = (int) (word & 0xff);
            int b1 = (int) (word >> 8 & 0xff);
            int b2 = (int) (word >> 16 & 0xff);
            int b3 = (int) (word >> 24 & 0xff);
            groups[w * 2] = b0 << 8 | b1;
            groups[w * 2 + 1] = b2 << 8 | b3;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return "::ffff:" + (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "."
                    + (groups[7] & 0xff);
        }
        return compress(groups);
    }

    /** RFC 5952 text: the longest run (of two or more) of zero groups becomes "::". */
    static String compress(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] != 0) {
                continue;
            }
            int j = i;
            while (j < groups.length && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
