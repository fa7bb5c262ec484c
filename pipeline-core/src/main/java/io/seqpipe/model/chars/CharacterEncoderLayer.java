package io.seqpipe.model.chars;

import io.seqpipe.model.lstm.LstmLayer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of a {@link CharacterEncoder}. Forward: the real words of the minibatch (features mask 1 and a
 * first character id other than padding) are gathered into one batch of {@code N} words of at most {@code Lmax}
 * characters, so the encoder runs once per minibatch on {@code [N, charEmbedding, Lmax]}, not once per word; each
 * word's vector is scattered back to its {@code [batch, ·, T]} slot, padded words stay zero.
 *
 * <ul>
 *   <li>LSTM: two {@link LstmLayer}s (SeqPipe's LSTM, on their blocks of this layer's parameters) read the words, the
 *       backward one each word reversed within its own length; a character mask marks each word's real characters,
 *       so the state passes unchanged through the padding and the final state is the output at the word's last real
 *       character. Backward: the output gradient enters at that step only; the LSTMs' own backward passes give their
 *       parameter gradients and the gradient of their inputs.</li>
 *   <li>CNN: an im2col matrix {@code [N·Lmax, width·charEmbedding]} (zero outside the word), one matrix product with
 *       the filters, {@code tanh}, the maximum over the word's real characters. Backward: the gradient goes to the
 *       position of each maximum only (the first, on ties).</li>
 * </ul>
 * The embedding's gradient sums the input gradient over every real character of its id; padding (id 0) gets none.
 * Ids, gathering and scattering are plain Java; the matrix products and the LSTMs are ND4J in the network's type.
 */
public class CharacterEncoderLayer extends BaseLayer<CharacterEncoder> {
    private static final long serialVersionUID = 1L;

    private transient LstmLayer forward;
    private transient LstmLayer backward;
    /** The last training forward pass, for backpropagation. */
    private transient Pass pass;

    public CharacterEncoderLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The two LSTM directions (LSTM encoders only). */
    void directions(LstmLayer forward, LstmLayer backward) {
        this.forward = forward;
        this.backward = backward;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray gradients) {
        super.setBackpropGradientsViewArray(gradients);
        if (forward != null) {
            forward.setBackpropGradientsViewArray(CharacterEncoderParams.directionSegment(layerConf(), gradients,
                    true));
            backward.setBackpropGradientsViewArray(CharacterEncoderParams.directionSegment(layerConf(), gradients,
                    false));
        }
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, currentMaskState);
    }

    /**
     * The real words of a minibatch.
     *
     * @param slot    each word's place {@code i·T + t}
     * @param length  each word's real characters
     * @param ids     {@code [N, maxLength]} character ids, 0 after each word's end
     */
    private record Words(int batch, int steps, int n, int maxLength, int[] slot, int[] length, int[] ids) {
        static Words of(INDArray input, INDArray mask) {
            int batch = (int) input.size(0);
            int chars = (int) input.size(1);
            int steps = (int) input.size(2);
            double[] in = input.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] m = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            int[] slot = new int[batch * steps];
            int[] length = new int[batch * steps];
            int n = 0;
            int maxLength = 1;
            for (int i = 0; i < batch; i++) {
                for (int t = 0; t < steps; t++) {
                    if (m != null && m[i * steps + t] == 0) {
                        continue;
                    }
                    int len = 0;
                    while (len < chars && in[(i * chars + len) * steps + t] != 0) {
                        len++;
                    }
                    if (len > 0) {
                        slot[n] = i * steps + t;
                        length[n++] = len;
                        maxLength = Math.max(maxLength, len);
                    }
                }
            }
            int[] ids = new int[n * maxLength];
            for (int w = 0; w < n; w++) {
                int i = slot[w] / steps;
                int t = slot[w] % steps;
                for (int l = 0; l < length[w]; l++) {
                    ids[w * maxLength + l] = (int) in[(i * chars + l) * steps + t];
                }
            }
            return new Words(batch, steps, n, maxLength, slot, length, ids);
        }
    }

    /** What backpropagation needs of a forward pass (plain arrays: a workspace array would not outlive the pass). */
    private record Pass(INDArray input, INDArray mask, Words words, double[] columns, double[] activations,
                        int[] argmax) {
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        CharacterEncoder c = layerConf();
        Words w = Words.of(input, maskArray);
        int e = c.getCharEmbedding();
        int width = (int) c.getNOut();
        double[] out = new double[w.batch() * width * w.steps()];
        double[] perWord;
        Pass p = new Pass(input, maskArray, w, null, null, null);
        if (w.n() == 0) {
            perWord = new double[0];
        } else {
            double[] table = doubles(getParam(CharacterEncoderParams.EMBEDDING_KEY));
            double[] x = new double[w.n() * w.maxLength() * e];
            for (int k = 0; k < w.n() * w.maxLength(); k++) {
                int id = w.ids()[k];
                if (id != 0) {
                    System.arraycopy(table, id * e, x, k * e, e);
                }
            }
            if (c.getKind() == CharacterEncoder.Kind.LSTM) {
                perWord = lstmForward(w, x, e, c.getHidden(), training, workspaceMgr);
            } else {
                p = cnnForward(w, x, e, c, p);
                perWord = maxPooled(w, p, c.getFilters());
            }
        }
        for (int k = 0; k < w.n(); k++) {
            int i = w.slot()[k] / w.steps();
            int t = w.slot()[k] % w.steps();
            for (int j = 0; j < width; j++) {
                out[(i * width + j) * w.steps() + t] = perWord[k * width + j];
            }
        }
        this.pass = training ? p : null;
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{w.batch(), width, w.steps()}, 'c');
        return result.assign(Nd4j.create(out, new long[]{w.batch(), width, w.steps()}, 'c').castTo(dataType));
    }

    private double[] lstmForward(Words w, double[] x, int e, int hidden, boolean training,
                                 LayerWorkspaceMgr workspaceMgr) {
        int n = w.n();
        int len = w.maxLength();
        double[] xf = new double[n * e * len];
        double[] xb = new double[n * e * len];
        double[] mask = new double[n * len];
        for (int k = 0; k < n; k++) {
            int wl = w.length()[k];
            for (int l = 0; l < wl; l++) {
                mask[k * len + l] = 1;
                for (int j = 0; j < e; j++) {
                    double v = x[(k * len + l) * e + j];
                    xf[(k * e + j) * len + l] = v;
                    xb[(k * e + j) * len + (wl - 1 - l)] = v;
                }
            }
        }
        INDArray charMask = Nd4j.create(mask, new long[]{n, len}, 'c').castTo(dataType);
        double[] hf = runDirection(forward, xf, charMask, n, e, len, training, workspaceMgr);
        double[] hb = runDirection(backward, xb, charMask, n, e, len, training, workspaceMgr);
        double[] out = new double[n * 2 * hidden];
        for (int k = 0; k < n; k++) {
            int last = w.length()[k] - 1;
            for (int h = 0; h < hidden; h++) {
                out[k * 2 * hidden + h] = hf[(k * hidden + h) * len + last];
                out[k * 2 * hidden + hidden + h] = hb[(k * hidden + h) * len + last];
            }
        }
        return out;
    }

    private double[] runDirection(LstmLayer lstm, double[] x, INDArray charMask, int n, int e, int len,
                                  boolean training, LayerWorkspaceMgr workspaceMgr) {
        lstm.setMaskArray(charMask);
        INDArray in = Nd4j.create(x, new long[]{n, e, len}, 'c').castTo(dataType);
        return doubles(lstm.activate(in, training, workspaceMgr));
    }

    private Pass cnnForward(Words w, double[] x, int e, CharacterEncoder c, Pass p) {
        int n = w.n();
        int len = w.maxLength();
        int width = c.getWidth();
        int left = (width - 1) / 2;
        int rowWidth = width * e;
        double[] cols = new double[n * len * rowWidth];
        for (int k = 0; k < n; k++) {
            int wl = w.length()[k];
            for (int pos = 0; pos < wl; pos++) {
                for (int j = 0; j < width; j++) {
                    int from = pos - left + j;
                    if (from >= 0 && from < wl) {
                        System.arraycopy(x, (k * len + from) * e, cols, (k * len + pos) * rowWidth + j * e, e);
                    }
                }
            }
        }
        INDArray columns = Nd4j.create(cols, new long[]{(long) n * len, rowWidth}, 'c').castTo(dataType);
        INDArray z = columns.mmul(getParam(CharacterEncoderParams.FILTER_KEY))
                .addiRowVector(getParam(CharacterEncoderParams.BIAS_KEY));
        double[] a = doubles(z);
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.tanh(a[k]);
        }
        return new Pass(p.input(), p.mask(), w, cols, a, new int[n * c.getFilters()]);
    }

    /** The maximum of each filter over each word's real positions; records where it was. */
    private double[] maxPooled(Words w, Pass p, int filters) {
        int len = w.maxLength();
        double[] out = new double[w.n() * filters];
        int[] argmax = p.argmax();
        for (int k = 0; k < w.n(); k++) {
            for (int f = 0; f < filters; f++) {
                int best = 0;
                double max = p.activations()[(k * len) * filters + f];
                for (int pos = 1; pos < w.length()[k]; pos++) {
                    double v = p.activations()[(k * len + pos) * filters + f];
                    if (v > max) {
                        max = v;
                        best = pos;
                    }
                }
                out[k * filters + f] = max;
                argmax[k * filters + f] = best;
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Pass p = pass;
        if (p == null || p.input() != input || p.mask() != maskArray) {
            activate(true, workspaceMgr);
            p = pass;
        }
        pass = null;
        CharacterEncoder c = layerConf();
        Words w = p.words();
        int e = c.getCharEmbedding();
        int width = (int) c.getNOut();
        double[] eps = doubles(epsilon);
        double[] dOut = new double[w.n() * width];
        for (int k = 0; k < w.n(); k++) {
            int i = w.slot()[k] / w.steps();
            int t = w.slot()[k] % w.steps();
            for (int j = 0; j < width; j++) {
                dOut[k * width + j] = eps[(i * width + j) * w.steps() + t];
            }
        }
        int len = w.maxLength();
        double[] dx; // [N, len, e]
        if (c.getKind() == CharacterEncoder.Kind.LSTM) {
            dx = lstmBackward(w, dOut, e, c.getHidden(), workspaceMgr);
        } else {
            dx = cnnBackward(w, p, dOut, e, c);
        }
        double[] dTable = new double[(int) c.getNIn() * e];
        for (int k = 0; k < w.n() * len; k++) {
            int id = w.ids()[k];
            if (id != 0) {
                for (int j = 0; j < e; j++) {
                    dTable[id * e + j] += dx[k * e + j];
                }
            }
        }
        INDArray embeddingGrad = gradientViews.get(CharacterEncoderParams.EMBEDDING_KEY);
        embeddingGrad.assign(Nd4j.create(dTable, embeddingGrad.shape(), 'c').castTo(dataType));
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : paramTable().keySet()) {
            gradient.gradientForVariable().put(key, gradientViews.get(key));
        }
        return new Pair<>(gradient, null);
    }

    private double[] lstmBackward(Words w, double[] dOut, int e, int hidden, LayerWorkspaceMgr workspaceMgr) {
        int n = w.n();
        int len = w.maxLength();
        if (n == 0) {
            CharacterEncoderParams.directionSegment(layerConf(), gradientsFlattened, true).assign(0);
            CharacterEncoderParams.directionSegment(layerConf(), gradientsFlattened, false).assign(0);
            return new double[0];
        }
        double[] epsF = new double[n * hidden * len];
        double[] epsB = new double[n * hidden * len];
        for (int k = 0; k < n; k++) {
            int last = w.length()[k] - 1;
            for (int h = 0; h < hidden; h++) {
                epsF[(k * hidden + h) * len + last] = dOut[k * 2 * hidden + h];
                epsB[(k * hidden + h) * len + last] = dOut[k * 2 * hidden + hidden + h];
            }
        }
        long[] shape = {n, hidden, len};
        double[] dxf = doubles(forward.backpropGradient(Nd4j.create(epsF, shape, 'c').castTo(dataType),
                workspaceMgr).getSecond());
        double[] dxb = doubles(backward.backpropGradient(Nd4j.create(epsB, shape, 'c').castTo(dataType),
                workspaceMgr).getSecond());
        double[] dx = new double[n * len * e];
        for (int k = 0; k < n; k++) {
            int wl = w.length()[k];
            for (int l = 0; l < wl; l++) {
                for (int j = 0; j < e; j++) {
                    dx[(k * len + l) * e + j] = dxf[(k * e + j) * len + l] + dxb[(k * e + j) * len + (wl - 1 - l)];
                }
            }
        }
        return dx;
    }

    private double[] cnnBackward(Words w, Pass p, double[] dOut, int e, CharacterEncoder c) {
        int n = w.n();
        int len = w.maxLength();
        int filters = c.getFilters();
        int width = c.getWidth();
        int left = (width - 1) / 2;
        int rowWidth = width * e;
        INDArray filterGrad = gradientViews.get(CharacterEncoderParams.FILTER_KEY);
        INDArray biasGrad = gradientViews.get(CharacterEncoderParams.BIAS_KEY);
        if (n == 0) {
            filterGrad.assign(0);
            biasGrad.assign(0);
            return new double[0];
        }
        double[] dz = new double[n * len * filters];
        for (int k = 0; k < n; k++) {
            for (int f = 0; f < filters; f++) {
                int row = k * len + p.argmax()[k * filters + f];
                double a = p.activations()[row * filters + f];
                dz[row * filters + f] = dOut[k * filters + f] * (1 - a * a);
            }
        }
        INDArray dZ = Nd4j.create(dz, new long[]{(long) n * len, filters}, 'c').castTo(dataType);
        INDArray columns = Nd4j.create(p.columns(), new long[]{(long) n * len, rowWidth}, 'c').castTo(dataType);
        filterGrad.assign(columns.transpose().mmul(dZ));
        biasGrad.assign(dZ.sum(true, 0).reshape(biasGrad.shape()));
        double[] dCols = doubles(dZ.mmul(getParam(CharacterEncoderParams.FILTER_KEY).transpose()));
        double[] dx = new double[n * len * e];
        for (int k = 0; k < n; k++) {
            int wl = w.length()[k];
            for (int pos = 0; pos < wl; pos++) {
                for (int j = 0; j < width; j++) {
                    int from = pos - left + j;
                    if (from >= 0 && from < wl) {
                        int src = (k * len + pos) * rowWidth + j * e;
                        int dst = (k * len + from) * e;
                        for (int q = 0; q < e; q++) {
                            dx[dst + q] += dCols[src + q];
                        }
                    }
                }
            }
        }
        return dx;
    }

    @Override
    public void clear() {
        super.clear();
        pass = null;
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
