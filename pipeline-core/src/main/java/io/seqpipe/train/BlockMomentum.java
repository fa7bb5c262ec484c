package io.seqpipe.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The driver's state of block-momentum model averaging ({@link AveragingScheme.Kind#BLOCK_MOMENTUM}, BMUF): the model
 * {@code W} and the block momentum {@code Δ}, both flat parameter vectors. After each averaging round,
 * {@link #apply} takes the parameters the round started from ({@code S}) and the workers' average ({@code A}):
 * <pre>
 *   G = A - S                       the round's block gradient
 *   Δ = m·Δ + η·G                   block momentum m, block learning rate η
 *   D = Δ, or Δ / (1 - m^t) with bias correction (t: rounds folded in so far, this one included)
 *   W = W + D
 *   S' = W + m·D (Nesterov) or W    where the next round starts
 * </pre>
 * Validation, checkpoints' best parameters and the trained model use {@code W}; only the workers see {@code S'}.
 * The updater state (Adam's moment estimates, for example) is not filtered: dl4j-spark averages it over the workers
 * after each round, and the next round starts from that average. The moments estimate the gradient's statistics, which
 * do not depend on where the block momentum moved the parameters.
 *
 * <p>Not thread-safe; lives on the driver.
 */
public final class BlockMomentum {
    private final double momentum;
    private final double learningRate;
    private final boolean nesterov;
    private final boolean biasCorrection;
    private final INDArray model;
    private final INDArray delta;
    private long rounds;

    private BlockMomentum(AveragingScheme scheme, int workers, INDArray model, INDArray delta, long rounds) {
        if (model.length() != delta.length()) {
            throw new IllegalArgumentException("model has " + model.length() + " parameters, block momentum "
                    + delta.length());
        }
        if (rounds < 0) {
            throw new IllegalArgumentException("rounds must be >= 0, got " + rounds);
        }
        this.momentum = scheme.momentumFor(workers);
        this.learningRate = scheme.blockLearningRate();
        this.nesterov = scheme.nesterov();
        this.biasCorrection = scheme.biasCorrection();
        this.model = model;
        this.delta = delta;
        this.rounds = rounds;
    }

    /** Fresh state: {@code W} = the initial parameters (copied), {@code Δ} = 0. */
    public static BlockMomentum start(AveragingScheme scheme, int workers, INDArray initial) {
        INDArray w = initial.dup().reshape(initial.length());
        return new BlockMomentum(scheme, workers, w, w.like(), 0);
    }

    /** State restored from a checkpoint ({@link #model()}, {@link #delta()} and {@link #rounds()} as written). */
    public static BlockMomentum restore(AveragingScheme scheme, int workers, INDArray model, INDArray delta,
                                        long rounds) {
        return new BlockMomentum(scheme, workers, model.dup().reshape(model.length()),
                delta.dup().reshape(delta.length()), rounds);
    }

    /**
     * Folds one round into the state.
     *
     * @param start    the parameters the round's workers started from
     * @param averaged the average of the workers' parameters after the round
     * @return a new array: the parameters the next round starts from
     */
    public INDArray apply(INDArray start, INDArray averaged) {
        if (start.length() != model.length() || averaged.length() != model.length()) {
            throw new IllegalArgumentException("expected " + model.length() + " parameters, got " + start.length()
                    + " (start) and " + averaged.length() + " (average)");
        }
        INDArray blockGradient = averaged.reshape(model.length()).sub(start.reshape(model.length()));
        delta.muli(momentum).addi(blockGradient.muli(learningRate));
        rounds++;
        double correction = biasCorrection ? 1 - Math.pow(momentum, rounds) : 1;
        INDArray step = correction == 1 ? delta : delta.div(correction);
        model.addi(step);
        return nesterov ? model.add(step.mul(momentum)) : model.dup();
    }

    /** Rounds folded in since training began (t of the bias correction). */
    public long rounds() {
        return rounds;
    }

    /** {@code W}: the parameters to validate, checkpoint as the best and keep (a live view: copy before changing). */
    public INDArray model() {
        return model;
    }

    /** {@code Δ}: the block momentum (a live view). */
    public INDArray delta() {
        return delta;
    }

    public double momentum() {
        return momentum;
    }
}
