package io.seqpipe.translation.decode;

import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.attention.MaskedAttention;
import io.seqpipe.translation.TranslationVocabularies;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.RecurrentLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Step-by-step decoding with a trained {@link NetworkFactory#encoderDecoder} graph: the encoder runs once per batch of
 * source sentences ({@link #encode}), then each {@link #step} feeds every live hypothesis its last token through the
 * graph's own layers with stored recurrent state:
 * <ol>
 *   <li>target embedding row of the token, concatenated with the sentence's source summary;</li>
 *   <li>each decoder layer's {@code rnnTimeStep} from the hypothesis' stored state (DL4J's layer code, so the step
 *       computes exactly what the training graph computes at that position);</li>
 *   <li>{@link MaskedAttention} over the sentence's real encoder steps, {@code tanh(W_c [c; h])}, and the output
 *       layer's softmax, as log-probabilities.</li>
 * </ol>
 * The graph's attention vertex cannot be stepped through DL4J's {@code rnnTimeStep} (it needs the source mask, which
 * that API does not pass), so these last parts are computed here from the graph's parameters. A graph is not
 * thread-safe: one decoder per graph at a time.
 */
public final class GraphDecoder implements DecoderModel<GraphDecoder.State> {

    /**
     * One hypothesis' decoder state.
     *
     * @param sentence  the index of its source sentence in the encoded batch
     * @param layers    per decoder layer, DL4J's stored state ({@code rnnGetPreviousState}) as {@code [1, H]} rows;
     *                  null before the first step
     * @param attention the attention weights over the real source tokens at each step so far (recorded only when
     *                  asked for; else empty)
     */
    public record State(int sentence, List<Map<String, INDArray>> layers, List<float[]> attention) {
    }

    private final ComputationGraph graph;
    private final INDArray keys;
    private final INDArray values;
    private final INDArray memoryMask;
    private final INDArray summary;
    private final int[] sourceLengths;
    private final boolean recordAttention;
    private final List<String> decoderLayers;
    private final INDArray targetEmbedding;
    private final INDArray targetEmbeddingBias;
    private final INDArray attentionalWeights;
    private final INDArray outputWeights;
    private final INDArray outputBias;

    private GraphDecoder(ComputationGraph graph, Map<String, INDArray> activations, INDArray memoryMask,
                         int[] sourceLengths, boolean recordAttention) {
        this.graph = graph;
        List<String> attentionInputs = graph.getConfiguration().getVertexInputs().get(NetworkFactory.ATTENTION);
        if (attentionInputs == null) {
            throw new IllegalArgumentException("the graph has no '" + NetworkFactory.ATTENTION + "' vertex: not an "
                    + "encoder-decoder built by NetworkFactory.encoderDecoder");
        }
        this.keys = contiguous(activations.get(attentionInputs.get(1)));
        this.values = contiguous(activations.get(attentionInputs.get(attentionInputs.size() - 1)));
        this.summary = contiguous(activations.get(NetworkFactory.ENCODER_SUMMARY));
        this.memoryMask = memoryMask;
        this.sourceLengths = sourceLengths;
        this.recordAttention = recordAttention;
        List<String> layers = new ArrayList<>();
        for (int i = 1; graph.getVertex(NetworkFactory.DECODER_PREFIX + i) != null; i++) {
            layers.add(NetworkFactory.DECODER_PREFIX + i);
        }
        this.decoderLayers = List.copyOf(layers);
        Layer embedding = graph.getLayer(NetworkFactory.TARGET_EMBEDDING);
        this.targetEmbedding = embedding.getParam("W");
        this.targetEmbeddingBias = embedding.paramTable().containsKey("b") ? embedding.getParam("b") : null;
        this.attentionalWeights = graph.getLayer(NetworkFactory.ATTENTION + "_hidden").getParam("W");
        Layer output = graph.getLayer(NetworkFactory.OUTPUT);
        this.outputWeights = output.getParam("W");
        this.outputBias = output.getParam("b");
    }

    /** Runs the encoder over {@code sources} (token ids, no {@code <s>}/{@code </s>}; empty ones get one pad step). */
    public static GraphDecoder encode(ComputationGraph graph, List<int[]> sources, boolean recordAttention) {
        int b = sources.size();
        if (b == 0) {
            throw new IllegalArgumentException("nothing to encode");
        }
        int ts = 1;
        for (int[] s : sources) {
            ts = Math.max(ts, s.length);
        }
        float[][] ids = new float[b][ts];
        float[][] mask = new float[b][ts];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            int[] s = sources.get(i);
            lengths[i] = s.length;
            for (int t = 0; t < s.length; t++) {
                ids[i][t] = s[t];
                mask[i][t] = 1f;
            }
        }
        INDArray source = Nd4j.createFromArray(ids).reshape('c', b, 1, ts);
        INDArray sourceMask = Nd4j.createFromArray(mask);
        // the decoder part runs on one <s> step: cheap, and its activations are not used
        INDArray target = Nd4j.valueArrayOf(new long[]{b, 1, 1}, TranslationVocabularies.BOS_ID, DataType.FLOAT);
        INDArray targetMask = Nd4j.ones(DataType.FLOAT, b, 1);
        Map<String, INDArray> activations;
        graph.setLayerMaskArrays(new INDArray[]{sourceMask, targetMask}, null);
        try {
            activations = graph.feedForward(new INDArray[]{source, target}, false);
        } finally {
            graph.clearLayerMaskArrays();
        }
        return new GraphDecoder(graph, activations, sourceMask, lengths, recordAttention);
    }

    /** The state of each sentence before its first step ({@code <s>} is fed by the search). */
    public List<State> initialStates() {
        List<State> states = new ArrayList<>(sourceLengths.length);
        for (int i = 0; i < sourceLengths.length; i++) {
            states.add(new State(i, null, List.of()));
        }
        return states;
    }

    @Override
    public List<Step<State>> step(List<State> states, int[] lastTokens) {
        int n = states.size();
        if (n != lastTokens.length) {
            throw new IllegalArgumentException(n + " states but " + lastTokens.length + " tokens");
        }
        int[] sentences = new int[n];
        for (int i = 0; i < n; i++) {
            sentences[i] = states.get(i).sentence();
        }
        INDArray embedded = targetEmbedding.getRows(lastTokens);
        if (targetEmbeddingBias != null) {
            embedded.addiRowVector(targetEmbeddingBias);
        }
        INDArray x = Nd4j.hstack(embedded, summary.getRows(sentences));
        x = x.reshape('c', n, x.size(1), 1);
        List<Map<String, INDArray>> after = new ArrayList<>(decoderLayers.size());
        for (int l = 0; l < decoderLayers.size(); l++) {
            RecurrentLayer layer = (RecurrentLayer) graph.getLayer(decoderLayers.get(l));
            layer.setMaskArray(null);
            if (states.get(0).layers() == null) {
                layer.rnnClearPreviousState();
            } else {
                layer.rnnSetPreviousState(gather(states, l));
            }
            x = layer.rnnTimeStep(x, LayerWorkspaceMgr.noWorkspaces());
            after.add(new HashMap<>(layer.rnnGetPreviousState()));
            layer.rnnClearPreviousState();
        }
        INDArray query = x.dup('c');
        MaskedAttention.Forward attention = MaskedAttention.forward(query, rows3(keys, sentences),
                rows3(values, sentences), memoryMask.getRows(sentences));
        long contextWidth = attention.context().size(1);
        INDArray combined = Nd4j.hstack(attention.context().reshape('c', n, contextWidth),
                query.reshape('c', n, query.size(1)));
        INDArray attentional = Transforms.tanh(combined.mmul(attentionalWeights), false);
        INDArray logits = attentional.mmul(outputWeights).addiRowVector(outputBias);
        INDArray logProbs = logSoftmaxRows(logits);

        List<Step<State>> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Map<String, INDArray>> layers = new ArrayList<>(after.size());
            for (Map<String, INDArray> layerState : after) {
                Map<String, INDArray> row = new HashMap<>();
                for (Map.Entry<String, INDArray> e : layerState.entrySet()) {
                    row.put(e.getKey(), e.getValue().getRow(i, true).dup());
                }
                layers.add(row);
            }
            List<float[]> weights = states.get(i).attention();
            if (recordAttention) {
                int length = Math.max(1, sourceLengths[sentences[i]]);
                float[] w = new float[length];
                for (int t = 0; t < length; t++) {
                    w[t] = attention.weights().getFloat(i, 0, t);
                }
                weights = new ArrayList<>(weights);
                weights.add(w);
            }
            double[] lp = logProbs.getRow(i).toDoubleVector();
            steps.add(new Step<>(lp, new State(sentences[i], layers, weights)));
        }
        return steps;
    }

    /**
     * The attention weights of given outputs: each hypothesis ({@code tokens}, without {@code </s>}) is fed through
     * the decoder as if the search had chosen it, recording the weights at every step (one row per output token,
     * plus the step that predicted {@code </s>}).
     */
    public List<List<float[]>> attention(List<int[]> outputs) {
        if (!recordAttention) {
            throw new IllegalStateException("encode(..., recordAttention = true) first");
        }
        List<State> states = initialStates();
        int longest = 0;
        for (int[] o : outputs) {
            longest = Math.max(longest, o.length);
        }
        List<List<float[]>> result = new ArrayList<>(outputs.size());
        List<State> current = new ArrayList<>(states);
        int[] last = new int[states.size()];
        java.util.Arrays.fill(last, TranslationVocabularies.BOS_ID);
        for (int t = 0; t <= longest; t++) {
            List<Step<State>> steps = step(current, last);
            for (int i = 0; i < current.size(); i++) {
                current.set(i, steps.get(i).state());
                int[] o = outputs.get(i);
                last[i] = t < o.length ? o[t] : TranslationVocabularies.EOS_ID;
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            result.add(current.get(i).attention().subList(0, outputs.get(i).length + 1));
        }
        return result;
    }

    private static Map<String, INDArray> gather(List<State> states, int layer) {
        Map<String, INDArray> first = states.get(0).layers().get(layer);
        Map<String, INDArray> out = new HashMap<>();
        for (String key : first.keySet()) {
            INDArray[] rows = new INDArray[states.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = states.get(i).layers().get(layer).get(key);
            }
            out.put(key, Nd4j.vstack(rows));
        }
        return out;
    }

    /** Rows {@code index} of a {@code [b, f, T]} array, as a new {@code [n, f, T]} array. */
    private static INDArray rows3(INDArray a, int[] index) {
        INDArray out = Nd4j.create(a.dataType(), index.length, a.size(1), a.size(2));
        for (int i = 0; i < index.length; i++) {
            out.get(point(i), all(), all()).assign(a.get(point(index[i]), all(), all()));
        }
        return out;
    }

    private static INDArray logSoftmaxRows(INDArray logits) {
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSum = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        return shifted.subiColumnVector(logSum);
    }

    private static INDArray contiguous(INDArray a) {
        if (a == null) {
            throw new IllegalStateException("the encoder pass did not produce a needed activation");
        }
        return a.dup('c');
    }
}
