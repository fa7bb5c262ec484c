package io.seqpipe.data;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A seeded split of one labelled corpus into train, validation and test records ({@code split.*}), for corpora
 * without an official split: {@code random} (by fractions) or {@code folds} (k-fold cross-validation, fold
 * {@code split.fold} held out as the test split).
 *
 * <p><b>Exact assignment.</b> Every record gets a 64-bit key hashed from the seed and its stable identity
 * ({@link #identity}: file name with its directory, and line number), and the records are ranked by (key, identity).
 * The rank alone decides the split ({@link #assign}), so the split depends only on the seed and the set of records,
 * never on partitioning or reading order, and its sizes are exact ({@link #sizes}):
 * <ul>
 *   <li>random: the first {@code round(n * test)} ranks are test, the next {@code round(n * validation)} validation
 *       (at most what is left), the rest train;</li>
 *   <li>folds: rank {@code r} is in fold {@code r mod k}, so fold sizes differ by at most 1 and every record is in
 *       exactly one fold; fold {@code split.fold} is the test split, and the first {@code round(m * validation)} of
 *       the other {@code m} records (in rank order) are the validation split.</li>
 * </ul>
 *
 * @param method     none | random | folds
 * @param seed       the seed of the record keys
 * @param validation the fraction of records (folds: of the records outside the held-out fold) for validation
 * @param test       random: the fraction of records for test
 * @param folds      folds: k
 * @param fold       folds: the held-out fold, 0-based
 */
public record SeededSplit(Method method, long seed, double validation, double test, int folds, int fold)
        implements Serializable {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    /** {@code split.method}. */
    public enum Method { NONE, RANDOM, FOLDS }

    public SeededSplit {
        if (method == Method.RANDOM) {
            ConfigReader.check(validation >= 0 && validation < 1, "split.validation", validation, "in [0, 1)");
            ConfigReader.check(test >= 0 && test < 1, "split.test", test, "in [0, 1)");
            ConfigReader.check(validation + test < 1, "split.validation + split.test", validation + test,
                    "< 1 (something must be left to train on)");
        } else if (method == Method.FOLDS) {
            ConfigReader.check(folds >= 2 && folds <= 1000, "split.folds", folds, "in [2, 1000]");
            ConfigReader.check(fold >= 0 && fold < folds, "split.fold", fold, "in [0, split.folds - 1 = "
                    + (folds - 1) + "]");
            ConfigReader.check(validation >= 0 && validation < 1, "split.validation", validation, "in [0, 1)");
        }
    }

    public static SeededSplit from(ConfigReader r) {
        return new SeededSplit(r.enumValue("split.method", Method.class), r.longValue("split.seed"),
                r.number("split.validation"), r.number("split.test"),
                r.integer("split.folds"), r.integer("split.fold"));
    }

    public boolean enabled() {
        return method != Method.NONE;
    }

    /**
     * A record's stable identity: the last two segments of its file's path and its offset, e.g.
     * {@code pos/0_9.txt:0} or {@code corpus/rt-polarity.neg:5120}; unchanged when the corpus moves to another root
     * or filesystem.
     */
    public static String identity(String source, long offset) {
        int slash = source.lastIndexOf('/');
        int parent = slash <= 0 ? -1 : source.lastIndexOf('/', slash - 1);
        return source.substring(parent + 1) + ":" + offset;
    }

    /** The record's 64-bit key: FNV-1a of its identity's UTF-8 bytes, mixed with the seed (SplitMix64 finalizer). */
    public long key(String identity) {
        long h = 0xcbf29ce484222325L;
        for (byte b : identity.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return mix(h ^ mix(seed + 0x9e3779b97f4a7c15L));
    }

    /** The string that orders records by (key, identity): sort these to rank. */
    public String sortKey(String identity) {
        return String.format("%016x", key(identity)) + identity;
    }

    /** The split of the record ranked {@code rank} (0-based) among {@code n}. */
    public String assign(long rank, long n) {
        if (rank < 0 || rank >= n) {
            throw new IllegalArgumentException("rank " + rank + " is outside [0, " + n + ")");
        }
        switch (method) {
            case NONE:
                return TRAIN;
            case RANDOM: {
                long nTest = Math.round(n * test);
                long nValidation = Math.min(Math.round(n * validation), n - nTest);
                return rank < nTest ? TEST : rank < nTest + nValidation ? VALIDATION : TRAIN;
            }
            default: {
                if (rank % folds == fold) {
                    return TEST;
                }
                long heldOutBelow = (rank - fold + folds - 1) / folds;
                long position = rank - heldOutBelow;
                long rest = n - foldSize(fold, n);
                return position < Math.round(rest * validation) ? VALIDATION : TRAIN;
            }
        }
    }

    /** The fold of the record ranked {@code rank} ({@code folds} only). */
    public int foldOf(long rank) {
        return (int) (rank % folds);
    }

    /** Records in fold {@code i} of {@code n}: {@code n / k}, plus one for the first {@code n mod k} folds. */
    public long foldSize(int i, long n) {
        return n / folds + (i < n % folds ? 1 : 0);
    }

    /** The exact number of records in each split, train, validation, test, for {@code n} records. */
    public Map<String, Long> sizes(long n) {
        long test;
        long validation;
        if (method == Method.NONE) {
            test = 0;
            validation = 0;
        } else if (method == Method.RANDOM) {
            test = Math.round(n * this.test);
            validation = Math.min(Math.round(n * this.validation), n - test);
        } else {
            test = foldSize(fold, n);
            validation = Math.round((n - test) * this.validation);
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        sizes.put(TRAIN, n - test - validation);
        sizes.put(VALIDATION, validation);
        sizes.put(TEST, test);
        return sizes;
    }

    /** For summaries: {@code random (seed 7, validation 0.1, test 0.1)} or {@code fold 2 of 5 (seed 7, ...)}. */
    public String describe() {
        return switch (method) {
            case NONE -> "none";
            case RANDOM -> "random (seed " + seed + ", validation " + validation + ", test " + test + ")";
            case FOLDS -> "fold " + fold + " of " + folds + " held out as test (seed " + seed + ", validation "
                    + validation + " of the rest)";
        };
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Fails naming the key when a split is configured but the official split's paths are set too. */
    public void requireNoOfficialSplit(String validationPath, String testPath) {
        if (enabled() && (validationPath != null || testPath != null)) {
            throw new InvalidConfigException("paths.validation and paths.test must not be set with split.method = "
                    + method.name().toLowerCase(java.util.Locale.ROOT) + ": the validation and test splits are cut from"
                    + " paths.train (got paths.validation = " + validationPath + ", paths.test = " + testPath + ")");
        }
    }
}
