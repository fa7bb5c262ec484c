package io.seqpipe.tasks.tagging;

import io.seqpipe.inference.NetworkShape;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TokenChannel;
import io.seqpipe.tasks.PretrainedEmbeddings;
import io.seqpipe.text.Vocabulary;
import io.seqpipe.text.embeddings.EmbeddingTable;
import io.seqpipe.text.embeddings.WordMatcher;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The tagger's word embedding started from pretrained vectors, fine-tuned or frozen. */
class PretrainedWordVectorsTest {
    private static final int WORDS = 20;
    private static final int DIM = 8;

    /** A table for a 20-word vocabulary whose every real word has the vector (id, -id, 0.5, ...). */
    static EmbeddingTable table() {
        List<String> words = new ArrayList<>();
        for (int i = 2; i < WORDS; i++) {
            words.add("w" + i);
        }
        Vocabulary vocabulary = Vocabulary.of(words);
        EmbeddingTable.Builder b = new EmbeddingTable.Builder(vocabulary, DIM, new WordMatcher(true, true, false));
        for (int i = 2; i < WORDS - 1; i++) { // the last word is missing from the "file"
            float[] v = new float[DIM];
            v[0] = i;
            v[1] = -i;
            java.util.Arrays.fill(v, 2, DIM, 0.5f);
            b.accept("W" + i, v);
        }
        return b.build(EmbeddingTable.MissingWords.ZERO, 1);
    }

    static ComputationGraph tagger(boolean frozen) {
        TokenChannel word = new TokenChannel("word", WORDS, DIM);
        List<TokenChannel> channels = List.of(frozen ? word.asFrozen() : word, new TokenChannel("casing", 3, 2));
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 8, true, DIM, 0.0, ModelSpec.Pooling.MAX);
        // an L2 penalty too: a frozen embedding must not decay either
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.05, 1e-3, 5.0, 7);
        ComputationGraph net = new ComputationGraph(NetworkFactory.tokenTagger(spec, opt, channels, 2));
        net.init();
        new PretrainedEmbeddings.Loaded(table(), java.util.Map.of()).assignTo(net,
                NetworkFactory.embeddingOf("word"));
        return net;
    }

    static INDArray wordWeights(ComputationGraph net) {
        return net.getLayer(NetworkFactory.embeddingOf("word")).getParam("W").dup();
    }

    static void fit(ComputationGraph net) {
        List<TaggedExample> train = TokenTaggerNetworkTest.synthetic(40, 1);
        for (int i = 0; i < train.size(); i += 10) {
            net.fit(TaggingBatches.labelled(train.subList(i, i + 10), 2));
        }
    }

    @Test
    void theWordEmbeddingStartsFromTheVectors() {
        INDArray w = wordWeights(tagger(false));
        assertArrayEquals(new long[]{WORDS, DIM}, w.shape());
        assertArrayEquals(new float[]{5, -5, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, w.getRow(5).toFloatVector());
        assertArrayEquals(new float[DIM], w.getRow(WORDS - 1).toFloatVector(), "missing word: zero");
        assertArrayEquals(new float[DIM], w.getRow(0).toFloatVector(), "<pad>");
    }

    @Test
    void aFrozenEmbeddingIsUnchangedByAFitAndTheRestLearns() throws Exception {
        ComputationGraph net = tagger(true);
        INDArray before = wordWeights(net);
        INDArray casingBefore = net.getLayer(NetworkFactory.embeddingOf("casing")).getParam("W").dup();
        fit(net);
        assertEquals(before, wordWeights(net));
        assertNotEquals(casingBefore, net.getLayer(NetworkFactory.embeddingOf("casing")).getParam("W"));
        // the frozen layer survives the JSON form, and the model directory's shape check sees through it
        ComputationGraphConfiguration conf = net.getConfiguration();
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        NetworkShape.of("model", bytes.toByteArray()).requireInputs(NetworkFactory.embeddingOf("word"),
                "word embedding", WORDS, "vocabulary.txt", "entries");
    }

    @Test
    void aTrainableEmbeddingIsFineTuned() {
        ComputationGraph net = tagger(false);
        INDArray before = wordWeights(net);
        fit(net);
        assertNotEquals(before, wordWeights(net));
    }
}
