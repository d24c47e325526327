package io.dealstream.support.messaging;

import java.nio.charset.StandardCharsets;

/**
 * Where the members of a JSON object are in its UTF-8 bytes, found by one strict scan and no tree: an event's payload,
 * whose few fields a read model reads once each. A payload is indexed only when it is plainly valid JSON: an object,
 * white space around it, strings of printable ASCII without escapes, numbers, literals, nested objects and arrays
 * (at most {@value #MAX_DEPTH} deep), strings of at most {@value #MAX_STRING} characters and numbers of at most 100.
 * Anything else (an escape, a byte beyond ASCII, a syntax error, trailing text)
 * gives no index, and the caller parses the tree as before, with its leniencies and its error messages: what an
 * index reads is exactly what the tree holds. Of members with the same name, the last counts (as in the tree).
 *
 * <p>Parsing a payload into a tree was a sixth of a rebuild's time; an index is an int array. Not thread-safe (an
 * event is read by one thread at a time).
 */
final class PayloadIndex {

    static final int MAX_DEPTH = 32;
    /** Longer strings and names go the tree's way, which limits them (Jackson's read constraints). */
    static final int MAX_STRING = 10_000;

    enum Kind { STRING, NUMBER, TRUE, FALSE, NULL, OBJECT, ARRAY }

    private static final Kind[] KINDS = Kind.values();

    private final byte[] json;
    /** Per member: name start, name end (the quotes excluded), value start, value end, kind. */
    private int[] members;
    private int count;
    private int at;
    /** The object members' indexes, once asked for. */
    private PayloadIndex[] objects;

    private PayloadIndex(byte[] json, int from) {
        this.json = json;
        this.at = from;
        this.members = new int[5 * 8];
    }

    /** The index of the object in {@code json}, or null where it is not plainly valid (see above). */
    static PayloadIndex of(byte[] json) {
        PayloadIndex index = new PayloadIndex(json, 0);
        try {
            index.space();
            if (!index.object(true, 0)) {
                return null;
            }
            index.space();
            return index.at == json.length ? index : null;
        } catch (ArrayIndexOutOfBoundsException cutShort) {
            return null;
        }
    }

    /** The member's position among the members, the last of that name; -1 if there is none. */
    int find(String name) {
        for (int m = count - 1; m >= 0; m--) {
            int start = members[5 * m];
            int end = members[5 * m + 1];
            if (end - start == name.length() && sameAscii(start, name)) {
                return m;
            }
        }
        return -1;
    }

    /** The member of that name (the last) when its value is not null; -1 when there is none, or it is null. */
    int present(String name) {
        int m = find(name);
        return m >= 0 && kind(m) != Kind.NULL ? m : -1;
    }

    Kind kind(int member) {
        return KINDS[members[5 * member + 4]];
    }

    /** A string member's value (printable ASCII, no escapes: its bytes are its characters). */
    String string(int member) {
        check(member, Kind.STRING);
        int start = members[5 * member + 2] + 1;
        return new String(json, start, members[5 * member + 3] - 1 - start, StandardCharsets.ISO_8859_1);
    }

    /** A number member's value when it is a whole number of an int's range written without fraction or exponent. */
    Integer wholeInt(int member) {
        check(member, Kind.NUMBER);
        int start = members[5 * member + 2];
        int end = members[5 * member + 3];
        boolean negative = json[start] == '-';
        int digits = end - start - (negative ? 1 : 0);
        if (digits > 10) {
            return null;
        }
        long value = 0;
        for (int i = negative ? start + 1 : start; i < end; i++) {
            byte b = json[i];
            if (b < '0' || b > '9') {
                return null; // a fraction or an exponent
            }
            value = value * 10 + (b - '0');
        }
        value = negative ? -value : value;
        return value == (int) value ? (int) value : null;
    }

    /**
     * An object member's own index (made once: an amount's two fields are read one after the other; synchronized, so
     * that a nested index made by one thread is seen whole by another).
     */
    synchronized PayloadIndex object(int member) {
        check(member, Kind.OBJECT);
        if (objects == null) {
            objects = new PayloadIndex[count];
        }
        PayloadIndex nested = objects[member];
        if (nested == null) {
            nested = new PayloadIndex(json, members[5 * member + 2]);
            nested.object(true, 1); // valid: scanned before
            objects[member] = nested;
        }
        return nested;
    }

    private void check(int member, Kind kind) {
        if (kind(member) != kind) {
            throw new IllegalStateException("member " + member + " is " + kind(member) + ", not " + kind);
        }
    }

    private boolean sameAscii(int start, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (json[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    // the scan: each returns false where the text is not plainly valid; `at` moves past what was read

    private void space() {
        while (at < json.length) {
            byte b = json[at];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            at++;
        }
    }

    /** An object at {@code at}; its members recorded when {@code record} (the top level only). */
    private boolean object(boolean record, int depth) {
        if (json[at] != '{' || depth >= MAX_DEPTH) {
            return false;
        }
        at++;
        space();
        if (json[at] == '}') {
            at++;
            return true;
        }
        while (true) {
            int nameStart = at;
            if (!string()) {
                return false;
            }
            int nameEnd = at;
            space();
            if (json[at++] != ':') {
                return false;
            }
            space();
            int valueStart = at;
            Kind kind = value(depth);
            if (kind == null) {
                return false;
            }
            if (record) {
                add(nameStart + 1, nameEnd - 1, valueStart, at, kind);
            }
            space();
            byte next = json[at++];
            if (next == '}') {
                return true;
            }
            if (next != ',') {
                return false;
            }
            space();
        }
    }

    private void add(int nameStart, int nameEnd, int valueStart, int valueEnd, Kind kind) {
        if (5 * count + 5 > members.length) {
            members = java.util.Arrays.copyOf(members, members.length * 2);
        }
        int i = 5 * count++;
        members[i] = nameStart;
        members[i + 1] = nameEnd;
        members[i + 2] = valueStart;
        members[i + 3] = valueEnd;
        members[i + 4] = kind.ordinal();
    }

    private Kind value(int depth) {
        byte b = json[at];
        switch (b) {
            case '"':
                return string() ? Kind.STRING : null;
            case '{':
                return object(false, depth + 1) ? Kind.OBJECT : null;
            case '[':
                return array(depth + 1) ? Kind.ARRAY : null;
            case 't':
                return literal("true") ? Kind.TRUE : null;
            case 'f':
                return literal("false") ? Kind.FALSE : null;
            case 'n':
                return literal("null") ? Kind.NULL : null;
            default:
                return number() ? Kind.NUMBER : null;
        }
    }

    private boolean array(int depth) {
        if (depth >= MAX_DEPTH) {
            return false;
        }
        at++; // '['
        space();
        if (json[at] == ']') {
            at++;
            return true;
        }
        while (true) {
            if (value(depth) == null) {
                return false;
            }
            space();
            byte next = json[at++];
            if (next == ']') {
                return true;
            }
            if (next != ',') {
                return false;
            }
            space();
        }
    }

    /** A string of printable ASCII without escapes, quotes included. */
    private boolean string() {
        if (json[at] != '"') {
            return false;
        }
        int start = ++at;
        while (true) {
            byte b = json[at++];
            if (b == '"') {
                return at - 1 - start <= MAX_STRING;
            }
            if (b < 0x20 || b > 0x7E || b == '\\') { // a control character, an escape, a byte beyond ASCII
                return false;
            }
        }
    }

    private boolean literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (json[at++] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** JSON's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, of at most 100 characters. */
    private boolean number() {
        int start = at;
        if (json[at] == '-') {
            at++;
        }
        if (json[at] == '0') {
            at++;
        } else if (!digits()) {
            return false;
        }
        if (at < json.length && json[at] == '.') {
            at++;
            if (!digits()) {
                return false;
            }
        }
        if (at < json.length && (json[at] == 'e' || json[at] == 'E')) {
            at++;
            if (json[at] == '+' || json[at] == '-') {
                at++;
            }
            if (!digits()) {
                return false;
            }
        }
        // what follows ("01": a digit) is the caller's to refuse; a long number is the tree's (it limits their length)
        return at - start <= 100;
    }

    private boolean digits() {
        int start = at;
        while (at < json.length && json[at] >= '0' && json[at] <= '9') {
            at++;
        }
        return at > start;
    }
}
