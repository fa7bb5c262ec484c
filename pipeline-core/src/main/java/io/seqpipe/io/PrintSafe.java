package io.seqpipe.io;

/**
 * Input text made safe to print in one line of an error message or log: control and other non-printable characters
 * (binary data, a stray carriage return, a NUL) become escapes such as {@code \x1f} or {@code \u0085}, and the result
 * is cut to a maximum length with {@code ...} and the original length. Keeps a bad file's bytes off the terminal.
 */
public final class PrintSafe {
    /** The usual maximum length of an excerpt of input text in an error message. */
    public static final int EXCERPT_LENGTH = 100;

    private PrintSafe() {
    }

    /** {@code text} escaped and cut to {@link #EXCERPT_LENGTH} characters; {@code "null"} for null. */
    public static String excerpt(String text) {
        return excerpt(text, EXCERPT_LENGTH);
    }

    /** {@code text} escaped, then cut to {@code max} characters (the escapes count) with a note of its length. */
    public static String excerpt(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max) + 16);
        int i = 0;
        while (i < text.length() && sb.length() < max) {
            int cp = text.codePointAt(i);
            if (cp == '\\') {
                sb.append("\\\\");
            } else if (isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x100) {
                sb.append(String.format("\\x%02x", cp));
            } else {
                sb.append(String.format("\\u%04x", cp));
            }
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            sb.append("... (").append(text.length()).append(" chars)");
        }
        return sb.toString();
    }

    private static boolean isPrintable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> cp != 0xFFFD; // U+FFFD stands for bytes that did not decode
        };
    }
}
