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

    /**
     * {@code examples} with the character ids of each real step: word id w spelled as {@code 1 + w % 4} characters
     * {@code 2 + (w + l) % 9}, so words of one batch differ in length.
     */
    static List<EncodedExample> withCharacters(List<EncodedExample> examples) {
        List<EncodedExample> out = new ArrayList<>();
        for (EncodedExample e : examples) {
            List<int[]> words = new ArrayList<>();
            for (int s = 0; s < e.ids().length; s++) {
                if (e.mask()[s] != 0) {
                    int[] word = new int[1 + e.ids()[s] % 4];
                    for (int l = 0; l < word.length; l++) {
                        word[l] = 2 + (e.ids()[s] + l) % 9;
                    }
                    words.add(word);
                }
            }
            out.add(new EncodedExample(e.row(), e.ids(), e.mask(), e.label(), words.toArray(int[][]::new)));
        }
        return out;
    }

    /**
     * A classifier with a character encoder and a frozen (pretrained) embedding: it survives JSON, takes the token and
     * character ids as two inputs, trains everything but the embedding, and scores an example the same alone as in a
     * batch with more padded words and padding characters.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"CNN", "LSTM"})
    void classifierWithCharactersAndAFrozenEmbedding(CharEncoderSpec.Encoder encoder) {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 8, true, 8, 0.0, ModelSpec.Pooling.LAST);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 1e-3, 5, 7);
        CharEncoderSpec chars = new CharEncoderSpec(encoder, 4, 3, 5, 3, 10, 1, 100);
        ComputationGraphConfiguration conf = NetworkFactory.sequenceClassifier(spec, opt, 10, true, chars, 11, 2);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        assertEquals(List.of(NetworkFactory.INPUT, NetworkFactory.CHARS), conf.getNetworkInputs());
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        INDArray embedding = net.getLayer(NetworkFactory.EMBEDDING).getParam("W").dup();
        INDArray encoderParams = net.getLayer(NetworkFactory.CHAR_ENCODER).params().dup();
        List<EncodedExample> data = withCharacters(examples(32, 9, 1));
        var format = BatchAssembler.classificationFormat(2, true);
        assertTrue(format.multiInput());
        for (int i = 0; i < data.size(); i += 8) {
            net.fit(format.trainingMultiMinibatch(data.subList(i, i + 8), i));
        }
        assertEquals(embedding, net.getLayer(NetworkFactory.EMBEDDING).getParam("W"), "frozen");
        assertTrue(!encoderParams.equals(net.getLayer(NetworkFactory.CHAR_ENCODER).params()), "the encoder learns");

        io.seqpipe.tasks.classification.ClassifierAdapter adapter =
                new io.seqpipe.tasks.classification.ClassifierAdapter();
        List<EncodedExample> batch = withCharacters(examples(8, 9, 3));
        List<float[]> together = adapter.predictions(batch, adapter.inputs(batch).outputsOf(net));
        for (int i = 0; i < batch.size(); i++) {
            List<EncodedExample> alone = batch.subList(i, i + 1);
            assertArrayEquals(adapter.predictions(alone, adapter.inputs(alone).outputsOf(net)).get(0),
                    together.get(i), 1e-5f, encoder + ": example " + i + " alone vs in a padded batch");
        }
    }
}
