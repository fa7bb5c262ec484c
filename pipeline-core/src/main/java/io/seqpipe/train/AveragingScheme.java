package io.seqpipe.train;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.Locale;

/**
 * How the driver turns each averaging round's averaged parameters into the parameters of the next round (config keys
 * {@code train.averaging}, {@code train.blockMomentum}, {@code train.blockLearningRate}, {@code train.blockNesterov},
 * shared by every task; {@link BlockMomentum} applies them).
 *
 * <ul>
 *   <li>{@link Kind#PLAIN}: the next round starts from the average of the workers' parameters (model averaging).</li>
 *   <li>{@link Kind#BLOCK_MOMENTUM}: blockwise model-update filtering (BMUF; Chen and Huo, ICASSP 2016). A round's
 *       averaged change {@code G = average - start} is a block gradient; the driver keeps a block momentum
 *       {@code Δ = m·Δ + η·G} and the model {@code W = W + Δ}, and starts the next round from {@code W} or, with
 *       Nesterov look-ahead, from {@code W + m·Δ}. With {@code m = 0} and {@code η = 1} it is plain averaging.</li>
 * </ul>
 *
 * @param kind              the scheme
 * @param blockMomentum     {@code m} in [0, 1), or NaN for the rule {@code m = 1 - 1/k} for k workers (0 with one
 *                          worker: plain averaging, which with one worker is plain sequential training)
 * @param blockLearningRate {@code η} in (0, 10]
 * @param nesterov          start each round from the look-ahead point {@code W + m·Δ}
 */
public record AveragingScheme(Kind kind, double blockMomentum, double blockLearningRate, boolean nesterov)
        implements Serializable {

    /** The averaging schemes. */
    public enum Kind {
        PLAIN("plain"), BLOCK_MOMENTUM("blockMomentum");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The value of {@code train.averaging} that selects it. */
        public String key() {
            return key;
        }
    }

    /** The highest block momentum accepted: at 0.99 a round's change keeps acting for about 100 rounds. */
    public static final double MAX_MOMENTUM = 0.99;

    public AveragingScheme {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        ConfigReader.check(Double.isNaN(blockMomentum) || (blockMomentum >= 0 && blockMomentum <= MAX_MOMENTUM),
                "train.blockMomentum", blockMomentum, "auto or a number in [0, " + MAX_MOMENTUM + "]");
        ConfigReader.check(blockLearningRate > 0 && blockLearningRate <= 10, "train.blockLearningRate",
                blockLearningRate, "in (0, 10]");
    }

    /** Plain model averaging. */
    public static AveragingScheme plain() {
        return new AveragingScheme(Kind.PLAIN, 0, 1, false);
    }

    /** Block momentum by the rule {@code 1 - 1/k}, block learning rate 1, with or without Nesterov look-ahead. */
    public static AveragingScheme blockMomentum(boolean nesterov) {
        return new AveragingScheme(Kind.BLOCK_MOMENTUM, Double.NaN, 1, nesterov);
    }

    /**
     * Reads {@code train.averaging} ({@code plain | blockMomentum}), {@code train.blockMomentum} ({@code auto} or a
     * number), {@code train.blockLearningRate} and {@code train.blockNesterov}; the last three only matter for
     * {@code blockMomentum}.
     */
    public static AveragingScheme from(ConfigReader r) {
        String raw = r.string("train.averaging").strip();
        Kind kind = null;
        for (Kind k : Kind.values()) {
            if (k.key.toLowerCase(Locale.ROOT).equals(raw.toLowerCase(Locale.ROOT))) {
                kind = k;
            }
        }
        if (kind == null) {
            throw new InvalidConfigException("train.averaging must be one of plain | blockMomentum, got '" + raw + "'");
        }
        if (kind == Kind.PLAIN) {
            return plain();
        }
        // auto (NaN here) is 1 - 1/k for k workers, decided when the number of workers is known
        double m = r.autoOrNumber("train.blockMomentum");
        return new AveragingScheme(kind, m, r.number("train.blockLearningRate"),
                r.bool("train.blockNesterov"));
    }

    /** The block momentum used with {@code workers} workers: the configured value, or {@code 1 - 1/workers}. */
    public double momentumFor(int workers) {
        if (kind == Kind.PLAIN) {
            return 0;
        }
        return Double.isNaN(blockMomentum) ? 1 - 1.0 / Math.max(1, workers) : blockMomentum;
    }

    /**
     * Whether the driver needs {@link BlockMomentum} state: plain averaging, and block momentum that works out to
     * plain averaging (momentum 0, block learning rate 1), need none.
     */
    public boolean filters(int workers) {
        return kind == Kind.BLOCK_MOMENTUM && (momentumFor(workers) != 0 || blockLearningRate != 1);
    }

    /** What a checkpoint must agree on: the scheme as resolved for {@code workers}; empty for plain averaging. */
    String fingerprint(int workers) {
        return filters(workers) ? "|averaging=blockMomentum|m=" + momentumFor(workers) + "|lr=" + blockLearningRate
                + "|nesterov=" + nesterov : "";
    }

    /** One line for logs and provenance, e.g. {@code blockMomentum (m=0.75, lr=1.0, Nesterov)}. */
    public String describe(int workers) {
        if (!filters(workers)) {
            return kind == Kind.PLAIN ? "plain" : "blockMomentum (m=0, lr=1: plain averaging)";
        }
        return "blockMomentum (m=" + momentumFor(workers) + ", lr=" + blockLearningRate
                + (nesterov ? ", Nesterov)" : ")");
    }
}
