package io.seqpipe.model.gru;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import io.seqpipe.model.rnn.FloatKernels;
import io.seqpipe.model.rnn.MaskedRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.lang.ref.Reference;
import java.nio.FloatBuffer;

import static io.seqpipe.model.rnn.FloatKernels.floats;
import static io.seqpipe.model.rnn.FloatKernels.getRows;
import static io.seqpipe.model.rnn.FloatKernels.putRows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The computation of a {@link Gru} layer (equations and parameters there): forward pass, backpropagation through
 * time, and the stored state for step-by-step inference ({@code rnnTimeStep}) and truncated BPTT.
 *
 * <p>Internally the sequence is time-major ({@code [T, batch, ·]}, {@code 'c'} order), so each step's block is one
 * contiguous matrix. The input projection {@code x W + b} of all steps is one matrix product before the time loop;
 * only {@code h_{t-1} U} runs per step. Backpropagation likewise accumulates the per-step pre-activation gradients
 * and forms the gradients of {@code W}, {@code U}, {@code b} and the epsilon for the layer below with one matrix
 * product each after the loop. The backward pass recomputes the forward pass, as DL4J's own recurrent layers do
 * without a cache mode.
 *
 * <p>Masks ({@code [batch, T]}, 1 = real step): the output at a masked step is 0 and the carried state is the previous
 * one, {@code c_t = m_t h_t + (1 - m_t) c_{t-1}}; the backward pass differentiates exactly that, so masked steps
 * receive and pass on no gradient except the state's pass-through.
 */
public class GruLayer extends MaskedRecurrentLayer<Gru> {
    /** Key of the carried state ({@code [batch, nOut]}) in the stored-state maps. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    private static final long serialVersionUID = 1L;

    /**
     * The state the last forward pass started from (null: zero), where its backpropagation starts too: the stored
     * state for {@link #rnnActivateUsingStoredState}, zero for {@link #activate}. DL4J's {@code ComputationGraph}
     * backpropagates a truncated-BPTT segment with {@link #backpropGradient}, not {@link #tbpttBackpropGradient}.
     */
    private transient INDArray tbpttStartState;

    public GruLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        tbpttStartState = null;
        return output(forward(null, training, false, workspaceMgr), workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        Forward f = forward(stateMap.get(STATE_KEY_PREV_ACTIVATION), false, false, workspaceMgr);
        INDArray out = output(f, workspaceMgr);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            stateMap.put(STATE_KEY_PREV_ACTIVATION, f.finalState().dup());
        }
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        tbpttStartState = tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION);
        Forward f = forward(tbpttStartState, training, false, workspaceMgr);
        INDArray out = output(f, workspaceMgr);
        if (storeLastForTBPTT) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, f.finalState().dup());
            }
        }
        return out;
    }

    @Override
    public void rnnClearPreviousState() {
        super.rnnClearPreviousState();
        tbpttStartState = null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, tbpttStartState, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, tbpttStartState, tbpttBackLength, workspaceMgr);
    }

    /**
     * Everything the forward pass computed, time-major.
     *
     * @param x       the input, {@code [T·batch, nIn]}
     * @param gates   activations {@code r, z, n} per step, {@code [T, batch, 3·nOut]}
     * @param hu      {@code h_{t-1} U} per step, {@code [T, batch, 3·nOut]} (backprop only, else null)
     * @param carries carried states, {@code [T + 1, batch, nOut]}: entry 0 the initial state, entry t + 1 after step t
     * @param outputs the outputs, {@code [T, batch, nOut]} (0 at masked steps)
     * @param mask    the mask in the layer's data type, {@code [batch, T]}, or null
     * @param prefixLengths per-row real-step counts when inference took the prefix-mask path (the carried state
     *                      then runs on through padding, so the final state is read per row), else null
     */
    private record Forward(long batch, long steps, INDArray x, INDArray gates, INDArray hu, INDArray carries,
                           INDArray outputs, INDArray mask, long[] prefixLengths) {
        /** The state after each row's last real step. */
        INDArray finalState() {
            if (prefixLengths == null) {
                return carries.slice(steps);
            }
            INDArray state = Nd4j.createUninitialized(carries.dataType(), batch, carries.size(2));
            for (int i = 0; i < batch; i++) {
                state.getRow(i).assign(carries.get(point(prefixLengths[i]), point(i), all()));
            }
            return state;
        }
    }

    private Forward forward(INDArray initialState, boolean training, boolean forBackprop,
                            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));
        Preconditions.checkState(in.rank() == 3, "Gru: 3d input [batch, nIn, T] expected, got shape %ndShape", in);
        long batch = in.size(0);
        long nIn = in.size(1);
        long steps = in.size(2);
        long nOut = layerConf().getNOut();
        Preconditions.checkState(nIn == layerConf().getNIn(), "Gru: input has %s features, the layer nIn = %s", nIn,
                layerConf().getNIn());
        Preconditions.checkState(initialState == null || initialState.size(0) == batch,
                "Gru: stored state has minibatch %s, input has %s (call rnnClearPreviousState between batches)",
                initialState == null ? 0 : initialState.size(0), batch);
        INDArray mask = null;
        if (maskArray != null) {
            Preconditions.checkState(maskArray.rank() == 2 && maskArray.size(0) == batch
                    && maskArray.size(1) == steps, "Gru: mask must be [batch, T] = [%s, %s], got %ndShape", batch,
                    steps, maskArray);
            mask = maskArray.castTo(dataType);
        }
        ArrayType work = forBackprop ? ArrayType.BP_WORKING_MEM : ArrayType.FF_WORKING_MEM;
        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, training, workspaceMgr);
        INDArray u = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, workspaceMgr);

        // input projection of every step at once: [T*batch, nIn] x [nIn, 3*nOut]
        INDArray x = workspaceMgr.dup(work, in.permute(2, 0, 1), 'c').reshape('c', steps * batch, nIn);
        INDArray gates = workspaceMgr.createUninitialized(work, dataType, new long[]{steps, batch, 3 * nOut}, 'c');
        INDArray gates2 = gates.reshape('c', steps * batch, 3 * nOut);
        Nd4j.gemm(x, w, gates2, false, false, 1.0, 0.0);
        gates2.addiRowVector(b);

        INDArray hu = forBackprop
                ? workspaceMgr.createUninitialized(work, dataType, new long[]{steps, batch, 3 * nOut}, 'c') : null;
        INDArray huStep = forBackprop ? null
                : workspaceMgr.createUninitialized(work, dataType, new long[]{batch, 3 * nOut}, 'c');
        INDArray carries = workspaceMgr.createUninitialized(work, dataType, new long[]{steps + 1, batch, nOut}, 'c');
        if (initialState == null) {
            carries.slice(0).assign(0);
        } else {
            carries.slice(0).assign(initialState);
        }
        // Inference with prefix masks (every row: real steps, then padding, as SeqPipe's batches are) needs no
        // per-step masking: padding comes after a row's last real step, so it cannot change that row's real outputs.
        // The outputs are masked once after the loop and each row's final state is read at its own length.
        long[] prefixLengths = forBackprop || mask == null ? null : prefixLengths(mask);
        boolean maskEachStep = mask != null && prefixLengths == null;
        INDArray outputs = !maskEachStep ? carries.get(interval(1, steps + 1), all(), all())
                : workspaceMgr.createUninitialized(work, dataType, new long[]{steps, batch, nOut}, 'c');
        long lastRealStep = prefixLengths == null ? steps : java.util.Arrays.stream(prefixLengths).max().orElse(0);

        if (FloatKernels.applies(dataType)) {
            forwardOnHost(gates, forBackprop ? hu : huStep, forBackprop, carries, maskEachStep ? outputs : null,
                    maskEachStep ? mask : null, lastRealStep, u);
        } else {
            for (long t = 0; t < lastRealStep; t++) {
                INDArray g = gates.slice(t);
                INDArray hPrev = carries.slice(t);
                INDArray h = carries.slice(t + 1);
                INDArray hut = forBackprop ? hu.slice(t) : huStep;
                Nd4j.gemm(hPrev, u, hut, false, false, 1.0, 0.0);

                INDArray rz = g.get(all(), interval(0, 2 * nOut));
                rz.addi(hut.get(all(), interval(0, 2 * nOut)));
                Transforms.sigmoid(rz, false);
                INDArray r = g.get(all(), interval(0, nOut));
                INDArray z = g.get(all(), interval(nOut, 2 * nOut));
                INDArray n = g.get(all(), interval(2 * nOut, 3 * nOut));
                INDArray huN = hut.get(all(), interval(2 * nOut, 3 * nOut));
                n.addi(forBackprop ? huN.mul(r) : huN.muli(r)); // hu is kept for backprop, scratch otherwise
                Transforms.tanh(n, false);

                // h = (1 - z) n + z h_prev = n + z (h_prev - n)
                h.assign(hPrev).subi(n).muli(z).addi(n);
                if (maskEachStep) {
                    INDArray m = mask.getColumn(t, true);
                    outputs.slice(t).assign(h).muliColumnVector(m);
                    h.subi(hPrev).muliColumnVector(m).addi(hPrev);
                }
            }
        }
        if (prefixLengths != null) {
            if (lastRealStep < steps) {
                carries.get(interval(lastRealStep + 1, steps + 1), all(), all()).assign(0);
            }
            Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp(outputs,
                    mask.transpose(), outputs, 0, 1));
        }
        return new Forward(batch, steps, x, gates, hu, carries, outputs, mask, prefixLengths);
    }

    /**
     * The step loop of {@link #forward} in single precision on the CPU: the same steps, elementwise work in Java
     * ({@link GruKernels}), each step's blocks copied in and out in bulk.
     *
     * @param hu      {@code h_{t-1} U} per step {@code [T, batch, 3·nOut]} when {@code keepHu}, else one step's scratch
     * @param outputs the masked outputs {@code [T, batch, nOut]} when masks apply step by step, else null
     * @param mask    {@code [batch, T]} when masks apply step by step, else null
     */
    private static void forwardOnHost(INDArray gates, INDArray hu, boolean keepHu, INDArray carries, INDArray outputs,
                                      INDArray mask, long lastRealStep, INDArray u) {
        int rows = (int) carries.size(1);
        int cols = (int) carries.size(2);
        int count = rows * cols;
        int gateRow = 3 * cols;
        FloatBuffer gateFloats = floats(gates);
        FloatBuffer huFloats = floats(hu);
        FloatBuffer carryFloats = floats(carries);
        FloatBuffer outputFloats = outputs == null ? null : floats(outputs);
        float[][] maskByRow = mask == null ? null : mask.toFloatMatrix();
        float[] stepMask = new float[rows];
        float[] r = new float[count];
        float[] z = new float[count];
        float[] n = new float[count];
        float[] hr = new float[count];
        float[] hz = new float[count];
        float[] hn = new float[count];
        float[] hPrev = new float[count];
        float[] h = new float[count];
        float[] output = outputs == null ? null : new float[count];
        carryFloats.get(0, hPrev, 0, count);
        for (long t = 0; t < lastRealStep; t++) {
            INDArray hut = keepHu ? hu.slice(t) : hu;
            Nd4j.gemm(carries.slice(t), u, hut, false, false, 1.0, 0.0);
            long gateBase = t * rows * gateRow;
            long huBase = keepHu ? gateBase : 0;
            getGates(gateFloats, gateBase, r, z, n, rows, cols);
            getGates(huFloats, huBase, hr, hz, hn, rows, cols);
            GruKernels.forward(count, r, z, n, hr, hz, hn, hPrev, h);
            if (output != null) {
                for (int i = 0; i < rows; i++) {
                    stepMask[i] = maskByRow[i][(int) t];
                }
                GruKernels.maskStep(rows, cols, stepMask, h, hPrev, output);
                outputFloats.put((int) (t * count), output, 0, count);
            }
            carryFloats.put((int) ((t + 1) * count), h, 0, count);
            if (keepHu) {
                // backpropagation reads the gates' activations
                putGates(gateFloats, gateBase, r, z, n, rows, cols);
            }
            float[] swap = hPrev;
            hPrev = h;
            h = swap;
        }
        // the float buffers do not keep their arrays alive (FloatKernels.floats)
        Reference.reachabilityFence(gates);
        Reference.reachabilityFence(hu);
        Reference.reachabilityFence(carries);
        Reference.reachabilityFence(outputs);
    }

    /**
     * The step loop of {@link #backprop} in single precision on the CPU: fills the pre-activation gradients
     * {@code dGx} and {@code dGh} of steps {@code end..T-1} as the ND4J loop does, elementwise work in Java.
     *
     * @param dPrevScratch a {@code [batch, nOut]} array for {@code dL/dh_{t-1}}
     */
    private static void backwardOnHost(Forward f, INDArray eps, INDArray dGx, INDArray dGh, long end, INDArray u,
                                       INDArray dPrevScratch) {
        int rows = (int) f.batch();
        int cols = (int) f.carries().size(2);
        int count = rows * cols;
        int gateRow = 3 * cols;
        FloatBuffer gateFloats = floats(f.gates());
        FloatBuffer huFloats = floats(f.hu());
        FloatBuffer carryFloats = floats(f.carries());
        FloatBuffer epsFloats = floats(eps);
        FloatBuffer dGxFloats = floats(dGx);
        FloatBuffer dGhFloats = floats(dGh);
        FloatBuffer dPrevFloats = floats(dPrevScratch);
        float[][] maskByRow = f.mask() == null ? null : f.mask().toFloatMatrix();
        float[] stepMask = maskByRow == null ? null : new float[rows];
        float[] r = new float[count];
        float[] z = new float[count];
        float[] n = new float[count];
        float[] hn = new float[count];
        float[] hPrev = new float[count];
        float[] e = new float[count];
        float[] dCarry = new float[count];
        float[] dh = new float[count];
        float[] daR = new float[count];
        float[] daZ = new float[count];
        float[] daN = new float[count];
        float[] dRecurrentN = new float[count];
        float[] dPrev = new float[count];
        for (long t = f.steps() - 1; t >= end; t--) {
            long gateBase = t * rows * gateRow;
            getGates(gateFloats, gateBase, r, z, n, rows, cols);
            getRows(huFloats, gateBase + 2L * cols, gateRow, hn, rows, cols);
            carryFloats.get((int) (t * count), hPrev, 0, count);
            epsFloats.get((int) (t * count), e, 0, count);
            if (stepMask != null) {
                for (int i = 0; i < rows; i++) {
                    stepMask[i] = maskByRow[i][(int) t];
                }
            }
            GruKernels.backward(rows, cols, stepMask, e, dCarry, r, z, n, hn, hPrev, dh, daR, daZ, daN, dRecurrentN,
                    dPrev);
            putGates(dGxFloats, gateBase, daR, daZ, daN, rows, cols);
            putGates(dGhFloats, gateBase, daR, daZ, dRecurrentN, rows, cols);
            // dL/dh_{t-1}: dh ⊙ z, plus through h_{t-1} U, plus (masked steps) the state's pass-through
            dPrevFloats.put(0, dPrev, 0, count);
            Nd4j.gemm(dGh.slice(t), u, dPrevScratch, false, true, 1.0, 1.0);
            dPrevFloats.get(0, dPrev, 0, count);
            GruKernels.carry(rows, cols, stepMask, dPrev, dCarry);
        }
        // the float buffers do not keep their arrays alive (FloatKernels.floats)
        Reference.reachabilityFence(f);
        Reference.reachabilityFence(eps);
        Reference.reachabilityFence(dGx);
        Reference.reachabilityFence(dGh);
        Reference.reachabilityFence(dPrevScratch);
    }

    /** A step's {@code [batch, 3·nOut]} block at {@code base} as its three gates' {@code [batch, nOut]} blocks. */
    private static void getGates(FloatBuffer src, long base, float[] r, float[] z, float[] n, int rows, int cols) {
        getRows(src, base, 3 * cols, r, rows, cols);
        getRows(src, base + cols, 3 * cols, z, rows, cols);
        getRows(src, base + 2L * cols, 3 * cols, n, rows, cols);
    }

    /** The inverse of {@link #getGates}. */
    private static void putGates(FloatBuffer dst, long base, float[] r, float[] z, float[] n, int rows, int cols) {
        putRows(dst, base, 3 * cols, r, rows, cols);
        putRows(dst, base + cols, 3 * cols, z, rows, cols);
        putRows(dst, base + 2L * cols, 3 * cols, n, rows, cols);
    }

    /** The forward pass's outputs as the layer's activations, {@code [batch, nOut, T]}. */
    private INDArray output(Forward f, LayerWorkspaceMgr workspaceMgr) {
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{f.batch(), layerConf().getNOut(), f.steps()}, 'f');
        out.assign(f.outputs().permute(1, 2, 0));
        return permuteIfNWC(out);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray initialState, int tbpttBackLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Forward f = forward(initialState, true, true, workspaceMgr);
        long batch = f.batch();
        long steps = f.steps();
        long nIn = layerConf().getNIn();
        long nOut = layerConf().getNOut();
        ArrayType work = ArrayType.BP_WORKING_MEM;

        INDArray eps = workspaceMgr.dup(work, permuteIfNWC(epsilon.castTo(dataType)).permute(2, 0, 1), 'c');
        INDArray w = getParamWithNoise(GruParamInitializer.WEIGHT_KEY, true, workspaceMgr);
        INDArray u = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);

        // gradients w.r.t. the pre-activations: input side [r, z, n] and recurrent side [r, z, r ⊙ n]
        INDArray dGx = workspaceMgr.create(work, dataType, new long[]{steps, batch, 3 * nOut}, 'c');
        INDArray dGh = workspaceMgr.create(work, dataType, new long[]{steps, batch, 3 * nOut}, 'c');
        // dL/dc_t from the steps after t
        INDArray dCarry = workspaceMgr.create(work, dataType, new long[]{batch, nOut}, 'c');
        long end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        if (FloatKernels.applies(dataType)) {
            backwardOnHost(f, eps, dGx, dGh, end, u, workspaceMgr.createUninitialized(work, dataType,
                    new long[]{batch, nOut}, 'c'));
        } else {
            for (long t = steps - 1; t >= end; t--) {
                INDArray g = f.gates().get(point(t), all(), all());
                INDArray r = g.get(all(), interval(0, nOut));
                INDArray z = g.get(all(), interval(nOut, 2 * nOut));
                INDArray n = g.get(all(), interval(2 * nOut, 3 * nOut));
                INDArray huN = f.hu().get(point(t), all(), interval(2 * nOut, 3 * nOut));
                INDArray hPrev = f.carries().get(point(t), all(), all());
                INDArray m = f.mask() == null ? null : f.mask().getColumn(t, true);

                INDArray dh = eps.get(point(t), all(), all()).add(dCarry);
                if (m != null) {
                    dh.muliColumnVector(m);
                }
                INDArray daN = dh.mul(z.rsub(1.0)).muli(n.mul(n).rsubi(1.0));
                INDArray daR = daN.mul(huN).muli(r).muli(r.rsub(1.0));
                INDArray daZ = hPrev.sub(n).muli(dh).muli(z).muli(z.rsub(1.0));
                INDArray dGxt = dGx.get(point(t), all(), all());
                INDArray dGht = dGh.get(point(t), all(), all());
                dGxt.get(all(), interval(0, nOut)).assign(daR);
                dGxt.get(all(), interval(nOut, 2 * nOut)).assign(daZ);
                dGxt.get(all(), interval(2 * nOut, 3 * nOut)).assign(daN);
                dGht.get(all(), interval(0, 2 * nOut)).assign(dGxt.get(all(), interval(0, 2 * nOut)));
                dGht.get(all(), interval(2 * nOut, 3 * nOut)).assign(daN.muli(r));

                // dL/dc_{t-1}: through z ⊙ h_{t-1}, through h_{t-1} U, and (masked steps) the state's pass-through
                INDArray dPrev = dh.mul(z);
                Nd4j.gemm(dGht, u, dPrev, false, true, 1.0, 1.0);
                if (m != null) {
                    dPrev.addi(dCarry.mulColumnVector(m.rsub(1.0)));
                }
                dCarry = dPrev;
            }
        }

        INDArray wGrad = gradientViews.get(GruParamInitializer.WEIGHT_KEY);
        INDArray uGrad = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(GruParamInitializer.BIAS_KEY);
        INDArray dGx2 = dGx.reshape('c', steps * batch, 3 * nOut);
        INDArray dGh2 = dGh.reshape('c', steps * batch, 3 * nOut);
        INDArray hPrev2 = f.carries().get(interval(0, steps), all(), all()).reshape('c', steps * batch, nOut);
        Nd4j.gemm(f.x(), dGx2, wGrad, true, false, 1.0, 0.0);
        Nd4j.gemm(hPrev2, dGh2, uGrad, true, false, 1.0, 0.0);
        bGrad.assign(dGx2.sum(true, 0));

        INDArray epsIn = dGx2.mmul(w.transpose()).reshape('c', steps, batch, nIn);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{batch, nIn, steps}, 'f');
        epsOut.assign(epsIn.permute(1, 2, 0));

        weightNoiseParams.clear();
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(GruParamInitializer.WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, uGrad);
        gradient.gradientForVariable().put(GruParamInitializer.BIAS_KEY, bGrad);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }
}
