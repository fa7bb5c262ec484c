package io.seqpipe.model;

import io.seqpipe.testing.SyntheticSequences;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkFactoryTest {

    static List<EncodedExample> examples(int n, int maxLen, long seed) {
        return SyntheticSequences.tokenPresence(n, maxLen, seed);
    }

    @ParameterizedTest(name = "{0} bidirectional={1} pooling={2} dropout={3}")
    @CsvSource({
            "LSTM, true, MAX, 0.3", "LSTM, false, MAX, 0.3", "RNN, true, MEAN, 0.3", "RNN, false, LAST, 0.0",
            "LSTM, true, LAST, 0.0", "LSTM, false, MEAN, 0.2", "GRU, true, MAX, 0.3", "GRU, false, LAST, 0.0"})
    void classifierTrainsOnMaskedBatches(ModelSpec.Cell cell, boolean bidirectional, ModelSpec.Pooling pooling,
                                         double dropout) {
        ModelSpec spec = new ModelSpec(cell, 2, 8, bidirectional, 8, dropout, pooling);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0, 5, 7);
        // through JSON, as dl4j-spark workers rebuild the network
        ComputationGraph net = new ComputationGraph(ComputationGraphConfiguration.fromJson(
                NetworkFactory.sequenceClassifier(spec, opt, 10, 2).toJson()));
        net.init();
        List<EncodedExample> data = examples(64, 9, 1);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < data.size(); i += 16) {
            batches.add(BatchAssembler.classification(data.subList(i, i + 16), 2));
        }
        double before = mean(net, batches);
        for (int epoch = 0; epoch < 25; epoch++) {
            batches.forEach(net::fit);
        }
        double after = mean(net, batches);
        assertTrue(after < before * 0.7, "loss " + before + " -> " + after);
        INDArray[] f = BatchAssembler.features(data.subList(0, 4));
        INDArray out = output(net, f);
        assertArrayEquals(new long[]{4, 2}, out.shape());
        assertEquals(4.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
    }

    private static double mean(ComputationGraph net, List<DataSet> batches) {
        return batches.stream().mapToDouble(b -> net.score(b, false)).average().orElseThrow();
    }

    /** The same sentence must score the same alone and in a padded batch (DL4J's Bidirectional fails this). */
    @ParameterizedTest(name = "{0} bidirectional={1} pooling={2}")
    @CsvSource({"LSTM, true, MAX", "LSTM, false, LAST", "LSTM, true, LAST", "LSTM, true, MEAN", "RNN, true, MAX",
            "RNN, false, MEAN", "GRU, true, MAX", "GRU, true, LAST"})
    void paddingDoesNotChangeAnExamplesOutput(ModelSpec.Cell cell, boolean bidirectional, ModelSpec.Pooling pooling) {
        ModelSpec spec = new ModelSpec(cell, 2, 8, bidirectional, 8, 0.0, pooling);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0, 5, 7);
        ComputationGraph net = new ComputationGraph(NetworkFactory.sequenceClassifier(spec, opt, 10, 2));
        net.init();
        List<EncodedExample> data = examples(8, 9, 3);
        INDArray together = output(net, BatchAssembler.features(data));
        for (int i = 0; i < data.size(); i++) {
            INDArray alone = output(net, BatchAssembler.features(data.subList(i, i + 1)));
            assertArrayEquals(alone.toFloatVector(), together.getRow(i).toFloatVector(), 1e-5f,
                    "example " + i + " scored alone vs in a padded batch");
        }
    }

    static INDArray output(ComputationGraph net, INDArray[] features) {
        return net.output(false, new INDArray[]{features[0]}, new INDArray[]{features[1]})[0];
    }

    @org.junit.jupiter.api.Test
    void storedPaddingSideDoesNotMatter() {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 8, true, 8, 0.0, ModelSpec.Pooling.LAST);
        ComputationGraph net = new ComputationGraph(NetworkFactory.sequenceClassifier(spec,
                new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0, 5, 7), 10, 2));
        net.init();
        EncodedExample post = new EncodedExample(0, new int[]{4, 5, 6, 0, 0}, new int[]{1, 1, 1, 0, 0}, 0);
        EncodedExample pre = new EncodedExample(0, new int[]{0, 0, 4, 5, 6}, new int[]{0, 0, 1, 1, 1}, 0);
        assertArrayEquals(output(net, BatchAssembler.features(List.of(post))).toFloatVector(),
                output(net, BatchAssembler.features(List.of(pre))).toFloatVector(), 0f);
    }
}
