package io.seqpipe.tagging;

import java.util.List;

/**
 * Which tag may follow which in a well-formed sequence of a {@link TagScheme}, for constrained CRF decoding
 * ({@code model.crf.constrained}). With {@code O} and types {@code X}, {@code Y}:
 * <ul>
 *   <li>{@link TagScheme#IOB2}: {@code I-X} only after {@code B-X} or {@code I-X}, so never first; everything else
 *       anywhere.</li>
 *   <li>{@link TagScheme#IOBES}: after {@code B-X} or {@code I-X} only {@code I-X} or {@code E-X}; after {@code O},
 *       {@code E-*} or {@code S-*} (and first) only {@code O}, {@code B-*} or {@code S-*}; last only {@code O},
 *       {@code E-*} or {@code S-*}.</li>
 *   <li>{@link TagScheme#IOB1}: {@code B-X} only after {@code I-X} or {@code B-X} (it separates two adjacent chunks
 *       of type X), so never first; everything else anywhere.</li>
 *   <li>{@link TagScheme#NONE}: everything allowed.</li>
 * </ul>
 * A tag that is not valid in the scheme (not {@code O} or {@code P-TYPE} with one of its prefixes) is left
 * unconstrained. Pure.
 */
public final class TagTransitions {
    private TagTransitions() {
    }

    /** Whether {@code tag} may be a sentence's first tag. */
    public static boolean canStart(TagScheme scheme, String tag) {
        if (!scheme.hasChunks() || !scheme.isValidTag(tag) || TagScheme.OUTSIDE.equals(tag)) {
            return true;
        }
        char p = tag.charAt(0);
        return switch (scheme) {
            case IOB2 -> p != 'I';
            case IOBES -> p == 'B' || p == 'S';
            case IOB1 -> p != 'B';
            case NONE -> true;
        };
    }

    /** Whether {@code tag} may be a sentence's last tag. */
    public static boolean canEnd(TagScheme scheme, String tag) {
        if (scheme != TagScheme.IOBES || !scheme.isValidTag(tag) || TagScheme.OUTSIDE.equals(tag)) {
            return true;
        }
        char p = tag.charAt(0);
        return p == 'E' || p == 'S';
    }

    /** Whether {@code next} may directly follow {@code previous}. */
    public static boolean canFollow(TagScheme scheme, String previous, String next) {
        if (!scheme.hasChunks() || !scheme.isValidTag(previous) || !scheme.isValidTag(next)) {
            return true;
        }
        boolean prevOutside = TagScheme.OUTSIDE.equals(previous);
        boolean nextOutside = TagScheme.OUTSIDE.equals(next);
        char pp = prevOutside ? 'O' : previous.charAt(0);
        char np = nextOutside ? 'O' : next.charAt(0);
        boolean sameType = !prevOutside && !nextOutside && previous.substring(2).equals(next.substring(2));
        return switch (scheme) {
            case IOB2 -> np != 'I' || (sameType && (pp == 'B' || pp == 'I'));
            case IOB1 -> np != 'B' || (sameType && (pp == 'B' || pp == 'I'));
            case IOBES -> (pp == 'B' || pp == 'I')
                    ? sameType && (np == 'I' || np == 'E')
                    : np == 'O' || np == 'B' || np == 'S';
            case NONE -> true;
        };
    }

    /** {@code [from][to]}: whether {@code tags.get(to)} may follow {@code tags.get(from)}. */
    public static boolean[][] allowedMatrix(TagScheme scheme, List<String> tags) {
        boolean[][] m = new boolean[tags.size()][tags.size()];
        for (int i = 0; i < tags.size(); i++) {
            for (int j = 0; j < tags.size(); j++) {
                m[i][j] = canFollow(scheme, tags.get(i), tags.get(j));
            }
        }
        return m;
    }

    /** Per tag of {@code tags}: whether it may come first ({@code first} true) or last. */
    public static boolean[] allowedAtEdge(TagScheme scheme, List<String> tags, boolean first) {
        boolean[] a = new boolean[tags.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = first ? canStart(scheme, tags.get(i)) : canEnd(scheme, tags.get(i));
        }
        return a;
    }
}
