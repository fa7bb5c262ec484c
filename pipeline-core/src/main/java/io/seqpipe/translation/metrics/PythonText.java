package io.seqpipe.translation.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The few Python {@code str} operations that sacreBLEU's definitions rest on, on Unicode code points: what
 * {@code str.isspace()} calls whitespace (which, unlike {@link Character#isWhitespace}, includes the no-break spaces
 * U+00A0, U+2007 and U+202F), {@code str.split()} without arguments and {@code str.rstrip()}.
 */
final class PythonText {
    private PythonText() {
    }

    /** Python's {@code str.isspace()} for one code point: Unicode Zs/Zl/Zp, the ASCII controls 9-13 and 28-31, NEL. */
    static boolean isSpace(int cp) {
        return Character.isSpaceChar(cp) || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F) || cp == 0x85;
    }

    /** Python's {@code s.split()}: runs of whitespace separate, no empty fields. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                if (start >= 0) {
                    out.add(s.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Python's {@code s.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /** Python's {@code ''.join(s.split())} as code points: the text with every whitespace character removed. */
    static int[] codePointsWithoutSpace(String s) {
        return s.codePoints().filter(cp -> !isSpace(cp)).toArray();
    }
}
