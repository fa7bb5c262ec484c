package io.seqpipe.lm;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.data.SeededSplit;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a language-model corpus is split into train, validation and test ({@code split.*}).
 *
 * <p><b>By offset</b> ({@link By#OFFSET}): over the corpus's stream of {@code n} units (boundaries included, in
 * reading order), train is {@code [0, floor(n * trainFraction))}, test is {@code [n - floor(n * testFraction), n)}
 * and validation is what lies between, each product taken in exact decimal arithmetic of the fraction as written
 * (0.9 is nine tenths, not the nearest double). nanoGPT's Tiny Shakespeare split is {@code trainFraction = 0.9},
 * {@code testFraction = 0}: of 1,115,394 characters, the first 1,003,854 train and the last 111,540 validate.
 *
 * <p><b>By document</b> ({@link By#DOCUMENT}): whole documents, as {@link SeededSplit}'s {@code random} method deals
 * records: each document is ranked by a seeded hash of its identity ({@link SeededSplit#identity}: its file, and its
 * line for one document per line), the first {@code round(d * testFraction)} ranks are test, the next
 * {@code round(d * validationFraction)} validation, the rest train, {@code d} the number of documents. Each split's
 * stream keeps its documents in reading order, with the boundary between them.
 *
 * <p><b>By files</b> ({@link By#FILES}): the splits a dataset ships as files of their own, read from
 * {@code paths.train}, {@code paths.validation} and (optional) {@code paths.test}; the fractions and the seed do not
 * apply. Each split's stream holds its files' documents in reading order, with the boundary between them.
 *
 * <p>Every way, each split is then a stream of its own, cut with offsets from 0 ({@link SequenceCutter},
 * {@link Segments}): a split's first unit is read but never predicted, as in nanoGPT, where the validation windows
 * are taken from the validation data alone.
 *
 * @param by            where the splits are cut
 * @param trainFraction the fraction of units or documents that is train, in (0, 1]
 * @param testFraction  the fraction that is test, in [0, 1); validation is {@code 1 - trainFraction - testFraction}
 * @param seed          by document: the seed of the documents' hash
 */
public record LmSplit(By by, double trainFraction, double testFraction, long seed) implements Serializable {
    public static final String TRAIN = SeededSplit.TRAIN;
    public static final String VALIDATION = SeededSplit.VALIDATION;
    public static final String TEST = SeededSplit.TEST;

    /** {@code split.by}. */
    public enum By { OFFSET, DOCUMENT, FILES }

    public LmSplit {
        if (by == null) {
            throw new IllegalArgumentException("split.by must be set");
        }
        ConfigReader.check(trainFraction > 0 && trainFraction <= 1, "split.trainFraction", trainFraction, "in (0, 1]");
        ConfigReader.check(testFraction >= 0 && testFraction < 1, "split.testFraction", testFraction, "in [0, 1)");
        ConfigReader.check(validationFraction(trainFraction, testFraction).signum() >= 0,
                "split.trainFraction + split.testFraction", trainFraction + testFraction, "<= 1");
    }

    /** The nanoGPT convention: the first 90 % of the units train, the last 10 % validate, no test. */
    public static LmSplit nanoGpt() {
        return new LmSplit(By.OFFSET, 0.9, 0.0, 1);
    }

    /** Reads {@code split.by}, {@code split.trainFraction}, {@code split.testFraction}, {@code split.seed}. */
    public static LmSplit from(ConfigReader reader) {
        return new LmSplit(reader.enumValue("split.by", By.class), reader.number("split.trainFraction"),
                reader.number("split.testFraction"), reader.longValue("split.seed"));
    }

    /** {@code 1 - trainFraction - testFraction}, exactly as the fractions are written. */
    public double validationFraction() {
        return validationFraction(trainFraction, testFraction).doubleValue();
    }

    private static BigDecimal validationFraction(double train, double test) {
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(train)).subtract(BigDecimal.valueOf(test));
    }

    /** By offset: the three ranges of a stream of {@code n} units (train, then validation, then test; they tile it). */
    public Ranges ranges(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("a stream has n >= 0 units, got " + n);
        }
        long trainEnd = floorOf(n, trainFraction);
        long testStart = n - floorOf(n, testFraction);
        return new Ranges(new UnitRange(0, trainEnd), new UnitRange(trainEnd, testStart), new UnitRange(testStart, n));
    }

    /** By document: the seeded split that deals the documents ({@link SeededSplit#assign}, {@link SeededSplit#sizes}). */
    public SeededSplit documentSplit() {
        return new SeededSplit(SeededSplit.Method.RANDOM, seed, validationFraction(), testFraction, 2, 0);
    }

    /** {@code floor(n * fraction)} in exact decimal arithmetic. */
    static long floorOf(long n, double fraction) {
        return BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(fraction)).setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** The unit ranges of an offset split; consecutive, tiling {@code [0, n)}. */
    public record Ranges(UnitRange train, UnitRange validation, UnitRange test) implements Serializable {
        /** The split holding {@code offset}: {@link #TRAIN}, {@link #VALIDATION} or {@link #TEST}. */
        public String splitOf(long offset) {
            if (train.contains(offset)) {
                return TRAIN;
            }
            if (validation.contains(offset)) {
                return VALIDATION;
            }
            if (test.contains(offset)) {
                return TEST;
            }
            throw new IllegalArgumentException("offset " + offset + " is outside [0, " + test.end() + ")");
        }

        /** The range of a split by name. */
        public UnitRange of(String split) {
            return switch (split) {
                case TRAIN -> train;
                case VALIDATION -> validation;
                case TEST -> test;
                default -> throw new IllegalArgumentException("no split named '" + split + "'");
            };
        }
    }
}
