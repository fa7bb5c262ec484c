package io.seqpipe.model;

import io.seqpipe.model.NetworkFactory.TokenInput;
import io.seqpipe.model.rnn.RnnTestSupport;
import io.seqpipe.testing.DoublePrecision;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The stored state of {@link NetworkFactory#languageModel}, which generation and evaluation rely on: feeding a batch
 * step by step with {@code rnnTimeStep}, or segment by segment with the state carried, gives the full pass's softmax
 * at every real step, and {@code rnnClearPreviousState} starts afresh. Rows end at different steps; padding only
 * follows a row's real steps, so it cannot change them and the steps are fed without a mask.
 */
@ExtendWith(DoublePrecision.class)
class LanguageModelStateTest {
    private static final DataType D = DataType.DOUBLE;
    private static final int VOCABULARY = 5;
    private static final int STEPS = 7;
    private static final int[] LENGTHS = {STEPS, 5, 1};

    private static INDArray tokens() {
        return RnnTestSupport.tokens(D, LENGTHS.length, STEPS, VOCABULARY, 8);
    }

    private static INDArray mask() {
        return RnnTestSupport.mask(D, STEPS, LENGTHS);
    }

    private static INDArray steps(INDArray a, int from, int to) {
        return a.get(all(), all(), interval(from, to)).dup();
    }

    /** {@code actual} equals the full pass's steps {@code from..} at every real step. */
    private static void assertRealStepsEqual(INDArray full, INDArray mask, int from, INDArray actual, String what) {
        int to = from + (int) actual.size(2);
        INDArray m = mask.get(all(), interval(from, to)).dup();
        INDArray expected = steps(full, from, to);
        for (int i = 0; i < m.size(0); i++) {
            for (int t = 0; t < m.size(1); t++) {
                if (m.getDouble(i, t) == 0) {
                    continue;
                }
                INDArray e = expected.get(interval(i, i + 1), all(), interval(t, t + 1)).reshape(VOCABULARY);
                INDArray a = actual.get(interval(i, i + 1), all(), interval(t, t + 1)).reshape(VOCABULARY);
                assertTrue(e.equalsWithEps(a, 1e-12), what + ", row " + i + ", step " + (from + t) + ": expected "
                        + e + " but got " + a);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"LSTM, EMBEDDING", "GRU, ONE_HOT", "RNN, EMBEDDING"})
    void steppingEqualsTheFullPassAndClearingStartsAfresh(ModelSpec.Cell cell, TokenInput input) {
        ComputationGraph net = LanguageModelTbpttTest.languageModel(cell, input, 0);
        INDArray tokens = tokens();
        INDArray mask = mask();
        INDArray full = net.output(false, new INDArray[]{tokens}, new INDArray[]{mask})[0];
        net.rnnClearPreviousState();
        for (int t = 0; t < STEPS; t++) {
            assertRealStepsEqual(full, mask, t, net.rnnTimeStep(steps(tokens, t, t + 1))[0], "step by step");
        }
        INDArray first = steps(full, 0, 1);
        INDArray carriedOn = net.rnnTimeStep(steps(tokens, 0, 1))[0];
        assertTrue(first.sub(carriedOn).amaxNumber().doubleValue() > 1e-3, "without clearing, the state carries on");
        net.rnnClearPreviousState();
        assertRealStepsEqual(full, mask, 0, net.rnnTimeStep(steps(tokens, 0, 1))[0], "after clearing");
    }

    @ParameterizedTest(name = "{0} {1} segments of {2}")
    @CsvSource({"LSTM, EMBEDDING, 3", "LSTM, ONE_HOT, 2", "GRU, EMBEDDING, 3", "RNN, EMBEDDING, 4"})
    void segmentsWithTheStateCarriedEqualTheFullPass(ModelSpec.Cell cell, TokenInput input, int segment) {
        ComputationGraph net = LanguageModelTbpttTest.languageModel(cell, input, 0);
        INDArray tokens = tokens();
        INDArray mask = mask();
        INDArray full = net.output(false, new INDArray[]{tokens}, new INDArray[]{mask})[0];
        net.rnnClearPreviousState();
        for (int from = 0; from < STEPS; from += segment) {
            int to = Math.min(STEPS, from + segment);
            assertRealStepsEqual(full, mask, from, net.rnnTimeStep(steps(tokens, from, to))[0],
                    "segment " + from + ".." + to);
        }
    }
}
