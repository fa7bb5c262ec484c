package io.seqpipe.train;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The driver's state of block-momentum model averaging ({@link AveragingScheme.Kind#BLOCK_MOMENTUM}, BMUF): the model
 * {@code W} and the block momentum {@code Δ}, both flat parameter vectors. After each averaging round,
 * {@link #apply} takes the parameters the round started from ({@code S}) and the workers' average ({@code A}):
 * <pre>
 *   G = A - S                       the round's block gradient
 *   Δ = m·Δ + η·G                   block momentum m, block learning rate η
 *   W = W + Δ
 *   S' = W + m·Δ (Nesterov) or W    where the next round starts
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
    private final INDArray model;
    private final INDArray delta;

    private BlockMomentum(double momentum, double learningRate, boolean nesterov, INDArray model, INDArray delta) {
        if (model.length() != delta.length()) {
            throw new IllegalArgumentException("model has " + model.length() + " parameters, block momentum "
                    + delta.length());
        }
        this.momentum = momentum;
        this.learningRate = learningRate;
        this.nesterov = nesterov;
        this.model = model;
        this.delta = delta;
    }

    /** Fresh state: {@code W} = the initial parameters (copied), {@code Δ} = 0. */
    public static BlockMomentum start(AveragingScheme scheme, int workers, INDArray initial) {
        INDArray w = initial.dup().reshape(initial.length());
        return new BlockMomentum(scheme.momentumFor(workers), scheme.blockLearningRate(), scheme.nesterov(), w,
                w.like());
    }

    /** State restored from a checkpoint ({@link #model()} and {@link #delta()} as written; copied). */
    public static BlockMomentum restore(AveragingScheme scheme, int workers, INDArray model, INDArray delta) {
        return new BlockMomentum(scheme.momentumFor(workers), scheme.blockLearningRate(), scheme.nesterov(),
                model.dup().reshape(model.length()), delta.dup().reshape(delta.length()));
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
        model.addi(delta);
        return nesterov ? model.add(delta.mul(momentum)) : model.dup();
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
