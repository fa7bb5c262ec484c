package io.seqpipe.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * How chunk (entity) boundaries are written into per-token tags. A tag is {@code O} (outside any chunk) or
 * {@code P-TYPE}: a one-letter prefix {@code P}, a hyphen, and a non-empty type (everything after the first hyphen,
 * e.g. {@code PER}).
 * <ul>
 *   <li>{@link #IOB1}: CoNLL-2003's own scheme. {@code I-X} is inside a chunk of type X; it starts a new chunk unless
 *       the previous token is {@code I-X} or {@code B-X} (same type). {@code B-X} is used only for the first token of
 *       a chunk that directly follows another chunk of the same type X ({@code I-PER B-PER} = two persons).</li>
 *   <li>{@link #IOB2}: every chunk starts with {@code B-X}; the rest of it is {@code I-X}.</li>
 *   <li>{@link #IOBES} (also called BIOES/BILOU): {@code S-X} is a one-token chunk; longer chunks are
 *       {@code B-X I-X ... E-X}.</li>
 *   <li>{@link #NONE}: plain labels (POS tags), no chunk structure; tags are taken as they are.</li>
 * </ul>
 * Reading chunks ({@link #decode}) is lenient, like conlleval: {@code B} always starts a chunk; {@code I} continues
 * the chunk before it only if that chunk has the same type and is still open (IOBES: not closed by {@code E}/
 * {@code S}), otherwise it starts one; IOBES {@code E} ends the open same-type chunk or is a one-token chunk. So
 * ill-formed sequences such as IOB2 {@code O I-PER} or IOBES {@code B-PER O} still decode to chunks; only tags that
 * do not match {@code O} or an allowed prefix are {@link #validate invalid}.
 */
public enum TagScheme {
    IOB1("BI"), IOB2("BI"), IOBES("BIES"), NONE("");

    public static final String OUTSIDE = "O";

    private final String prefixes;

    TagScheme(String prefixes) {
        this.prefixes = prefixes;
    }

    /** Whether tags in this scheme mark chunks (all but {@link #NONE}). */
    public boolean hasChunks() {
        return this != NONE;
    }

    /** Chunk schemes convert among themselves (including to themselves); {@link #NONE} only to itself. */
    public boolean canConvertTo(TagScheme target) {
        return hasChunks() == target.hasChunks();
    }

    /** Whether {@code tag} is {@code O} or {@code P-TYPE} with a prefix of this scheme; any tag for {@link #NONE}. */
    public boolean isValidTag(String tag) {
        if (!hasChunks()) {
            return tag != null && !tag.isEmpty();
        }
        if (OUTSIDE.equals(tag)) {
            return true;
        }
        return tag != null && tag.length() >= 3 && tag.charAt(1) == '-' && prefixes.indexOf(tag.charAt(0)) >= 0;
    }

    /** One problem per tag that is not {@link #isValidTag valid} here; empty when all are. */
    public List<TagProblem> validate(List<String> tags) {
        List<TagProblem> problems = new ArrayList<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (!isValidTag(tag)) {
                problems.add(new TagProblem(i, tag, "tag '" + tag + "' is not " + allowed() + " (" + name() + ")"));
            }
        }
        return problems;
    }

    /**
     * The chunks that valid tags of this scheme mark, in order (see the class comment for the lenient reading).
     *
     * @throws IllegalArgumentException if a tag is not valid here ({@link #validate} first), or for {@link #NONE}
     */
    public List<Chunk> decode(List<String> tags) {
        if (!hasChunks()) {
            throw new IllegalArgumentException("tags in scheme NONE have no chunks");
        }
        List<Chunk> chunks = new ArrayList<>();
        String openType = null; // type of the chunk that the next I may continue; null when none is open
        int openStart = -1;
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (!isValidTag(tag)) {
                throw new IllegalArgumentException("tag " + i + " '" + tag + "' is not " + allowed() + " (" + name()
                        + ")");
            }
            if (OUTSIDE.equals(tag)) {
                openType = close(chunks, openType, openStart, i);
                continue;
            }
            char prefix = tag.charAt(0);
            String type = tag.substring(2);
            boolean continues = type.equals(openType) && (prefix == 'I' || prefix == 'E');
            if (!continues) {
                close(chunks, openType, openStart, i);
                openType = type;
                openStart = i;
            }
            if (prefix == 'E' || prefix == 'S') {
                openType = close(chunks, openType, openStart, i + 1);
            }
        }
        close(chunks, openType, openStart, tags.size());
        return chunks;
    }

    /** Writes {@code chunks} (in order, not overlapping, inside {@code length}) as tags of this scheme. */
    public List<String> encode(List<Chunk> chunks, int length) {
        if (!hasChunks()) {
            throw new IllegalArgumentException("scheme NONE cannot write chunks");
        }
        List<String> tags = new ArrayList<>(length);
        Chunk previous = null;
        for (Chunk c : chunks) {
            if (c.start() < tags.size() || c.end() > length) {
                throw new IllegalArgumentException("chunk " + c + " overlaps the previous one or ends after " + length);
            }
            while (tags.size() < c.start()) {
                tags.add(OUTSIDE);
            }
            boolean adjacentSameType = previous != null && previous.end() == c.start()
                    && previous.type().equals(c.type());
            for (int i = c.start(); i < c.end(); i++) {
                tags.add(prefix(c, i, adjacentSameType) + "-" + c.type());
            }
            previous = c;
        }
        while (tags.size() < length) {
            tags.add(OUTSIDE);
        }
        return tags;
    }

    private char prefix(Chunk c, int i, boolean adjacentSameType) {
        boolean first = i == c.start();
        return switch (this) {
            case IOB1 -> first && adjacentSameType ? 'B' : 'I';
            case IOB2 -> first ? 'B' : 'I';
            case IOBES -> c.length() == 1 ? 'S' : first ? 'B' : i == c.end() - 1 ? 'E' : 'I';
            case NONE -> throw new IllegalStateException("NONE has no chunk prefixes");
        };
    }

    private static String close(List<Chunk> chunks, String openType, int openStart, int end) {
        if (openType != null) {
            chunks.add(new Chunk(openType, openStart, end));
        }
        return null;
    }

    private String allowed() {
        StringBuilder s = new StringBuilder("O or ");
        for (int i = 0; i < prefixes.length(); i++) {
            s.append(i == 0 ? "" : "/").append(prefixes.charAt(i)).append('-');
        }
        return s.append("TYPE").toString();
    }
}
