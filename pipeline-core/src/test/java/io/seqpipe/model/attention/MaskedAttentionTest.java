package io.seqpipe.model.attention;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.seqpipe.testing.DoublePrecision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The attention computation alone: a hand-worked case, padding, and the backward pass against finite differences. */
@ExtendWith(DoublePrecision.class)
class MaskedAttentionTest {
    private static final DataType D = DataType.DOUBLE;

    /**
     * One query q = (1, 0) over three memory steps k1 = (0, 0), k2 = (ln 3, 5), k3 = (100, 0), the third padded.
     * Scores 0, ln 3, (100, masked): weights 1/4, 3/4, 0. Values 4, 8, 1000: context 0.25·4 + 0.75·8 = 7.
     */
    @Test
    void handWorkedWeightsAndContextIgnorePadding() {
        INDArray q = Nd4j.create(new double[]{1, 0}, 1, 2, 1);
        INDArray k = Nd4j.create(new double[]{0, Math.log(3), 100, 0, 5, 0}, 1, 2, 3);
        INDArray v = Nd4j.create(new double[]{4, 8, 1000}, 1, 1, 3);
        INDArray mask = Nd4j.create(new double[]{1, 1, 0}, 1, 3);
        MaskedAttention.Forward f = MaskedAttention.forward(q, k, v, mask);
        assertEquals(0.25, f.weights().getDouble(0, 0, 0), 1e-12);
        assertEquals(0.75, f.weights().getDouble(0, 0, 1), 1e-12);
        assertEquals(0.0, f.weights().getDouble(0, 0, 2), 0.0);
        assertEquals(7.0, f.context().getDouble(0, 0, 0), 1e-12);
        // unmasked, the third step dominates
        assertEquals(1000.0, MaskedAttention.forward(q, k, v, null).context().getDouble(0, 0, 0), 1e-6);
    }

    @Test
    void entirelyPaddedMemoryGivesZeroWeightsNotNaN() {
        INDArray q = Nd4j.rand(D, 2, 3, 4);
        INDArray k = Nd4j.rand(D, 2, 3, 5);
        INDArray mask = Nd4j.create(new double[][]{{1, 1, 0, 0, 0}, {0, 0, 0, 0, 0}});
        MaskedAttention.Forward f = MaskedAttention.forward(q, k, k, mask);
        assertEquals(0.0, f.weights().slice(1).sumNumber().doubleValue(), 0.0);
        assertEquals(4.0, f.weights().slice(0).sumNumber().doubleValue(), 1e-12); // each of 4 rows sums to 1
        assertEquals(0.0, f.context().slice(1).amaxNumber().doubleValue(), 0.0);
    }

    /**
     * L = Σ C ⊙ G for a fixed random G; the analytic gradients of L with respect to every element of Q, K and V agree
     * with central differences, and the keys and values of padded steps get exactly zero gradient.
     */
    @Test
    void backwardMatchesFiniteDifferencesAndPaddingGetsNoGradient() {
        Nd4j.getRandom().setSeed(7);
        INDArray q = Nd4j.rand(D, 3, 4, 5).subi(0.5).muli(3);
        INDArray k = Nd4j.rand(D, 3, 4, 6).subi(0.5).muli(3);
        INDArray v = Nd4j.rand(D, 3, 2, 6).subi(0.5).muli(3);
        INDArray mask = Nd4j.create(new double[][]{{1, 1, 1, 1, 1, 1}, {1, 1, 0, 0, 0, 0}, {1, 0, 1, 1, 0, 1}});
        INDArray g = Nd4j.rand(D, 3, 2, 5).subi(0.5);
        MaskedAttention.Forward f = MaskedAttention.forward(q, k, v, mask);
        MaskedAttention.Gradients grads = MaskedAttention.backward(q, k, v, f.weights(), g);
        double worst = 0;
        for (INDArray[] pair : new INDArray[][]{{q, grads.queries()}, {k, grads.keys()}, {v, grads.values()}}) {
            INDArray x = pair[0];
            INDArray flat = x.reshape(x.length());
            for (long i = 0; i < x.length(); i++) {
                double orig = flat.getDouble(i);
                flat.putScalar(i, orig + 1e-6);
                double plus = MaskedAttention.forward(q, k, v, mask).context().mul(g).sumNumber().doubleValue();
                flat.putScalar(i, orig - 1e-6);
                double minus = MaskedAttention.forward(q, k, v, mask).context().mul(g).sumNumber().doubleValue();
                flat.putScalar(i, orig);
                double numeric = (plus - minus) / 2e-6;
                double analytic = pair[1].reshape(x.length()).getDouble(i);
                double err = Math.abs(numeric - analytic) / Math.max(1e-8, Math.abs(numeric) + Math.abs(analytic));
                if (Math.abs(numeric - analytic) > 1e-9) {
                    worst = Math.max(worst, err);
                }
            }
        }
        assertTrue(worst < 1e-6, "largest relative error " + worst);
        // example 1: steps 2-5 padded; example 2: steps 1 and 4
        for (int[] padded : new int[][]{{1, 2}, {1, 5}, {2, 1}, {2, 4}}) {
            assertEquals(0.0, grads.keys().get(org.nd4j.linalg.indexing.NDArrayIndex.point(padded[0]),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(padded[1]))
                    .amaxNumber().doubleValue(), 0.0);
            assertEquals(0.0, grads.values().get(org.nd4j.linalg.indexing.NDArrayIndex.point(padded[0]),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(padded[1]))
                    .amaxNumber().doubleValue(), 0.0);
        }
    }

    /**
     * Masks reach the vertex as views (e.g. after dl4j-spark splits and merges minibatches); ND4J 1.0.0-M2.1 loses the
     * shape of a row taken from some views, which made training fail under Spark. The result must not depend on it.
     */
    @Test
    void aMaskThatIsAViewGivesTheSameResultAsACopy() {
        Nd4j.getRandom().setSeed(3);
        INDArray q = Nd4j.rand(DataType.DOUBLE, 3, 4, 2);
        INDArray k = Nd4j.rand(DataType.DOUBLE, 3, 4, 5);
        INDArray big = Nd4j.zeros(DataType.DOUBLE, 7, 6).assign(1.0);
        big.putScalar(2, 4, 0.0);
        big.putScalar(2, 3, 0.0);
        big.putScalar(3, 4, 0.0);
        INDArray view = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5));
        assertTrue(view.isView());
        MaskedAttention.Forward fromView = MaskedAttention.forward(q, k, k, view);
        MaskedAttention.Forward fromCopy = MaskedAttention.forward(q, k, k, view.dup('c'));
        assertEquals(fromCopy.weights(), fromView.weights());
        assertEquals(fromCopy.context(), fromView.context());
        assertEquals(0.0, fromView.weights().getDouble(1, 0, 3), 0.0);
        assertEquals(0.0, fromView.weights().getDouble(1, 1, 4), 0.0);
    }
}
