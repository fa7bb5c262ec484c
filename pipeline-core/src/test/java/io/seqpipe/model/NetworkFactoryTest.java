package io.seqpipe.model;

import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkFactoryTest {

    /** Task: the label is whether token 2 occurs in the sequence. Learnable by every configuration. */
    static List<EncodedExample> examples(int n, int maxLen, long seed) {
        Random r = new Random(seed);
        List<EncodedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(maxLen - 1);
            int[] ids = new int[maxLen];
            int[] mask = new int[maxLen];
            boolean has = false;
            for (int t = 0; t < len; t++) {
                ids[t] = 3 + r.nextInt(7);
                mask[t] = 1;
            }
            if (r.nextBoolean()) {
                ids[r.nextInt(len)] = 2;
                has = true;
            }
            out.add(new EncodedExample(i, ids, mask, has ? 1 : 0));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} bidirectional={1} pooling={2} dropout={3}")
    @CsvSource({
            "LSTM, true, MAX, 0.3", "LSTM, false, MAX, 0.3", "RNN, true, MEAN, 0.3", "RNN, false, LAST, 0.0",
            "LSTM, true, LAST, 0.0", "LSTM, false, MEAN, 0.2"})
    void classifierTrainsOnMaskedBatches(ModelSpec.Cell cell, boolean bidirectional, ModelSpec.Pooling pooling,
                                         double dropout) {
        ModelSpec spec = new ModelSpec(cell, 2, 8, bidirectional, 8, dropout, pooling);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0, 5, 7);
        // through JSON, as dl4j-spark workers rebuild the network
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(
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
        INDArray out = net.output(f[0], false, f[1], null);
        assertArrayEquals(new long[]{4, 2}, out.shape());
        assertEquals(4.0, out.sumNumber().doubleValue(), 1e-4, "softmax rows sum to 1");
    }

    private static double mean(MultiLayerNetwork net, List<DataSet> batches) {
        return batches.stream().mapToDouble(b -> net.score(b, false)).average().orElseThrow();
    }
}
