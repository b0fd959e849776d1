package io.horizon.salesforce.emulator;

/**
 * Salesforce record ids: 15 case-sensitive characters (a 3-character key prefix, then the record's number) and the
 * 18-character case-safe form, whose last three characters encode which of the first 15 are upper-case letters.
 */
public final class SalesforceIds {

    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // the two characters after the key prefix stand for the server instance in a real id
    private static final String INSTANCE = "Hz";

    private SalesforceIds() {
    }

    /** The 18-character id of record number {@code number} (1 and up) with this key prefix. */
    static String make(String keyPrefix, long number) {
        StringBuilder digits = new StringBuilder();
        for (long n = number; n > 0; n /= 62) {
            digits.insert(0, BASE62.charAt((int) (n % 62)));
        }
        String body = "0".repeat(Math.max(0, 10 - digits.length())) + digits;
        return to18(keyPrefix + INSTANCE + body);
    }

    /** The 18-character form of a 15-character id. */
    public static String to18(String id15) {
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(SUFFIX_ALPHABET.charAt(bits));
        }
        return id15 + suffix;
    }

    /**
     * The 18-character id that {@code id} names, or null when it is no well-formed id: a 15-character id gets its
     * suffix, an 18-character one must carry the suffix its first 15 characters give (so a lower-cased id names
     * nothing).
     */
    static String normalise(String id) {
        if (id == null || !(id.length() == 15 || id.length() == 18)) {
            return null;
        }
        for (int i = 0; i < id.length(); i++) {
            if (BASE62.indexOf(id.charAt(i)) < 0) {
                return null;
            }
        }
        String id18 = to18(id.substring(0, 15));
        return id.length() == 15 || id18.equals(id) ? id18 : null;
    }
}
