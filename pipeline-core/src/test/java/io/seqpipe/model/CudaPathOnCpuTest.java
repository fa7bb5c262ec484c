package io.seqpipe.model;

import io.seqpipe.SeqPipeException;
import io.seqpipe.model.attention.LuongAttention;
import io.seqpipe.model.rnn.FloatKernels;
import io.seqpipe.model.rnn.RnnTestSupport;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

/**
 * The path SeqPipe's networks take on a GPU, run on the CPU. On the CUDA backend {@link FloatKernels#applies} is
 * false, so the LSTM and GRU layers (and the character encoder's LSTMs) run their single-precision steps as ND4J
 * operations, not the Java kernels the CPU uses; CI has no GPU, so this class turns the kernels off
 * ({@code -Dseqpipe.floatKernels=false}) and runs that path here.
 *
 * <p>Each network is built by {@link NetworkFactory} as the tasks build it, tiny (hidden 3, a minibatch of 3, 5
 * steps), with fixed parameters, and run three ways on the same minibatch: in single precision through ND4J's
 * operations (the CUDA path), in single precision through the Java kernels (the CPU path), and in double precision
 * (the reference, which the gradient checks tie to finite differences). Compared: every output, the loss
 * ({@code computeGradientAndScore}) and every parameter's gradient. Every minibatch has variable lengths with a
 * padded example (features masks; labels masks with an unlabelled step where the head allows it). Together the
 * networks cover each of SeqPipe's layers, vertices and losses:
 * <ul>
 *   <li>tagger, LSTM, two bidirectional layers, LSTM character encoder, CRF head: {@code Lstm}, {@code CharacterEncoder}
 *       (LSTM), {@code CrfOutput}, {@link IdChannelVertex}, {@link TimeSeriesMergeVertex},
 *       {@link MaskedReverseVertex};</li>
 *   <li>tagger, GRU, CNN character encoder, softmax head: {@code Gru}, {@code CharacterEncoder} (CNN);</li>
 *   <li>language model over one-hot ids, GRU: {@link OneHotVertex}; and language models with either cell read one
 *       step at a time with their stored state ({@code rnnTimeStep}: outputs only);</li>
 *   <li>encoder-decoders with Luong attention, {@code general} score on LSTMs and {@code dot} on GRUs:
 *       {@code LuongAttentionVertex} and its graph vertex, {@code MaskedAttention}, {@link MaskedTimeDistributed};</li>
 *   <li>quantile forecaster, bidirectional LSTM: {@link PinballLoss} (no masks: forecast windows have none).</li>
 * </ul>
 *
 * <p>Tolerance: an array agrees when {@code max|float − double| ≤ 1e-4 · max|double|} (the loss: {@code 1e-4 ·
 * |loss|}). Float rounding is 6e-8 relative per operation; these networks chain a few hundred operations and sums of
 * at most a few dozen terms, and the Java kernels' {@code tanh} adds at most 4e-7 per element: the largest difference
 * measured is 2.7e-6 of its array's largest element (float against double, and kernels against operations; the
 * character encoder's bias gradients), most are below 1e-6. The bound leaves a thirtyfold margin for another BLAS
 * build's summation order, and still fails a wrong gate, mask or index, which moves results by a percent or more.
 * Every reference gradient must be non-zero (else its comparison proves nothing), and the kernel path and the
 * operation path must differ somewhere (they are different code: a switch that did nothing would make them
 * identical).
 */
class CudaPathOnCpuTest {
    private static final double TOLERANCE = 1e-4;
    private static final int BATCH = 3;
    private static final int T = 5;
    /** Real steps per example: the second is padded after 2 steps, the third after 4. */
    private static final int[] LENGTHS = {5, 2, 4};

    /** The minibatch of a network, in double precision (cast for the float runs). */
    private record Batch(INDArray[] features, INDArray[] featureMasks, INDArray[] labels, INDArray[] labelMasks) {
        Batch in(DataType type) {
            return new Batch(cast(features, type), cast(featureMasks, type), cast(labels, type),
                    cast(labelMasks, type));
        }

        private static INDArray[] cast(INDArray[] arrays, DataType type) {
            return arrays == null ? null : Arrays.stream(arrays).map(a -> a == null ? null : a.castTo(type))
                    .toArray(INDArray[]::new);
        }
    }

    /** What one run gives: the outputs (inference), the loss and each parameter's gradient (training). */
    private record Run(INDArray[] outputs, double loss, Map<String, INDArray> gradients) {
    }

    private static ModelSpec spec(ModelSpec.Cell cell, int layers, boolean bidirectional) {
        return new ModelSpec(cell, layers, 3, bidirectional, 3, 0.0, ModelSpec.Pooling.MAX);
    }

    private static OptimizerSpec optimizer() {
        return new OptimizerSpec(OptimizerSpec.Updater.SGD, 0.1, 0, 0, 7);
    }

    @Test
    void lstmTaggerWithCharacterLstmAndCrf() {
        CharEncoderSpec chars = new CharEncoderSpec(CharEncoderSpec.Encoder.LSTM, 2, 2, 3, 3, 4, 1, 10);
        ComputationGraphConfiguration conf = NetworkFactory.tokenTagger(spec(ModelSpec.Cell.LSTM, 2, true),
                optimizer(), channels(), chars, 6, 4, TaggerHead.crf(null));
        assertCudaPathAgrees(conf, taggerBatch(4));
    }

    @Test
    void gruTaggerWithCharacterCnnAndSoftmax() {
        CharEncoderSpec chars = new CharEncoderSpec(CharEncoderSpec.Encoder.CNN, 2, 2, 3, 3, 4, 1, 10);
        ComputationGraphConfiguration conf = NetworkFactory.tokenTagger(spec(ModelSpec.Cell.GRU, 1, true),
                optimizer(), channels(), chars, 6, 4, TaggerHead.softmax());
        assertCudaPathAgrees(conf, taggerBatch(4));
    }

    @Test
    void oneHotGruLanguageModel() {
        int vocabulary = 6;
        ComputationGraphConfiguration conf = NetworkFactory.languageModel(spec(ModelSpec.Cell.GRU, 2, false),
                optimizer(), vocabulary, NetworkFactory.TokenInput.ONE_HOT, 0);
        INDArray mask = RnnTestSupport.mask(DataType.DOUBLE, T, LENGTHS);
        INDArray tokens = ids(new Random(3), BATCH, 1, T, vocabulary, 0, mask);
        INDArray labels = RnnTestSupport.labels(DataType.DOUBLE, BATCH, vocabulary, T, 4);
        assertCudaPathAgrees(conf, new Batch(new INDArray[]{tokens}, new INDArray[]{mask}, new INDArray[]{labels},
                new INDArray[]{mask}));
    }

    /**
     * Generation and segment-by-segment evaluation read a language model one step at a time ({@code rnnTimeStep}),
     * carrying the layers' stored state: the same comparison, step by step, for both cells.
     */
    @Test
    void languageModelsSteppedWithStoredState() {
        int vocabulary = 6;
        INDArray tokens = ids(new Random(5), BATCH, 1, T, vocabulary, 0, Nd4j.ones(DataType.DOUBLE, BATCH, T));
        for (ModelSpec.Cell cell : new ModelSpec.Cell[]{ModelSpec.Cell.LSTM, ModelSpec.Cell.GRU}) {
            ComputationGraph single = singlePrecision(NetworkFactory.languageModel(spec(cell, 2, false), optimizer(),
                    vocabulary, NetworkFactory.TokenInput.EMBEDDING, 0));
            ComputationGraph reference = inDefaults(DataType.DOUBLE, () -> single.convertDataType(DataType.DOUBLE));
            for (int t = 0; t < T; t++) {
                INDArray step = tokens.get(all(), all(), interval(t, t + 1));
                INDArray expected = inDefaults(DataType.DOUBLE, () -> reference.rnnTimeStep(step)[0]);
                INDArray actual = inDefaults(DataType.FLOAT, () -> withJavaKernels(false,
                        () -> single.rnnTimeStep(step.castTo(DataType.FLOAT))[0]));
                assertClose(expected, actual, cell + " step " + t);
            }
        }
    }

    @Test
    void lstmEncoderDecoderWithGeneralAttention() {
        DecoderSpec decoder = new DecoderSpec(1, 4, 3, LuongAttention.Score.GENERAL, 4);
        ComputationGraphConfiguration conf = NetworkFactory.encoderDecoder(spec(ModelSpec.Cell.LSTM, 1, true),
                decoder, optimizer(), 7, 6);
        assertCudaPathAgrees(conf, translationBatch(7, 6));
    }

    @Test
    void gruEncoderDecoderWithDotAttention() {
        // dot: the decoder's state is scored against the encoder's outputs directly, so it has their width
        DecoderSpec decoder = new DecoderSpec(1, 6, 3, LuongAttention.Score.DOT, 4);
        ComputationGraphConfiguration conf = NetworkFactory.encoderDecoder(spec(ModelSpec.Cell.GRU, 1, true),
                decoder, optimizer(), 7, 6);
        assertCudaPathAgrees(conf, translationBatch(7, 6));
    }

    @Test
    void quantileForecasterWithPinballLoss() {
        int features = 2;
        int outputs = 6; // 3 quantile levels × 2 steps ahead
        ComputationGraphConfiguration conf = NetworkFactory.forecaster(spec(ModelSpec.Cell.LSTM, 1, true),
                optimizer(), features, outputs, new PinballLoss(new double[]{0.1, 0.5, 0.9}));
        Nd4j.getRandom().setSeed(5);
        INDArray windows = RnnTestSupport.uniform(DataType.DOUBLE, 1.5, BATCH, features, T);
        INDArray targets = RnnTestSupport.uniform(DataType.DOUBLE, 1.0, BATCH, outputs);
        assertCudaPathAgrees(conf, new Batch(new INDArray[]{windows}, null, new INDArray[]{targets}, null));
    }

    @Test
    void theSwitchNamesItselfOnABadValue() {
        String previous = System.getProperty(FloatKernels.PROPERTY);
        System.setProperty(FloatKernels.PROPERTY, "off");
        try {
            SeqPipeException e = assertThrows(SeqPipeException.class, () -> FloatKernels.applies(DataType.FLOAT));
            assertEquals("-Dseqpipe.floatKernels must be true or false, got 'off'", e.getMessage());
        } finally {
            restore(previous);
        }
        assertFalse(withJavaKernels(true, () -> FloatKernels.applies(DataType.DOUBLE)), "double never uses them");
    }

    /**
     * Builds {@code conf} in single precision with fixed parameters, and its double-precision copy; runs the batch
     * through the operation path, the kernel path and the reference, and compares them.
     */
    private static void assertCudaPathAgrees(ComputationGraphConfiguration conf, Batch batch) {
        ComputationGraph single = singlePrecision(conf);
        Run reference = inDefaults(DataType.DOUBLE, () -> run(single.convertDataType(DataType.DOUBLE),
                batch.in(DataType.DOUBLE)));
        Run cudaPath = inDefaults(DataType.FLOAT, () -> withJavaKernels(false, () -> run(single,
                batch.in(DataType.FLOAT))));
        Run cpuPath = inDefaults(DataType.FLOAT, () -> withJavaKernels(true, () -> run(single,
                batch.in(DataType.FLOAT))));

        assertEquals(reference.gradients().keySet(), cudaPath.gradients().keySet());
        reference.gradients().forEach((name, g) -> assertTrue(g.amaxNumber().doubleValue() > 0,
                "the reference gradient of " + name + " is zero: the comparison would prove nothing"));
        assertAgrees(reference, cudaPath, "CUDA path (float, ND4J operations) against double");
        assertAgrees(cudaPath, cpuPath, "CPU path (float, Java kernels) against the CUDA path");
        assertFalse(bitIdentical(cudaPath, cpuPath),
                "the kernels' switch changed nothing: both float runs took the same path");
    }

    /** The network of {@code conf} in single precision, with fixed parameters. */
    private static ComputationGraph singlePrecision(ComputationGraphConfiguration conf) {
        return inDefaults(DataType.FLOAT, () -> {
            ComputationGraph net = new ComputationGraph(conf);
            net.init();
            // larger than Xavier's, non-zero biases: every gate away from its linear region
            Nd4j.getRandom().setSeed(42);
            net.params().assign(RnnTestSupport.uniform(DataType.FLOAT, 0.8, net.params().shape()));
            return net;
        });
    }

    private static Run run(ComputationGraph net, Batch b) {
        INDArray[] outputs = net.output(false, b.features(), b.featureMasks(), b.labelMasks());
        net.setInputs(b.features());
        net.setLabels(b.labels());
        net.setLayerMaskArrays(b.featureMasks(), b.labelMasks());
        net.computeGradientAndScore();
        Map<String, INDArray> gradients = new TreeMap<>();
        net.gradient().gradientForVariable().forEach((name, g) -> gradients.put(name, g.dup()));
        double loss = net.score();
        net.clearLayerMaskArrays();
        return new Run(Arrays.stream(outputs).map(INDArray::dup).toArray(INDArray[]::new), loss, gradients);
    }

    /** Whether two float runs have the same bits in every output and gradient. */
    private static boolean bitIdentical(Run a, Run b) {
        for (int i = 0; i < a.outputs().length; i++) {
            if (!Arrays.equals(floats(a.outputs()[i]), floats(b.outputs()[i]))) {
                return false;
            }
        }
        return a.gradients().entrySet().stream().allMatch(e -> Arrays.equals(floats(e.getValue()),
                floats(b.gradients().get(e.getKey()))));
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static void assertAgrees(Run expected, Run actual, String what) {
        for (int i = 0; i < expected.outputs().length; i++) {
            assertClose(expected.outputs()[i], actual.outputs()[i], what + ": output " + i);
        }
        assertEquals(expected.loss(), actual.loss(), TOLERANCE * Math.abs(expected.loss()),
                what + ": loss");
        expected.gradients().forEach((name, g) -> assertClose(g, actual.gradients().get(name),
                what + ": gradient of " + name));
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + ": shape");
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        double scale = Math.max(1e-12, e.amaxNumber().doubleValue());
        double worst = e.sub(a).amaxNumber().doubleValue();
        assertTrue(worst <= TOLERANCE * scale, what + " differs by " + worst + " (scale " + scale + ")\nexpected "
                + e + "\nactual   " + a);
    }

    /** Runs {@code body} with {@code -Dseqpipe.floatKernels} set to {@code on}, then restores the property. */
    private static <T> T withJavaKernels(boolean on, Supplier<T> body) {
        String previous = System.getProperty(FloatKernels.PROPERTY);
        System.setProperty(FloatKernels.PROPERTY, Boolean.toString(on));
        try {
            assertEquals(on, FloatKernels.applies(DataType.FLOAT));
            return body.get();
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(FloatKernels.PROPERTY);
        } else {
            System.setProperty(FloatKernels.PROPERTY, previous);
        }
    }

    /** Runs {@code body} with ND4J's default data types set to {@code type}, then restores them. */
    private static <T> T inDefaults(DataType type, Supplier<T> body) {
        DataType previous = Nd4j.dataType();
        DataType previousFloatingPoint = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(type, type);
        try {
            return body.get();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloatingPoint);
        }
    }

    /** A word channel and a casing channel, as the tagger's. */
    private static List<TokenChannel> channels() {
        return List.of(new TokenChannel("word", 9, 3), new TokenChannel("casing", 4, 2));
    }

    /**
     * Tokens {@code [3, 2, 5]} (word and casing ids, padding 0), character ids {@code [3, 4, 5]} (words of 1 to 4
     * characters, padding 0), one-hot tags; the labels mask leaves the second step of the first sentence unlabelled.
     */
    private static Batch taggerBatch(int tags) {
        Random r = new Random(11);
        INDArray mask = RnnTestSupport.mask(DataType.DOUBLE, T, LENGTHS);
        INDArray tokens = Nd4j.concat(1, ids(r, BATCH, 1, T, 9, 1, mask), ids(r, BATCH, 1, T, 4, 1, mask));
        INDArray chars = Nd4j.zeros(DataType.DOUBLE, BATCH, 4, T);
        for (int i = 0; i < BATCH; i++) {
            for (int t = 0; t < LENGTHS[i]; t++) {
                int length = 1 + r.nextInt(4);
                for (int l = 0; l < length; l++) {
                    chars.putScalar(new int[]{i, l, t}, 1 + r.nextInt(5));
                }
            }
        }
        INDArray labels = RnnTestSupport.labels(DataType.DOUBLE, BATCH, tags, T, 12);
        INDArray labelMask = mask.dup();
        labelMask.putScalar(0, 1, 0.0);
        return new Batch(new INDArray[]{tokens, chars}, new INDArray[]{mask, mask}, new INDArray[]{labels},
                new INDArray[]{labelMask});
    }

    /** Source ids {@code [3, 1, 5]} and decoder input ids {@code [3, 1, 4]} of other lengths; sparse target ids. */
    private static Batch translationBatch(int sourceVocabulary, int targetVocabulary) {
        Random r = new Random(13);
        int targetSteps = T - 1;
        INDArray sourceMask = RnnTestSupport.mask(DataType.DOUBLE, T, LENGTHS);
        INDArray targetMask = RnnTestSupport.mask(DataType.DOUBLE, targetSteps, 3, 4, 1);
        INDArray source = ids(r, BATCH, 1, T, sourceVocabulary, 1, sourceMask);
        INDArray target = ids(r, BATCH, 1, targetSteps, targetVocabulary, 1, targetMask);
        INDArray next = ids(r, BATCH, 1, targetSteps, targetVocabulary, 1, targetMask);
        return new Batch(new INDArray[]{source, target}, new INDArray[]{sourceMask, targetMask},
                new INDArray[]{next}, new INDArray[]{targetMask});
    }

    /** Random ids in {@code [from, vocabulary)} on the mask's real steps, 0 on its padding: {@code [batch, c, T]}. */
    private static INDArray ids(Random r, int batch, int channels, int steps, int vocabulary, int from, INDArray mask) {
        INDArray ids = Nd4j.zeros(DataType.DOUBLE, batch, channels, steps);
        for (int i = 0; i < batch; i++) {
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < steps; t++) {
                    if (mask.getDouble(i, t) != 0) {
                        ids.putScalar(new int[]{i, c, t}, from + r.nextInt(vocabulary - from));
                    }
                }
            }
        }
        return ids;
    }
}
