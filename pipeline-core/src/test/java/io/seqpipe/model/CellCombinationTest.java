package io.seqpipe.model;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.tasks.classification.ClassificationTaskConfig;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every cell, uni- and bidirectional, chosen by config alone: the sentiment task's network trains (loss falls) and
 * survives a save/load round trip with identical outputs.
 */
class CellCombinationTest {

    @ParameterizedTest(name = "model.cell={0} model.bidirectional={1}")
    @CsvSource({"rnn, false", "rnn, true", "lstm, false", "lstm, true", "gru, false", "gru, true"})
    void configuredCellTrainsAndRoundTrips(String cell, boolean bidirectional) {
        ClassificationTaskConfig cfg = ClassificationTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/sentiment.defaults.conf"), null, List.of(
                        "model.cell=" + cell, "model.bidirectional=" + bidirectional, "model.hidden=8",
                        "model.embedding=8", "model.layers=2", "model.dropout=0.1", "train.learningRate=0.02")));
        ComputationGraph net = new ComputationGraph(NetworkFactory.sequenceClassifier(cfg.model(), cfg.optimizer(),
                10, 2));
        net.init();
        List<EncodedExample> data = NetworkFactoryTest.examples(64, 9, 11);
        List<DataSet> batches = new ArrayList<>();
        for (int i = 0; i < data.size(); i += 16) {
            batches.add(BatchAssembler.classification(data.subList(i, i + 16), 2));
        }
        double before = batches.stream().mapToDouble(b -> net.score(b, false)).average().orElseThrow();
        for (int epoch = 0; epoch < 20; epoch++) {
            batches.forEach(net::fit);
        }
        double after = batches.stream().mapToDouble(b -> net.score(b, false)).average().orElseThrow();
        assertTrue(after < before * 0.8, cell + " loss " + before + " -> " + after);

        ComputationGraph restored = ModelBytes.restore(ModelBytes.of(net, true));
        INDArray[] f = BatchAssembler.features(data.subList(0, 8));
        assertArrayEquals(NetworkFactoryTest.output(net, f).data().asFloat(),
                NetworkFactoryTest.output(restored, f).data().asFloat(), 0f);
        assertArrayEquals(net.params().data().asFloat(), restored.params().data().asFloat(), 0f);
    }
}
