package io.seqpipe.model;

import io.seqpipe.model.NetworkFactory.TokenInput;
import io.seqpipe.model.rnn.RnnTestSupport;
import io.seqpipe.testing.DoublePrecision;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * Truncated BPTT of {@link NetworkFactory#languageModel}, in double precision, on a sequence of {@code 2T} steps with
 * rows of different lengths (one ends inside the second segment, one inside the first):
 * <ul>
 *   <li>each segment's gradient, as DL4J's truncated BPTT computes it during {@code fit}, equals the finite-difference
 *       gradient of that segment's loss, at the parameters of that update, with the recurrent state it starts from
 *       held constant: zero for the first segment, and for the second the state the first segment's forward pass
 *       ended in (computed at the first update's parameters). So the state is carried across the boundary and no
 *       gradient flows through it; and that differs from the full-BPTT gradient of the second segment's loss, which
 *       does flow through it (full BPTT itself is checked against finite differences in the layers' gradient checks);
 *   <li>with a truncation length of at least the sequence length, truncated BPTT is full BPTT exactly.</li>
 * </ul>
 * The constant-state losses are computed by {@code rnnTimeStep} from a set state, a path separate from training's.
 */
@ExtendWith(DoublePrecision.class)
class LanguageModelTbpttTest {
    private static final DataType D = DataType.DOUBLE;
    private static final int VOCABULARY = 5;
    private static final int T = 3;
    private static final int STEPS = 2 * T;
    private static final int[] LENGTHS = {STEPS, STEPS - 1, T - 1};
    private static final double EPS = 1e-6;

    /** A two-layer LM in double precision with large random parameters; SGD, so each segment's update moves them. */
    static ComputationGraph languageModel(ModelSpec.Cell cell, TokenInput input, int tbptt) {
        ModelSpec spec = new ModelSpec(cell, 2, 3, false, 3, 0.0, ModelSpec.Pooling.MAX);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.SGD, 0.5, 0, 0, 7);
        ComputationGraph net = new ComputationGraph(NetworkFactory.languageModel(spec, opt, VOCABULARY, input,
                tbptt));
        net.init();
        net = net.convertDataType(D);
        Nd4j.getRandom().setSeed(42);
        net.params().assign(RnnTestSupport.uniform(D, 0.8, net.params().shape()));
        return net;
    }

    /** The parameters, gradient and score of every update, as {@code fit} computes them. */
    private static final class Updates extends BaseTrainingListener {
        final List<INDArray> params = new ArrayList<>();
        final List<INDArray> gradients = new ArrayList<>();
        final List<Double> scores = new ArrayList<>();

        @Override
        public void onGradientCalculation(Model model) {
            params.add(model.params().dup());
            gradients.add(model.gradient().gradient().dup());
            scores.add(model.score());
        }
    }

    private static DataSet data() {
        INDArray tokens = RnnTestSupport.tokens(D, LENGTHS.length, STEPS, VOCABULARY, 3);
        INDArray labels = RnnTestSupport.labels(D, LENGTHS.length, VOCABULARY, STEPS, 4);
        INDArray mask = RnnTestSupport.mask(D, STEPS, LENGTHS);
        return new DataSet(tokens, labels, mask, mask);
    }

    private static Updates fit(ComputationGraph net, DataSet data) {
        Updates updates = new Updates();
        net.setListeners(updates);
        net.fit(data);
        return updates;
    }

    /**
     * The masked cross-entropy summed over the examples and steps {@code from..} with {@code params}, the recurrent
     * layers starting from {@code start} (null: zero): the loss whose gradient DL4J computes (its updater divides by
     * the minibatch size later; its score is this divided by the minibatch size). Padding only follows a row's real
     * steps, so stepping without masks gives every real step's output unchanged.
     */
    private static double loss(ComputationGraph probe, INDArray params, Map<String, Map<String, INDArray>> start,
                               INDArray tokens, INDArray labels, INDArray mask, int from) {
        probe.setParams(params);
        probe.rnnClearPreviousState();
        if (start != null) {
            probe.rnnSetPreviousStates(copy(start));
        }
        INDArray p = probe.rnnTimeStep(tokens)[0];
        long batch = p.size(0);
        long steps = p.size(2);
        // [batch, V, T] 'c' order; the labels are one-hot
        double[] probabilities = p.dup('c').data().asDouble();
        double[] targets = labels.dup('c').data().asDouble();
        double sum = 0;
        for (int i = 0; i < batch; i++) {
            for (int t = from; t < steps; t++) {
                if (mask.getDouble(i, t) != 0) {
                    double target = 0;
                    for (int v = 0; v < VOCABULARY; v++) {
                        long at = (i * VOCABULARY + v) * steps + t;
                        target += probabilities[(int) at] * targets[(int) at];
                    }
                    sum -= Math.log(target);
                }
            }
        }
        return sum;
    }

    private static Map<String, Map<String, INDArray>> copy(Map<String, Map<String, INDArray>> states) {
        Map<String, Map<String, INDArray>> copy = new HashMap<>();
        states.forEach((layer, state) -> {
            Map<String, INDArray> s = new HashMap<>();
            state.forEach((k, v) -> s.put(k, v.dup()));
            copy.put(layer, s);
        });
        return copy;
    }

    /** Central finite differences of {@link #loss} in every parameter. */
    private static INDArray numericalGradient(ComputationGraph probe, INDArray params,
                                              Map<String, Map<String, INDArray>> start, INDArray tokens,
                                              INDArray labels, INDArray mask, int from) {
        INDArray gradient = Nd4j.zeros(D, 1, params.length());
        for (long j = 0; j < params.length(); j++) {
            INDArray plus = params.dup();
            plus.putScalar(j, params.getDouble(j) + EPS);
            INDArray minus = params.dup();
            minus.putScalar(j, params.getDouble(j) - EPS);
            gradient.putScalar(j, (loss(probe, plus, start, tokens, labels, mask, from)
                    - loss(probe, minus, start, tokens, labels, mask, from)) / (2 * EPS));
        }
        return gradient;
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.reshape(a.length()).sub(b.reshape(b.length())).amaxNumber().doubleValue();
    }

    private static INDArray segment(INDArray a, int from, int to) {
        return a.rank() == 3 ? a.get(all(), all(), interval(from, to)).dup() : a.get(all(), interval(from, to)).dup();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"LSTM, EMBEDDING", "GRU, EMBEDDING", "GRU, ONE_HOT"})
    void eachSegmentsGradientHoldsTheCarriedStateConstant(ModelSpec.Cell cell, TokenInput input) {
        DataSet data = data();
        Updates updates = fit(languageModel(cell, input, T), data);
        assertEquals(2, updates.gradients.size(), "one update per segment");

        ComputationGraph probe = languageModel(cell, input, 0);
        INDArray tokens = data.getFeatures();
        INDArray labels = data.getLabels();
        INDArray mask = data.getFeaturesMaskArray();
        INDArray firstTokens = segment(tokens, 0, T);
        INDArray secondTokens = segment(tokens, T, STEPS);
        INDArray secondLabels = segment(labels, T, STEPS);
        INDArray secondMask = segment(mask, T, STEPS);

        INDArray first = numericalGradient(probe, updates.params.get(0), null, firstTokens, segment(labels, 0, T),
                segment(mask, 0, T), 0);
        assertTrue(maxDifference(first, updates.gradients.get(0)) < 1e-7, "first segment: truncated BPTT "
                + updates.gradients.get(0) + "\nfinite differences " + first);

        // the state the first segment ended in, with the parameters of the first update, held constant
        probe.setParams(updates.params.get(0));
        probe.rnnClearPreviousState();
        probe.rnnTimeStep(firstTokens);
        Map<String, Map<String, INDArray>> carried = copy(probe.rnnGetPreviousStates());
        INDArray second = numericalGradient(probe, updates.params.get(1), carried, secondTokens, secondLabels,
                secondMask, 0);
        assertEquals(loss(probe, updates.params.get(1), carried, secondTokens, secondLabels, secondMask, 0)
                / LENGTHS.length, updates.scores.get(1), 1e-12, "the second segment starts from the carried state");
        assertTrue(maxDifference(second, updates.gradients.get(1)) < 1e-7, "second segment: truncated BPTT "
                + updates.gradients.get(1) + "\nfinite differences " + second);

        // full BPTT of the same loss flows through the boundary, and differs
        ComputationGraph full = languageModel(cell, input, 0);
        full.setParams(updates.params.get(1));
        INDArray lossMask = mask.dup();
        lossMask.get(all(), interval(0, T)).assign(0);
        full.setInputs(tokens);
        full.setLabels(labels);
        full.setLayerMaskArrays(new INDArray[]{mask}, new INDArray[]{lossMask});
        full.computeGradientAndScore();
        INDArray throughBoundary = full.gradient().gradient().dup();
        assertTrue(maxDifference(throughBoundary, updates.gradients.get(1)) > 1e-4,
                "the gradient through the boundary must differ from the truncated one");
    }

    @ParameterizedTest(name = "{0} {1} tbptt={2}")
    @CsvSource({"LSTM, EMBEDDING, 6", "LSTM, ONE_HOT, 9", "GRU, EMBEDDING, 6", "GRU, EMBEDDING, 9"})
    void truncationAtLeastTheSequenceLengthIsFullBptt(ModelSpec.Cell cell, TokenInput input, int tbptt) {
        DataSet data = data();
        Updates truncated = fit(languageModel(cell, input, tbptt), data);
        assertEquals(1, truncated.gradients.size(), "one segment");
        Updates full = fit(languageModel(cell, input, 0), data);
        assertTrue(maxDifference(full.params.get(0), truncated.params.get(0)) == 0, "same starting parameters");
        assertTrue(maxDifference(full.gradients.get(0), truncated.gradients.get(0)) < 1e-12,
                "full " + full.gradients.get(0) + "\ntruncated " + truncated.gradients.get(0));
        assertEquals(full.scores.get(0), truncated.scores.get(0), 1e-12);
    }
}
