package io.seqpipe.inference;

import io.seqpipe.model.ModelBytes;
import io.seqpipe.SeqPipeException;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layer sizes read from a saved network's configuration, and the messages of a model.zip that does not fit. */
class NetworkShapeTest {
    static byte[] classifier;

    @BeforeAll
    static void saveATinyClassifier() {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.RNN, 1, 3, false, 2, 0.0, ModelSpec.Pooling.MAX);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.SGD, 0.1, 0, 0, 1);
        ComputationGraph net = new ComputationGraph(NetworkFactory.sequenceClassifier(spec, opt, 57, 3));
        net.init();
        classifier = ModelBytes.of(net, true);
    }

    @Test
    void readsTheEmbeddingsVocabularyAndTheOutputClasses() {
        NetworkShape shape = NetworkShape.of("/m", classifier);
        assertEquals(57, shape.inputsOf(NetworkFactory.EMBEDDING));
        assertEquals(3, shape.outputsOf(NetworkFactory.OUTPUT));
        shape.requireInputs(NetworkFactory.EMBEDDING, "embedding layer", 57, "vocabulary.txt", "entries")
                .requireOutputs(NetworkFactory.OUTPUT, "output layer", 3, "labels.txt", "labels");
    }

    @Test
    void anotherVocabularySizeIsRefusedWithBothNumbers() {
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> NetworkShape.of("/m", classifier)
                .requireInputs(NetworkFactory.EMBEDDING, "embedding layer", 60, "vocabulary.txt", "entries"));
        assertEquals("model directory /m does not fit its model.zip: vocabulary.txt has 60 entries, the network's "
                + "embedding layer takes 57 (model.zip of another model?)", e.getMessage());
        e = assertThrows(SeqPipeException.class, () -> NetworkShape.of("/m", classifier)
                .requireOutputs(NetworkFactory.OUTPUT, "output layer", 2, "labels.txt", "labels"));
        assertEquals("model directory /m does not fit its model.zip: labels.txt has 2 labels, the network's "
                + "output layer gives 3 (model.zip of another model?)", e.getMessage());
    }

    @Test
    void aLayerTheNetworkLacksIsNamed() {
        SeqPipeException e = assertThrows(SeqPipeException.class,
                () -> NetworkShape.of("/m", classifier).inputsOf(NetworkFactory.SOURCE_EMBEDDING));
        assertEquals("model directory /m: the network in model.zip has no layer 'src_embedding' (model.zip of another "
                + "kind of model?)", e.getMessage());
    }

    @Test
    void truncatedOrAlteredZipIsRefusedByName() {
        byte[] truncated = Arrays.copyOf(classifier, classifier.length / 2);
        SeqPipeException e = assertThrows(SeqPipeException.class, () -> NetworkShape.of("/m", truncated));
        assertTrue(e.getMessage().startsWith("model directory /m: model.zip is not a readable network ("),
                e.getMessage());
        byte[] garbage = "plain text".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        e = assertThrows(SeqPipeException.class, () -> NetworkShape.of("/m", garbage));
        assertEquals("model directory /m: model.zip is not a readable network (no configuration.json in it)",
                e.getMessage());
    }
}
