package io.seqpipe.model;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.LossUtil;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;

/**
 * The pinball (quantile) loss of a dense output of {@code Q} blocks, block {@code i} predicting quantile level
 * {@code quantiles[i]} of the labels in the same columns (quantile-major: output column {@code j} has level
 * {@code quantiles[j / (nOut / Q)]}). Per element, with {@code e = label − output},
 * <pre>
 *   ρ_q(e) = max(q·e, (q − 1)·e) = |e| / 2 + (q − ½)·e
 *   dρ/d output = sign(output − label) / 2 − (q − ½)     (at e = 0 the mean of the one-sided slopes)
 * </pre>
 * averaged over the output columns, as DL4J's {@code LossMAE} (so the score is the loss averaged over the quantile
 * levels); at the single level 0.5 it is half of {@code LossMAE}. Minimising it makes each block the conditional
 * quantile at its level. Masks: per example (a column vector) or per output (the labels' shape), as DL4J's losses.
 * Serialized in the network JSON by DL4J's Jackson ({@code @class} and {@code quantiles}).
 */
public final class PinballLoss implements ILossFunction {
    private static final long serialVersionUID = 1L;
    private final double[] quantiles;

    @JsonCreator
    public PinballLoss(@JsonProperty("quantiles") double[] quantiles) {
        if (quantiles == null || quantiles.length == 0) {
            throw new IllegalArgumentException("the pinball loss needs at least one quantile level");
        }
        for (double q : quantiles) {
            if (!(q > 0 && q < 1)) {
                throw new IllegalArgumentException("quantile levels must be in (0, 1), got " + Arrays.toString(
                        quantiles));
            }
        }
        this.quantiles = quantiles.clone();
    }

    @JsonProperty("quantiles")
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** Per output column, {@code q − ½} of its block's level: {@code [1, columns]}. */
    private INDArray levelOffsets(long columns, DataType type) {
        int q = quantiles.length;
        if (columns % q != 0) {
            throw new IllegalStateException("the pinball loss of " + q + " quantile levels needs outputs in " + q
                    + " equal blocks, got " + columns + " outputs");
        }
        long block = columns / q;
        double[] row = new double[(int) columns];
        for (int j = 0; j < row.length; j++) {
            row[j] = quantiles[(int) (j / block)] - 0.5;
        }
        return Nd4j.createFromArray(row).castTo(type).reshape(1, columns);
    }

    private static void requireSameShape(INDArray labels, INDArray preOutput) {
        if (!labels.equalShapes(preOutput)) {
            throw new IllegalArgumentException("labels and outputs must have the same shape: got "
                    + Arrays.toString(labels.shape()) + " and " + Arrays.toString(preOutput.shape()));
        }
    }

    /** Per example and column: ρ divided by the number of columns, masked. */
    private INDArray scoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSameShape(labels, preOutput);
        INDArray y = labels.castTo(preOutput.dataType());
        INDArray diff = activationFn.getActivation(preOutput.dup(), true).subi(y); // output − label = −e
        INDArray score = Transforms.abs(diff, true).muli(0.5)
                .subi(diff.mulRowVector(levelOffsets(diff.size(1), diff.dataType())));
        score.divi(diff.size(1));
        if (mask != null) {
            LossUtil.applyMask(score, mask);
        }
        return score;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray score = scoreArray(labels, preOutput, activationFn, mask);
        double sum = score.sumNumber().doubleValue();
        return average ? sum / score.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return scoreArray(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSameShape(labels, preOutput);
        INDArray y = labels.castTo(preOutput.dataType());
        INDArray diff = activationFn.getActivation(preOutput.dup(), true).subi(y);
        INDArray dLda = Transforms.sign(diff, true).muli(0.5)
                .subiRowVector(levelOffsets(diff.size(1), diff.dataType()));
        dLda.divi(diff.size(1));
        if (mask != null && LossUtil.isPerOutputMasking(dLda, mask)) {
            LossUtil.applyMask(dLda, mask);
        }
        INDArray gradient = activationFn.backprop(preOutput.dup(), dLda).getFirst();
        if (mask != null) {
            LossUtil.applyMask(gradient, mask);
        }
        return gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinballLoss p && Arrays.equals(p.quantiles, quantiles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(quantiles);
    }

    @Override
    public String toString() {
        return "PinballLoss(quantiles=" + Arrays.toString(quantiles) + ")";
    }
}
