package io.seqpipe.model.gru;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.File;

import static io.seqpipe.model.rnn.RnnTestSupport.base;
import static io.seqpipe.model.gru.GruTestSupport.bidirectional;
import static io.seqpipe.model.rnn.RnnTestSupport.labels;
import static io.seqpipe.model.rnn.RnnTestSupport.mask;
import static io.seqpipe.model.rnn.RnnTestSupport.softmaxOutput;
import static io.seqpipe.model.rnn.RnnTestSupport.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GRU survives the JSON configuration round trip (as dl4j-spark workers rebuild networks) and ModelSerializer. */
class GruSerializationTest {
    private static final DataType F = DataType.FLOAT;

    private static MultiLayerConfiguration embeddingGru() {
        return base(F).updater(new Adam(0.01)).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(20).nOut(6).build())
                .layer(new Gru.Builder().nIn(6).nOut(7).weightInitRecurrent(WeightInit.XAVIER_UNIFORM).biasInit(0.25)
                        .dropOut(0.9).l2(1e-4).build())
                .layer(softmaxOutput(7, 3))
                .build();
    }

    private static INDArray tokens(int batch, int steps) {
        return Nd4j.rand(F, batch, 1, steps).muli(20).castTo(DataType.INT32).castTo(F);
    }

    @Test
    void configurationJsonRoundTrip() {
        MultiLayerConfiguration conf = embeddingGru();
        String json = conf.toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        assertEquals(conf, back);
        assertEquals(json, back.toJson());
        Gru gru = assertInstanceOf(Gru.class, back.getConf(1).getLayer());
        assertEquals(6, gru.getNIn());
        assertEquals(7, gru.getNOut());
        assertEquals(0.25, gru.getBiasInit(), 0.0);
        assertEquals(WeightInit.XAVIER_UNIFORM.getWeightInitFunction(), gru.getWeightInitFnRecurrent());
        assertNotEquals(null, gru.getIDropout());
        assertEquals(7 * 3 * 6 + 7 * 3 * 7 + 3 * 7, gru.initializer().numParams(gru));
    }

    @Test
    void constraintsSurviveJsonAndActOnTheirOwnMatrices() {
        Gru gru = new Gru.Builder().nIn(3).nOut(4).constrainRecurrent(new MaxNormConstraint(0.5, 0))
                .constrainInputWeights(new MaxNormConstraint(0.7, 0)).build();
        MultiLayerConfiguration conf = base(F).updater(new Sgd(0.1)).list().layer(gru).layer(softmaxOutput(4, 2))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(conf.toJson()));
        net.init();
        net.params().assign(uniform(F, 2, net.params().shape()));
        net.fit(new DataSet(uniform(F, 1, 2, 3, 5), labels(F, 2, 2, 5, 1)));
        // column norms of U [nOut, 3 nOut] and W [nIn, 3 nOut]; the bias is left alone
        assertEquals(0.5, net.getParam("0_RW").norm2(0).maxNumber().doubleValue(), 1e-5);
        assertEquals(0.7, net.getParam("0_W").norm2(0).maxNumber().doubleValue(), 1e-5);
        assertTrue(net.getParam("0_b").amaxNumber().doubleValue() > 0.7);
    }

    @Test
    void networkRebuiltFromJsonGivesIdenticalOutputs() {
        MultiLayerNetwork net = new MultiLayerNetwork(embeddingGru());
        net.init();
        String json = net.getLayerWiseConfigurations().toJson();
        MultiLayerNetwork rebuilt = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(json));
        rebuilt.init(net.params().dup(), false);
        INDArray x = tokens(4, 9);
        INDArray m = mask(F, 9, 9, 3, 6, 1);
        assertEquals(net.output(x, false, m, null), rebuilt.output(x, false, m, null));
    }

    @Test
    void multiLayerNetworkModelSerializerRoundTrip(@TempDir File tmp) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(embeddingGru());
        net.init();
        INDArray x = tokens(4, 9);
        INDArray m = mask(F, 9, 9, 3, 6, 1);
        DataSet data = new DataSet(x, labels(F, 4, 3, 9, 1), m, m);
        net.fit(data);
        File file = new File(tmp, "gru.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        Gru gru = assertInstanceOf(Gru.class, restored.getLayerWiseConfigurations().getConf(1).getLayer());
        assertEquals(6, gru.getNIn());
        assertEquals(7, gru.getNOut());
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(net.output(x, false, m, null), restored.output(x, false, m, null));
        // both keep training identically: same updater state, and the same dropout masks from the same seed
        Nd4j.getRandom().setSeed(11);
        net.fit(data);
        Nd4j.getRandom().setSeed(11);
        restored.fit(data);
        assertTrue(net.params().equalsWithEps(restored.params(), 1e-6));
    }

    @Test
    void computationGraphJsonAndModelSerializerRoundTrip(@TempDir File tmp) throws Exception {
        ComputationGraphConfiguration conf = bidirectional(F, 3, 5, 2);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        ComputationGraph net = new ComputationGraph(back);
        net.init();
        net.params().assign(uniform(F, 1, net.params().shape()));
        INDArray x = uniform(F, 1, 3, 3, 7);
        INDArray m = mask(F, 7, 7, 2, 5);
        net.fit(new MultiDataSet(new INDArray[]{x}, new INDArray[]{labels(F, 3, 2, 7, 2)}, new INDArray[]{m},
                new INDArray[]{m}));
        File file = new File(tmp, "gru-graph.zip");
        ModelSerializer.writeModel(net, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        for (String name : new String[]{"fwd", "bwd"}) {
            Gru gru = assertInstanceOf(Gru.class, restored.getLayer(name).conf().getLayer());
            assertEquals(3, gru.getNIn());
            assertEquals(5, gru.getNOut());
        }
        assertEquals(net.params(), restored.params());
        INDArray expected = net.output(false, new INDArray[]{x}, new INDArray[]{m})[0];
        INDArray actual = restored.output(false, new INDArray[]{x}, new INDArray[]{m})[0];
        assertEquals(expected, actual);
    }
}
