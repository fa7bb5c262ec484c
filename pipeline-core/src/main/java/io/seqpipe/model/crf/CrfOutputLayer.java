package io.seqpipe.model.crf;

import io.seqpipe.model.rnn.MaskedRecurrentLayer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static io.seqpipe.model.crf.CrfParamInitializer.BIAS_KEY;
import static io.seqpipe.model.crf.CrfParamInitializer.END_KEY;
import static io.seqpipe.model.crf.CrfParamInitializer.START_KEY;
import static io.seqpipe.model.crf.CrfParamInitializer.TRANSITIONS_KEY;
import static io.seqpipe.model.crf.CrfParamInitializer.WEIGHT_KEY;

/**
 * The computation of a {@link CrfOutput} layer (inputs, outputs, loss and masks there). The emissions of all steps
 * are one matrix product; the CRF itself ({@link LinearChainCrf}: forward-backward for the loss and its gradient)
 * runs per sentence in double precision on the host, {@code O(T·K²)} each, small beside the recurrent stack.
 *
 * <p>Masks: the features mask arrives through {@link #feedForwardMaskArray} and gives each sentence's length (real
 * steps first, then padding); the labels mask ({@link #setMaskArray}) marks the steps whose tag is known. Without a
 * features mask a sentence ends after its last labelled step.
 */
public class CrfOutputLayer extends BaseLayer<CrfOutput> implements IOutputLayer {
    private static final long serialVersionUID = 1L;

    private INDArray labels;
    private transient INDArray featuresMask;
    /** The losses of the last backward pass, for the input and labels it had (the input after dropout). */
    private transient LastTraining lastTraining;

    private record LastTraining(INDArray input, INDArray labels, Losses losses) {
    }

    public CrfOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The CRF of this layer's current transition, start and end scores and its configured constraints. */
    public LinearChainCrf crf() {
        return new LinearChainCrf(getParam(TRANSITIONS_KEY).toDoubleMatrix(), getParam(START_KEY).toDoubleVector(),
                getParam(END_KEY).toDoubleVector(), layerConf().constraints());
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        Emissions e = emissions(training, workspaceMgr);
        return workspaceMgr.dup(ArrayType.ACTIVATIONS,
                e.scores().reshape('c', e.batch(), e.steps(), layerConf().getNOut()).permute(0, 2, 1), 'c');
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        featuresMask = maskArray;
        return new Pair<>(maskArray, currentMaskState);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        // ComputationGraph asks for the score right after the backward pass of the same minibatch: reuse its losses
        Losses l = training && lastTraining != null && lastTraining.input() == input
                && lastTraining.labels() == labels ? lastTraining.losses()
                : losses(emissions(training, workspaceMgr), false);
        double sum = 0;
        for (double v : l.perSentence()) {
            sum += v;
        }
        score = sum / l.perSentence().length + fullNetRegTerm;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegTerm, LayerWorkspaceMgr workspaceMgr) {
        double[] nll = losses(emissions(false, workspaceMgr), false).perSentence();
        INDArray out = Nd4j.create(dataType, nll.length, 1);
        for (int i = 0; i < nll.length; i++) {
            out.putScalar(i, 0, nll[i] + fullNetRegTerm);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        gradient = backpropGradient(null, workspaceMgr).getFirst();
        computeScore(0, true, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Emissions e = emissions(true, workspaceMgr);
        Losses l = losses(e, true);
        lastTraining = new LastTraining(input, labels, l);
        long k = layerConf().getNOut();
        INDArray dScores = Nd4j.createFromArray(l.dEmissions()).castTo(dataType).reshape('c', e.batch() * e.steps(),
                k);
        INDArray w = getParamWithNoise(WEIGHT_KEY, true, workspaceMgr);

        Gradient g = new DefaultGradient(gradientsFlattened);
        INDArray dW = gradientViews.get(WEIGHT_KEY);
        Nd4j.gemm(e.inputs(), dScores, dW, true, false, 1.0, 0.0);
        g.gradientForVariable().put(WEIGHT_KEY, dW);
        INDArray db = gradientViews.get(BIAS_KEY);
        db.assign(dScores.sum(true, 0));
        g.gradientForVariable().put(BIAS_KEY, db);
        INDArray dT = gradientViews.get(TRANSITIONS_KEY);
        dT.assign(Nd4j.createFromArray(l.crfGradient().transitions).castTo(dataType));
        g.gradientForVariable().put(TRANSITIONS_KEY, dT);
        INDArray dS = gradientViews.get(START_KEY);
        dS.assign(Nd4j.createFromArray(l.crfGradient().start).castTo(dataType).reshape(1, k));
        g.gradientForVariable().put(START_KEY, dS);
        INDArray dE = gradientViews.get(END_KEY);
        dE.assign(Nd4j.createFromArray(l.crfGradient().end).castTo(dataType).reshape(1, k));
        g.gradientForVariable().put(END_KEY, dE);

        // epsilon for the layer below: dScores W^T, back to [batch, nIn, T]
        INDArray eps2d = dScores.mmul(w.transpose());
        INDArray eps = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD,
                eps2d.reshape('c', e.batch(), e.steps(), layerConf().getNIn()).permute(0, 2, 1), 'c');
        return new Pair<>(g, backpropDropOutIfPresent(eps));
    }

    /**
     * The emission scores of every step, {@code [batch·T, K]} (row {@code i·T + t}), and the input rows they came
     * from, {@code [batch·T, nIn]} (after dropout).
     */
    private record Emissions(long batch, long steps, INDArray inputs, INDArray scores) {
    }

    private Emissions emissions(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(training);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = input.castTo(dataType);
        Preconditions.checkState(in.rank() == 3, "CrfOutput: 3d input [batch, nIn, T] expected, got shape %ndShape",
                in);
        Preconditions.checkState(in.size(1) == layerConf().getNIn(), "CrfOutput: input has %s features, nIn = %s",
                in.size(1), layerConf().getNIn());
        long batch = in.size(0);
        long steps = in.size(2);
        INDArray x = in.permute(0, 2, 1).dup('c').reshape('c', batch * steps, in.size(1));
        INDArray scores = x.mmul(getParamWithNoise(WEIGHT_KEY, training, workspaceMgr))
                .addiRowVector(getParamWithNoise(BIAS_KEY, training, workspaceMgr));
        return new Emissions(batch, steps, x, scores);
    }

    /**
     * Per-sentence NLL and, when asked, the gradient of their sum ({@code dEmissions}: {@code [batch][T][K]}). As with
     * DL4J's own output layers, the score is the mean over the minibatch and the gradient the sum: the updater divides
     * it by the minibatch size.
     */
    private record Losses(double[] perSentence, double[][][] dEmissions, LinearChainCrf.Gradient crfGradient) {
    }

    private Losses losses(Emissions e, boolean withGradient) {
        Preconditions.checkState(labels != null, "CrfOutput: no labels set");
        int batch = (int) e.batch();
        int steps = (int) e.steps();
        int k = (int) layerConf().getNOut();
        Preconditions.checkState(labels.rank() == 3 && labels.size(0) == batch && labels.size(1) == k
                && labels.size(2) == steps, "CrfOutput: labels must be [batch, K, T] = [%s, %s, %s], got %ndShape",
                batch, k, steps, labels);
        int[][] gold = goldTags(batch, k, steps);
        int[] lengths = lengths(batch, steps, gold);
        double[][] scores = e.scores().toDoubleMatrix();
        LinearChainCrf crf = crf();
        LinearChainCrf.Gradient grad = new LinearChainCrf.Gradient(k);
        double[][][] dEmissions = withGradient ? new double[batch][steps][k] : null;
        double[][] scratch = new double[steps][k];
        double[] nll = new double[batch];
        for (int i = 0; i < batch; i++) {
            double[][] em = new double[steps][];
            for (int t = 0; t < steps; t++) {
                em[t] = scores[i * steps + t];
            }
            nll[i] = crf.negativeLogLikelihood(em, lengths[i], gold[i], 1.0,
                    withGradient ? dEmissions[i] : scratch, grad);
        }
        return new Losses(nll, dEmissions, grad);
    }

    /** The gold tag of each step, -1 where the labels mask is 0 or the label row is empty. */
    private int[][] goldTags(int batch, int k, int steps) {
        double[] l = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[][] m = maskArray == null ? null : maskArray.castTo(DataType.DOUBLE).reshape(batch, steps)
                .toDoubleMatrix();
        int[][] gold = new int[batch][steps];
        for (int i = 0; i < batch; i++) {
            for (int t = 0; t < steps; t++) {
                int tag = -1;
                if (m == null || m[i][t] != 0) {
                    for (int j = 0; j < k; j++) {
                        if (l[(i * k + j) * steps + t] > 0) {
                            tag = j;
                            break;
                        }
                    }
                }
                gold[i][t] = tag;
            }
        }
        return gold;
    }

    /** Each sentence's length: from the features mask (real steps first), else through its last labelled step. */
    private int[] lengths(int batch, int steps, int[][] gold) {
        int[] lengths = new int[batch];
        if (featuresMask != null && featuresMask.size(0) == batch && featuresMask.length() == (long) batch * steps) {
            long[] prefix = MaskedRecurrentLayer.prefixLengths(featuresMask.reshape(batch, steps));
            Preconditions.checkState(prefix != null, "CrfOutput: the features mask must mark real steps first, then"
                    + " padding");
            for (int i = 0; i < batch; i++) {
                lengths[i] = (int) prefix[i];
            }
            return lengths;
        }
        for (int i = 0; i < batch; i++) {
            int last = maskArray == null ? steps : 0;
            for (int t = 0; t < steps && maskArray != null; t++) {
                if (gold[i][t] >= 0) {
                    last = t + 1;
                }
            }
            lengths[i] = last;
        }
        return lengths;
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
        featuresMask = null;
        lastTraining = null;
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
        lastTraining = null;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        lastTraining = null;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public int numLabels() {
        return (int) layerConf().getNOut();
    }

    @Override
    public double f1Score(DataSet data) {
        throw unsupported();
    }

    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        throw unsupported();
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw unsupported();
    }

    @Override
    public int[] predict(INDArray examples) {
        throw unsupported();
    }

    @Override
    public List<String> predict(DataSet dataSet) {
        throw unsupported();
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw unsupported();
    }

    @Override
    public void fit(DataSet data) {
        throw unsupported();
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("CrfOutput is trained and used inside a network; decode its"
                + " emissions with crf().viterbi");
    }
}
