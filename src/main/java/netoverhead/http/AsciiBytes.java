package netoverhead.http;

/**
 * What the response parser asks of a line of a response head, read as ISO-8859-1 bytes without making a String:
 * prefixes, header names in either case, words inside a value, digits, and what {@link String#trim()} removes.
 */
final class AsciiBytes {
    private AsciiBytes() {}

    static boolean startsWith(byte[] line, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) if (line[i] != prefix[i]) return false;
        return true;
    }

    /** The first index of {@code b} in line[0, len), or -1. */
    static int indexOf(byte[] line, byte b, int len) {
        for (int i = 0; i < len; i++) if (line[i] == b) return i;
        return -1;
    }

    /** Whether line[from, to) is {@code lowerName}, ASCII letters in either case. */
    static boolean named(byte[] line, byte[] lowerName, int from, int to) {
        if (to - from != lowerName.length) return false;
        for (int i = 0; i < lowerName.length; i++) {
            if (!sameLetter(line[from + i], lowerName[i])) return false;
        }
        return true;
    }

    /** Whether line[from, to) contains {@code lowerWord}, ASCII letters in either case. */
    static boolean contains(byte[] line, byte[] lowerWord, int from, int to) {
        outer:
        for (int start = from; start + lowerWord.length <= to; start++) {
            for (int i = 0; i < lowerWord.length; i++) {
                if (!sameLetter(line[start + i], lowerWord[i])) continue outer;
            }
            return true;
        }
        return false;
    }

    private static boolean sameLetter(byte b, byte lower) {
        return b == lower || (lower >= 'a' && lower <= 'z' && (b | 0x20) == lower);
    }

    static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** What String.trim() removes: every character up to the space. */
    static boolean blank(byte b) {
        return b >= 0 && b <= ' ';
    }
}
