package io.seqpipe.model.attention;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Dot-product attention over a masked memory, forward and backward, in plain ND4J operations (no SameDiff). For each
 * example, with queries {@code Q [dq, Tq]} (decoder states), keys {@code K [dq, Tm]} and values {@code V [dv, Tm]}
 * (encoder outputs, or for Luong's "general" score the keys {@code W_a h_s}):
 * <pre>
 * S = Qᵀ K                      [Tq, Tm]   scores: s(t, s) = h_t · k_s
 * A = masked_softmax_rows(S)    [Tq, Tm]   a(t, s) ∝ exp(s(t, s)) over real memory steps, 0 at padded ones
 * C = V Aᵀ                      [dv, Tq]   context vectors
 * </pre>
 * Backward, for the upstream gradient {@code dC}: {@code dV = dC A}, {@code dA = dCᵀ V},
 * {@code dS = A ⊙ (dA - rowsum(dA ⊙ A))}, {@code dQ = K dSᵀ}, {@code dK = Q dS}. Padded memory steps have weight 0, so
 * they get exactly zero gradient through the keys and the values. A row whose memory is entirely padding gets all-zero
 * weights (a zero context), not NaN. Arrays are DL4J time series {@code [batch, features, T]}, masks
 * {@code [batch, T]} (1 = real step).
 */
public final class MaskedAttention {
    private MaskedAttention() {
    }

    /** Attention weights {@code [batch, Tq, Tm]} and context vectors {@code [batch, dv, Tq]}. */
    public record Forward(INDArray weights, INDArray context) {
    }

    /** Gradients with respect to the queries, keys and values (shapes as the inputs). */
    public record Gradients(INDArray queries, INDArray keys, INDArray values) {
    }

    public static Forward forward(INDArray queries, INDArray keys, INDArray values, INDArray memoryMask) {
        check(queries, keys, values, memoryMask);
        queries = contiguous(queries);
        keys = contiguous(keys);
        values = contiguous(values);
        memoryMask = memoryMask == null ? null : contiguous(memoryMask);
        long batch = queries.size(0);
        long tq = queries.size(2);
        long tm = keys.size(2);
        INDArray weights = Nd4j.create(queries.dataType(), batch, tq, tm);
        INDArray context = Nd4j.create(queries.dataType(), batch, values.size(1), tq);
        for (long i = 0; i < batch; i++) {
            INDArray q = queries.get(point(i), all(), all());
            INDArray k = keys.get(point(i), all(), all());
            INDArray v = values.get(point(i), all(), all());
            INDArray a = softmaxRows(q.transpose().mmul(k),
                    memoryMask == null ? null : memoryMask.get(point(i), all()).reshape(1, tm));
            weights.get(point(i), all(), all()).assign(a);
            context.get(point(i), all(), all()).assign(v.mmul(a.transpose()));
        }
        return new Forward(weights, context);
    }

    /** Backward pass for the upstream gradient {@code dContext [batch, dv, Tq]}, given the forward's weights. */
    public static Gradients backward(INDArray queries, INDArray keys, INDArray values, INDArray weights,
                                     INDArray dContext) {
        queries = contiguous(queries);
        keys = contiguous(keys);
        values = contiguous(values);
        weights = contiguous(weights);
        dContext = contiguous(dContext);
        long batch = queries.size(0);
        INDArray dq = Nd4j.create(queries.dataType(), queries.shape());
        INDArray dk = Nd4j.create(keys.dataType(), keys.shape());
        INDArray dv = Nd4j.create(values.dataType(), values.shape());
        for (long i = 0; i < batch; i++) {
            INDArray q = queries.get(point(i), all(), all());
            INDArray k = keys.get(point(i), all(), all());
            INDArray v = values.get(point(i), all(), all());
            INDArray a = weights.get(point(i), all(), all());
            INDArray dc = dContext.get(point(i), all(), all());
            dv.get(point(i), all(), all()).assign(dc.mmul(a));
            INDArray dA = dc.transpose().mmul(v);
            INDArray rowDot = dA.mul(a).sum(true, 1);
            INDArray dS = dA.subColumnVector(rowDot).muli(a);
            dq.get(point(i), all(), all()).assign(k.mmul(dS.transpose()));
            dk.get(point(i), all(), all()).assign(q.mmul(dS));
        }
        return new Gradients(dq, dk, dv);
    }

    /** Views of views lose their shape in some ND4J 1.0.0-M2.1 indexing paths: work on a plain 'c' copy. */
    private static INDArray contiguous(INDArray x) {
        return x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
    }

    /** Row-wise softmax of {@code scores [Tq, Tm]} over the columns where {@code mask [1, Tm]} is 1. */
    static INDArray softmaxRows(INDArray scores, INDArray mask) {
        INDArray s = scores.dup();
        if (mask != null) {
            // push padded columns far below every real one before the max, then zero them exactly after exp
            s.addiRowVector(mask.rsub(1.0).muli(-1e9));
        }
        INDArray e = Transforms.exp(s.subiColumnVector(s.max(true, 1)), false);
        if (mask != null) {
            e.muliRowVector(mask);
        }
        // each row's sum is >= 1 (its maximum contributes exp(0)) unless the whole memory is padding, where it is 0
        INDArray sum = Transforms.max(e.sum(true, 1), 1.0, false);
        return e.diviColumnVector(sum);
    }

    private static void check(INDArray queries, INDArray keys, INDArray values, INDArray mask) {
        if (queries.rank() != 3 || keys.rank() != 3 || values.rank() != 3) {
            throw new IllegalArgumentException("attention inputs must be [batch, features, T] time series, got ranks "
                    + queries.rank() + ", " + keys.rank() + ", " + values.rank());
        }
        if (queries.size(1) != keys.size(1)) {
            throw new IllegalArgumentException("dot attention needs queries and keys of the same width, got "
                    + queries.size(1) + " and " + keys.size(1) + " (use the general score: project the keys)");
        }
        if (keys.size(2) != values.size(2) || keys.size(0) != queries.size(0) || values.size(0) != queries.size(0)) {
            throw new IllegalArgumentException("keys " + java.util.Arrays.toString(keys.shape()) + " and values "
                    + java.util.Arrays.toString(values.shape()) + " must share batch and memory length with queries "
                    + java.util.Arrays.toString(queries.shape()));
        }
        if (mask != null && (mask.rank() != 2 || mask.size(0) != keys.size(0) || mask.size(1) != keys.size(2))) {
            throw new IllegalArgumentException("memory mask must be [batch, Tm] = [" + keys.size(0) + ", "
                    + keys.size(2) + "], got " + java.util.Arrays.toString(mask.shape()));
        }
    }
}
