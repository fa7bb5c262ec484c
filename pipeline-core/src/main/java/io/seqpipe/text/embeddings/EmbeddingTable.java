package io.seqpipe.text.embeddings;

import io.seqpipe.text.Vocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The initial weights of a word embedding layer, {@code [vocabulary size, dimension]} row-major: each entry's row is
 * the vector of the file word that serves it ({@link WordMatcher}); entries the file lacks get a row by
 * {@link MissingWords}. {@code <pad>}'s row is zero; {@code <unk>}'s follows {@link MissingWords} like a missing word.
 *
 * @param weights   {@code size * dimension} values, row {@code id} at {@code id * dimension}
 * @param found     real (non-reserved) entries that got a vector from the file
 * @param missing   real entries the file lacks
 * @param examples  up to {@value #EXAMPLES} of the missing entries, in id order
 */
public record EmbeddingTable(int size, int dimension, float[] weights, int found, int missing,
                             List<String> examples) {
    static final int EXAMPLES = 10;

    /** What an entry the file lacks starts as ({@code model.embeddings.missing}). */
    public enum MissingWords {
        /**
         * Uniform random values, seeded, with the standard deviation of the found vectors' values (so missing and
         * found rows have the same scale).
         */
        RANDOM,
        /** Zeros. */
        ZERO
    }

    /** Collects the vectors of a vocabulary's entries from the file's records ({@link #accept}). */
    public static final class Builder {
        private final Vocabulary vocabulary;
        private final int dimension;
        private final WordMatcher matcher;
        /** The ids of the real forms of each key. */
        private final Map<String, int[]> idsByKey = new HashMap<>();
        private final float[][] rows;
        private final boolean[] exact;
        private int exactRows;

        public Builder(Vocabulary vocabulary, int dimension, WordMatcher matcher) {
            this.vocabulary = vocabulary;
            this.dimension = dimension;
            this.matcher = matcher;
            this.rows = new float[vocabulary.size()][];
            this.exact = new boolean[vocabulary.size()];
            for (int id = Vocabulary.UNK_ID + 1; id < vocabulary.size(); id++) {
                int form = id;
                idsByKey.merge(matcher.key(vocabulary.token(id)), new int[]{id}, (a, b) -> {
                    int[] both = java.util.Arrays.copyOf(a, a.length + 1);
                    both[a.length] = form;
                    return both;
                });
            }
        }

        /** Takes the next file record; returns whether more are wanted (not once every entry has its exact word). */
        public boolean accept(String fileWord, float[] vector) {
            if (vector.length != dimension) {
                throw new IllegalArgumentException("vector of '" + fileWord + "' has " + vector.length
                        + " values, expected " + dimension);
            }
            int[] ids = idsByKey.get(matcher.key(fileWord));
            if (ids != null) {
                for (int id : ids) {
                    boolean isExact = fileWord.equals(vocabulary.token(id));
                    if (rows[id] == null || isExact && !exact[id]) {
                        rows[id] = vector;
                        if (isExact) {
                            exact[id] = true;
                            exactRows++;
                        }
                    }
                }
            }
            return exactRows < vocabulary.size() - 2;
        }

        /** @param seed seeds the random rows ({@link MissingWords#RANDOM}) */
        public EmbeddingTable build(MissingWords missingWords, long seed) {
            int size = vocabulary.size();
            float[] weights = new float[size * dimension];
            double sum = 0;
            double sumSq = 0;
            long n = 0;
            int found = 0;
            List<String> examples = new ArrayList<>();
            for (int id = 0; id < size; id++) {
                if (rows[id] != null) {
                    System.arraycopy(rows[id], 0, weights, id * dimension, dimension);
                    found++;
                    for (float v : rows[id]) {
                        sum += v;
                        sumSq += (double) v * v;
                        n++;
                    }
                } else if (id > Vocabulary.UNK_ID && examples.size() < EXAMPLES) {
                    examples.add(vocabulary.token(id));
                }
            }
            if (missingWords == MissingWords.RANDOM) {
                double std = n > 1 ? Math.sqrt(Math.max(sumSq / n - (sum / n) * (sum / n), 0)) : 0;
                double bound = std > 0 ? Math.sqrt(3) * std : 1 / Math.sqrt(dimension);
                SplittableRandom random = new SplittableRandom(seed);
                for (int id = Vocabulary.UNK_ID; id < size; id++) {
                    if (rows[id] == null) {
                        for (int i = 0; i < dimension; i++) {
                            weights[id * dimension + i] = (float) ((2 * random.nextDouble() - 1) * bound);
                        }
                    }
                }
            }
            return new EmbeddingTable(size, dimension, weights, found, size - 2 - found, List.copyOf(examples));
        }
    }
}
