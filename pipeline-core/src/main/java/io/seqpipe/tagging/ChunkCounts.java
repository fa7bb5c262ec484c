package io.seqpipe.tagging;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Chunk (entity) counts computed exactly as {@code conlleval} (the CoNLL-2000/2003 evaluation script, version
 * 2004-01-26) computes them: gold chunks, predicted chunks and correctly predicted chunks, overall and per type, plus
 * correct tokens and tokens. {@link EntityMetrics} turns them into precision/recall/F1. Mergeable: each Spark
 * partition fills its own, and the merged counts equal the counts of one pass over all sentences.
 *
 * <h2>conlleval's rules</h2>
 * A tag is split at its first hyphen into a prefix and a type ({@code B-PER} → {@code B}, {@code PER}; {@code O} →
 * {@code O}, no type; as in Perl, a type of {@code 0} counts as no type). Between the previous tag (prefix
 * {@code p}, type {@code pt}; {@code O} before a sentence's first token) and the current one ({@code c}, {@code ct}):
 * <ul>
 *   <li><b>a chunk ends</b> if (p, c) is one of (B,B) (B,O) (I,B) (I,O) (E,E) (E,I) (E,O); or p is not {@code O} or
 *       {@code .} and {@code pt ≠ ct}; or p is {@code [} or {@code ]};</li>
 *   <li><b>a chunk starts</b> if (p, c) is one of (B,B) (I,B) (O,B) (O,I) (E,E) (E,I) (O,E); or c is not {@code O} or
 *       {@code .} and {@code pt ≠ ct}; or c is {@code [} or {@code ]}.</li>
 * </ul>
 * So {@code I-X} after {@code O} or after another type starts a chunk (the IOB1 reading), {@code B-X} after
 * {@code I-X} starts a new one, and a type change always ends one. There is <em>no rule for {@code S}</em>: conlleval
 * reads {@code S-X} as starting a chunk only through a type change, so {@code S-PER S-PER} is one chunk. Convert IOBES
 * tags to IOB2 with {@link TagSchemeConverter} before counting (the usual practice).
 * <p>Every start is a gold (or predicted) chunk of the current type. A predicted chunk is correct when gold and
 * prediction start at the same token with the same type, and end at the same token (both end, or neither, at every
 * step, with the same type throughout). A token is correct when its gold and predicted prefix and type are equal.
 * <p>A sentence boundary is an {@code O}/{@code O} step that is not a token, so chunks end at sentence ends. With tags
 * conlleval does not know (a prefix other than B, I, E, O, ., [, ] with no type, e.g. a bare {@code S}) conlleval can
 * carry a chunk across a boundary; here it is closed at the sentence end, as if each sentence were its own file.
 */
public final class ChunkCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int GOLD = 0;
    private static final int PREDICTED = 1;
    private static final int CORRECT = 2;

    private long tokens;
    private long correctTokens;
    private final Map<String, long[]> byType = new TreeMap<>();

    /**
     * Adds one sentence.
     *
     * @throws IllegalArgumentException when the two tag lists differ in length
     */
    public ChunkCounts add(List<String> goldTags, List<String> predictedTags) {
        if (goldTags.size() != predictedTags.size()) {
            throw new IllegalArgumentException("a sentence has " + goldTags.size() + " gold tags but "
                    + predictedTags.size() + " predicted tags");
        }
        String lastGold = "O";
        String lastGoldType = "";
        String lastPredicted = "O";
        String lastPredictedType = "";
        boolean inCorrect = false;
        for (int i = 0; i <= goldTags.size(); i++) {
            boolean boundary = i == goldTags.size();
            String gold = boundary ? "O" : prefix(goldTags.get(i));
            String goldType = boundary ? "" : type(goldTags.get(i));
            String predicted = boundary ? "O" : prefix(predictedTags.get(i));
            String predictedType = boundary ? "" : type(predictedTags.get(i));

            boolean goldEnds = endOfChunk(lastGold, gold, lastGoldType, goldType);
            boolean predictedEnds = endOfChunk(lastPredicted, predicted, lastPredictedType, predictedType);
            if (inCorrect) {
                if (goldEnds && predictedEnds && lastPredictedType.equals(lastGoldType)) {
                    inCorrect = false;
                    count(lastGoldType, CORRECT);
                } else if (goldEnds != predictedEnds || !predictedType.equals(goldType)) {
                    inCorrect = false;
                }
            }
            boolean goldStarts = startOfChunk(lastGold, gold, lastGoldType, goldType);
            boolean predictedStarts = startOfChunk(lastPredicted, predicted, lastPredictedType, predictedType);
            if (goldStarts && predictedStarts && predictedType.equals(goldType)) {
                inCorrect = true;
            }
            if (goldStarts) {
                count(goldType, GOLD);
            }
            if (predictedStarts) {
                count(predictedType, PREDICTED);
            }
            if (!boundary) {
                if (gold.equals(predicted) && goldType.equals(predictedType)) {
                    correctTokens++;
                }
                tokens++;
            }
            lastGold = gold;
            lastGoldType = goldType;
            lastPredicted = predicted;
            lastPredictedType = predictedType;
        }
        if (inCorrect) {
            count(lastGoldType, CORRECT);
        }
        return this;
    }

    /** Adds {@code other}'s counts into these and returns this. */
    public ChunkCounts merge(ChunkCounts other) {
        tokens += other.tokens;
        correctTokens += other.correctTokens;
        for (Map.Entry<String, long[]> e : other.byType.entrySet()) {
            long[] mine = byType.computeIfAbsent(e.getKey(), k -> new long[3]);
            for (int k = 0; k < mine.length; k++) {
                mine[k] += e.getValue()[k];
            }
        }
        return this;
    }

    public long tokens() {
        return tokens;
    }

    public long correctTokens() {
        return correctTokens;
    }

    public long goldChunks() {
        return sum(GOLD);
    }

    public long predictedChunks() {
        return sum(PREDICTED);
    }

    public long correctChunks() {
        return sum(CORRECT);
    }

    /** Every type seen in gold or predicted chunks, sorted (conlleval's order); may include {@code ""}. */
    public SortedSet<String> types() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byType.keySet()));
    }

    public long goldChunks(String type) {
        return get(type, GOLD);
    }

    public long predictedChunks(String type) {
        return get(type, PREDICTED);
    }

    public long correctChunks(String type) {
        return get(type, CORRECT);
    }

    @Override
    public String toString() {
        return "ChunkCounts{tokens=" + tokens + ", correctTokens=" + correctTokens + ", gold=" + goldChunks()
                + ", predicted=" + predictedChunks() + ", correct=" + correctChunks() + "}";
    }

    /** conlleval's {@code endOfChunk}. */
    static boolean endOfChunk(String prevTag, String tag, String prevType, String type) {
        boolean end = prevTag.equals("B") && (tag.equals("B") || tag.equals("O"))
                || prevTag.equals("I") && (tag.equals("B") || tag.equals("O"))
                || prevTag.equals("E") && (tag.equals("E") || tag.equals("I") || tag.equals("O"));
        if (!prevTag.equals("O") && !prevTag.equals(".") && !prevType.equals(type)) {
            end = true;
        }
        return end || prevTag.equals("]") || prevTag.equals("[");
    }

    /** conlleval's {@code startOfChunk}. */
    static boolean startOfChunk(String prevTag, String tag, String prevType, String type) {
        boolean start = tag.equals("B") && (prevTag.equals("B") || prevTag.equals("I") || prevTag.equals("O"))
                || prevTag.equals("O") && (tag.equals("I") || tag.equals("E"))
                || prevTag.equals("E") && (tag.equals("E") || tag.equals("I"));
        if (!tag.equals("O") && !tag.equals(".") && !prevType.equals(type)) {
            start = true;
        }
        return start || tag.equals("[") || tag.equals("]");
    }

    /** The part before the first hyphen, or the whole tag (conlleval's {@code /^([^-]*)-(.*)$/}). */
    static String prefix(String tag) {
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }

    /** The part after the first hyphen, or {@code ""}; {@code "0"} is {@code ""} too (Perl treats "0" as false). */
    static String type(String tag) {
        int dash = tag.indexOf('-');
        String type = dash < 0 ? "" : tag.substring(dash + 1);
        return type.equals("0") ? "" : type;
    }

    private void count(String type, int which) {
        byType.computeIfAbsent(type, k -> new long[3])[which]++;
    }

    private long get(String type, int which) {
        long[] c = byType.get(type);
        return c == null ? 0 : c[which];
    }

    private long sum(int which) {
        long s = 0;
        for (long[] c : byType.values()) {
            s += c[which];
        }
        return s;
    }
}
