package io.seqpipe.tasks.tagging;

import io.seqpipe.model.CharEncoderSpec;
import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.model.TaggerHead;
import io.seqpipe.model.crf.CrfOutputLayer;
import io.seqpipe.model.crf.CrfParamInitializer;
import io.seqpipe.model.crf.LinearChainCrf;
import io.seqpipe.model.TokenChannel;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

class TokenTaggerNetworkTest {
    private static final List<TokenChannel> CHANNELS = List.of(new TokenChannel("word", 20, 8),
            new TokenChannel("casing", 3, 2));

    /**
     * Tag 1 exactly when the word id is even and the casing id is 2 (needs both channels), or when the previous word
     * was 3 (needs context); else tag 0.
     */
    static List<TaggedExample> synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<TaggedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(10);
            int[] words = new int[len];
            int[] casing = new int[len];
            int[] tags = new int[len];
            for (int t = 0; t < len; t++) {
                words[t] = 2 + r.nextInt(18);
                casing[t] = 1 + r.nextInt(2);
                tags[t] = (words[t] % 2 == 0 && casing[t] == 2) || (t > 0 && words[t - 1] == 3) ? 1 : 0;
            }
            out.add(new TaggedExample(i, new int[][]{words, casing}, tags));
        }
        return out;
    }

    static ComputationGraph tagger(ModelSpec.Cell cell, boolean bidirectional) {
        ModelSpec spec = new ModelSpec(cell, 1, 16, bidirectional, 8, 0.0, ModelSpec.Pooling.MAX);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0.0, 5.0, 7);
        ComputationGraph net = new ComputationGraph(NetworkFactory.tokenTagger(spec, opt, CHANNELS, 2));
        net.init();
        return net;
    }

    /** Every cell builds into a tagger through the same code (CellCombinationTest trains each one); GRU here. */
    @Test
    void learnsATagThatNeedsBothChannelsAndContext() {
        ModelSpec.Cell cell = ModelSpec.Cell.GRU;
        ComputationGraph net = tagger(cell, true);
        List<TaggedExample> train = synthetic(300, 1);
        for (int epoch = 0; epoch < 10; epoch++) {
            for (int i = 0; i < train.size(); i += 20) {
                net.fit(TaggingBatches.labelled(train.subList(i, i + 20), 2));
            }
        }
        List<TaggedExample> test = synthetic(100, 2);
        TaggingBatches.Inputs in = TaggingBatches.inputs(test);
        INDArray probs = net.output(false, new INDArray[]{in.features()}, new INDArray[]{in.mask()})[0];
        int correct = 0;
        int total = 0;
        for (int i = 0; i < test.size(); i++) {
            for (int t = 0; t < test.get(i).length(); t++) {
                int predicted = probs.getDouble(i, 1, t) > probs.getDouble(i, 0, t) ? 1 : 0;
                correct += predicted == test.get(i).tags()[t] ? 1 : 0;
                total++;
            }
        }
        double accuracy = correct / (double) total;
        assertTrue(accuracy > 0.95, cell + " token accuracy " + accuracy);
    }

    /**
     * With a CRF head TaggerAdapter decodes each sentence's Viterbi path under the layer's transition scores (not the
     * per-step argmax of the emissions), and a saved and restored network decodes the same tags; the softmax head
     * keeps argmax decoding. (Training a CRF tagger: TaggingPipelineSparkTest.)
     */
    @Test
    void crfTaggerDecodesWithViterbiAfterARestore() throws Exception {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.GRU, 1, 16, true, 8, 0.0, ModelSpec.Pooling.MAX);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0.0, 5.0, 7);
        ComputationGraph net = new ComputationGraph(NetworkFactory.tokenTagger(spec, opt, CHANNELS, null, 0, 2,
                TaggerHead.crf(null)));
        net.init();
        // strong transitions: staying in a tag scores 3, switching -3
        net.getLayer(NetworkFactory.OUTPUT).getParam(CrfParamInitializer.TRANSITIONS_KEY)
                .assign(Nd4j.createFromArray(new double[][]{{3, -3}, {-3, 3}}));
        List<TaggedExample> test = synthetic(20, 2);
        TaggerAdapter adapter = new TaggerAdapter();
        List<int[]> predicted = adapter.predict(net, test);

        TaggingBatches.Inputs in = TaggingBatches.inputs(test);
        INDArray emissions = net.output(false, new INDArray[]{in.features()}, new INDArray[]{in.mask()})[0];
        LinearChainCrf crf = ((CrfOutputLayer) net.getLayer(NetworkFactory.OUTPUT)).crf();
        List<int[]> argmax = adapter.predictions(test, new INDArray[]{emissions});
        int differ = 0;
        for (int i = 0; i < test.size(); i++) {
            double[][] em = emissions.slice(i).transpose().toDoubleMatrix();
            int len = test.get(i).length();
            assertArrayEquals(crf.viterbi(em, len), predicted.get(i), "sentence " + i);
            differ += java.util.Arrays.equals(argmax.get(i), predicted.get(i)) ? 0 : 1;
        }
        assertTrue(differ > 0, "the transitions change some paths");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bytes.toByteArray()), false);
        List<int[]> again = adapter.predict(restored, test);
        for (int i = 0; i < test.size(); i++) {
            assertArrayEquals(predicted.get(i), again.get(i), "sentence " + i);
        }

        ComputationGraph softmax = tagger(ModelSpec.Cell.GRU, true);
        INDArray probs = softmax.output(false, new INDArray[]{in.features()}, new INDArray[]{in.mask()})[0];
        List<int[]> softmaxTags = adapter.predict(softmax, test);
        for (int i = 0; i < test.size(); i++) {
            assertArrayEquals(adapter.predictions(test, new INDArray[]{probs}).get(i), softmaxTags.get(i));
        }
    }

    /**
     * Words whose tag only their characters tell: tag 1 when the word's first character is 2 (think: capitalized),
     * word ids unrelated to the tag.
     */
    static List<TaggedExample> characterTagged(int n, long seed) {
        Random r = new Random(seed);
        List<TaggedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int len = 2 + r.nextInt(8);
            int[] words = new int[len];
            int[] casing = new int[len];
            int[] tags = new int[len];
            int[][] chars = new int[len][];
            for (int t = 0; t < len; t++) {
                words[t] = 2 + r.nextInt(18);
                casing[t] = 1;
                chars[t] = new int[1 + r.nextInt(6)];
                for (int l = 0; l < chars[t].length; l++) {
                    chars[t][l] = 2 + r.nextInt(8);
                }
                tags[t] = chars[t][0] == 2 ? 1 : 0;
            }
            out.add(new TaggedExample(i, new int[][]{words, casing}, tags, chars));
        }
        return out;
    }

    static ComputationGraph charTagger(CharEncoderSpec.Encoder encoder) {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.LSTM, 1, 16, true, 8, 0.0, ModelSpec.Pooling.MAX);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.ADAM, 0.02, 0.0, 5.0, 7);
        CharEncoderSpec chars = new CharEncoderSpec(encoder, 6, 6, 8, 3, 10, 1, 100);
        ComputationGraph net = new ComputationGraph(NetworkFactory.tokenTagger(spec, opt, CHANNELS, chars, 10, 2,
                TaggerHead.softmax()));
        net.init();
        return net;
    }

    /**
     * In the network's single precision: a tagger with a character encoder learns what only the characters tell, and
     * a sentence's outputs do not depend on its batch (other sentences, padded words, padding characters).
     */
    @Test
    void withACharacterEncoderLearnsFromCharactersAndIgnoresPadding() {
        for (CharEncoderSpec.Encoder encoder : List.of(CharEncoderSpec.Encoder.CNN, CharEncoderSpec.Encoder.LSTM)) {
            ComputationGraph net = charTagger(encoder);
            assertEquals(List.of(NetworkFactory.INPUT, NetworkFactory.CHARS), net.getConfiguration().getNetworkInputs());
            List<TaggedExample> train = characterTagged(200, 1);
            org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf = net.getConfiguration();
            assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
            var format = TaggingBatches.format(2, 0.0, true);
            for (int epoch = 0; epoch < 6; epoch++) {
                for (int i = 0; i < train.size(); i += 20) {
                    net.fit(format.trainingMultiMinibatch(train.subList(i, i + 20), epoch));
                }
            }
            List<TaggedExample> test = characterTagged(50, 2);
            TaggerAdapter adapter = new TaggerAdapter();
            List<int[]> predicted = adapter.predictions(test, adapter.inputs(test).outputsOf(net));
            int correct = 0;
            int total = 0;
            for (int i = 0; i < test.size(); i++) {
                for (int t = 0; t < test.get(i).length(); t++) {
                    correct += predicted.get(i)[t] == test.get(i).tags()[t] ? 1 : 0;
                    total++;
                }
            }
            assertTrue(correct / (double) total > 0.95, encoder + " token accuracy " + correct / (double) total);
            INDArray all = adapter.inputs(test.subList(0, 6)).outputsOf(net)[0];
            for (int i = 0; i < 6; i++) {
                INDArray one = adapter.inputs(List.of(test.get(i))).outputsOf(net)[0];
                int len = test.get(i).length();
                assertArrayEquals(one.get(point(0), all(), interval(0, len)).dup().data().asFloat(),
                        all.get(point(i), all(), interval(0, len)).dup().data().asFloat(), 1e-5f,
                        encoder + " sentence " + i);
            }
        }
    }

    @Test
    void aSentencesTagsDoNotDependOnTheOtherSentencesInItsBatch() {
        ComputationGraph net = tagger(ModelSpec.Cell.GRU, true);
        List<TaggedExample> batch = synthetic(6, 3);
        TaggingBatches.Inputs together = TaggingBatches.inputs(batch);
        INDArray all = net.output(false, new INDArray[]{together.features()}, new INDArray[]{together.mask()})[0];
        for (int i = 0; i < batch.size(); i++) {
            TaggingBatches.Inputs alone = TaggingBatches.inputs(List.of(batch.get(i)));
            INDArray one = net.output(false, new INDArray[]{alone.features()}, new INDArray[]{alone.mask()})[0];
            int len = batch.get(i).length();
            assertArrayEquals(one.get(point(0), all(), interval(0, len)).dup().data().asFloat(),
                    all.get(point(i), all(), interval(0, len)).dup().data().asFloat(), 1e-5f, "sentence " + i);
        }
    }

    @Test
    void savedAndRestoredTaggerGivesTheSameOutputs() throws Exception {
        ComputationGraph net = tagger(ModelSpec.Cell.LSTM, true);
        String json = net.getConfiguration().toJson();
        assertEquals(net.getConfiguration(), ComputationGraphConfiguration.fromJson(json));
        assertTrue(json.contains("IdChannelVertex"), "the channel vertex keeps its own class in the JSON form");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(bytes.toByteArray()), false);
        TaggingBatches.Inputs in = TaggingBatches.inputs(synthetic(4, 5));
        INDArray[] f = {in.features()};
        INDArray[] m = {in.mask()};
        assertEquals(net.output(false, f, m)[0], restored.output(false, f, m)[0]);
    }

    @Test
    void batchesPadToTheLongestSentenceAndMaskUnknownTags() {
        TaggedExample a = new TaggedExample(0, new int[][]{{5, 6, 7}, {1, 2, 1}}, new int[]{0, -1, 2});
        TaggedExample b = new TaggedExample(1, new int[][]{{8}, {2}}, new int[]{1});
        DataSet d = TaggingBatches.labelled(List.of(a, b), 3);
        assertArrayEquals(new long[]{2, 2, 3}, d.getFeatures().shape());
        assertArrayEquals(new float[]{5, 6, 7, 1, 2, 1, 8, 0, 0, 2, 0, 0}, d.getFeatures().dup().data().asFloat());
        assertArrayEquals(new float[]{1, 1, 1, 1, 0, 0}, d.getFeaturesMaskArray().dup().data().asFloat());
        // the unknown tag (-1) is masked out of the loss, and so is padding
        assertArrayEquals(new float[]{1, 0, 1, 1, 0, 0}, d.getLabelsMaskArray().dup().data().asFloat());
        assertEquals(1f, d.getLabels().getFloat(0, 2, 2));
        assertEquals(1f, d.getLabels().getFloat(1, 1, 0));
        assertEquals(3.0, d.getLabels().sumNumber().doubleValue());
        assertThrows(IllegalArgumentException.class, () -> TaggingBatches.labelled(List.of(a), 2));
    }
}
