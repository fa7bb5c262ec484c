package io.seqpipe.model.lstm;

import io.seqpipe.model.rnn.MaskedRecurrentLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.Reference;
import java.util.Map;

import static io.seqpipe.model.lstm.LstmParamInitializer.BIAS_KEY;
import static io.seqpipe.model.lstm.LstmParamInitializer.CANDIDATE;
import static io.seqpipe.model.lstm.LstmParamInitializer.FORGET_GATE;
import static io.seqpipe.model.lstm.LstmParamInitializer.INPUT_GATE;
import static io.seqpipe.model.lstm.LstmParamInitializer.OUTPUT_GATE;
import static io.seqpipe.model.lstm.LstmParamInitializer.RECURRENT_WEIGHT_KEY;
import static io.seqpipe.model.lstm.LstmParamInitializer.WEIGHT_KEY;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The computation of an {@link Lstm} layer (equations and parameters there): forward pass, backpropagation through
 * time, and the stored state for step-by-step inference ({@code rnnTimeStep}) and truncated BPTT.
 *
 * <p>A small LSTM on a CPU costs the number of ND4J operations per time step, each several microseconds of dispatch
 * whatever its size, and elementwise operations on strided views cost several times more than on contiguous memory.
 * So the layer works feature-major per step ({@code [rows, batch]} blocks, {@code 'c'} order, one block per step:
 * DL4J's own {@code [batch, features, T]} {@code 'f'} arrays are exactly that, {@code [T, features, batch]}), which
 * makes every per-step operand one contiguous block:
 * <ul>
 *   <li>step {@code t} reads one stacked column block {@code [x_t; h_{t-1}; 1]} ({@code [K, batch]},
 *       {@code K = nIn + nOut + 1}) and computes all four gates with one matrix product
 *       {@code z_t = [W^T U^T b^T] [x_t; h_{t-1}; 1]}, the bias included; the step writes {@code h_t} straight into the
 *       next block's {@code h} rows;</li>
 *   <li>a step forward is that product, one sigmoid over the three gates, one tanh and five elementwise products and
 *       sums, all on contiguous blocks; a training pass also stores, per step, the factors its backward pass needs
 *       ({@code o ⊙ tanh'(c)}, and per gate what its pre-activation gradient is {@code dh} or {@code dc} times);</li>
 *   <li>a step backward is five elementwise operations (one a broadcast over the three cell-driven gates), one
 *       product {@code [W^T U^T b^T]^T dz_t} giving the gradients of {@code x_t} and {@code h_{t-1}} together, and one
 *       accumulating {@code dz_t [x_t; h_{t-1}; 1]^T} into the gradient of the stacked weights;</li>
 *   <li>training keeps its working arrays and their per-step views in the layer ({@link LstmBuffers}, one set per
 *       minibatch size, reused while a minibatch fits), so a training step creates no arrays or views besides the
 *       operations' own; inference allocates them per call in DL4J's working-memory workspace;</li>
 *   <li>in single precision on the CPU backend a step's elementwise work (gates, cell, output, backward factors;
 *       backward: the gates' pre-activation gradients and what is carried to the step before) runs in Java on the
 *       step's blocks, copied in and out in bulk ({@link LstmKernels}: SIMD loops, a rational tanh within 4e-7),
 *       about seven times faster than the same work as ND4J operations; other precisions (double in the tests
 *       against DL4J's LSTM) and backends run the ND4J operations, and the two agree to float precision
 *       ({@code LstmFloatKernelTest});</li>
 *   <li>backpropagation reuses the forward pass of the same training iteration ({@code activate(true)}, or
 *       {@code rnnActivateUsingStoredState} in training, on the same input and from the same start state, no other
 *       pass of the layer in between); otherwise it recomputes it.</li>
 * </ul>
 *
 * <p>Truncated BPTT: a segment's forward pass starts from the stored state the previous segment ended in, and its
 * backpropagation starts from that same state, held constant (no gradient crosses the segment boundary), whichever
 * of {@code backpropGradient} (DL4J's {@code ComputationGraph}) or {@code tbpttBackpropGradient}
 * ({@code MultiLayerNetwork}) DL4J calls.
 *
 * <p>Masks ({@code [batch, T]}, 1 = real step): the output at a masked step is 0 and the state ({@code h}, {@code c})
 * passes through unchanged. When every mask row is real steps followed by padding (SeqPipe's batches always are), no
 * step needs masking: the padding comes after a row's real steps, so it cannot change that row's real outputs; the
 * incoming gradient at padded steps is zeroed once, and zero gradients stay zero going backward through the padding;
 * the outputs are masked once after the loop and each row's final state is read at its own length. Other masks are
 * applied step by step, and the backward pass differentiates exactly that.
 */
public class LstmLayer extends MaskedRecurrentLayer<Lstm> {
    /** Key of the carried output {@code h} ({@code [batch, nOut]}) in the stored-state maps (DL4J's LSTM key). */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";
    /** Key of the carried cell {@code c} ({@code [batch, nOut]}) in the stored-state maps (DL4J's LSTM key). */
    public static final String STATE_KEY_PREV_MEMCELL = "prevMem";

    private static final long serialVersionUID = 1L;

    /**
     * The state the last forward pass started from (null: zero), where its backpropagation starts too: the stored
     * state for {@link #rnnActivateUsingStoredState}, zero for {@link #activate}. DL4J's {@code ComputationGraph}
     * backpropagates a truncated-BPTT segment with {@link #backpropGradient}, not {@link #tbpttBackpropGradient}.
     */
    private transient INDArray[] tbpttStartState;
    /** Training's working arrays, kept per minibatch size (at most two sizes: the full batch and a last one). */
    private transient java.util.LinkedHashMap<Long, LstmBuffers> trainingBuffers;
    /** Counts forward passes; a kept pass is valid for backpropagation while no other pass has run. */
    private transient long passes;
    /** The last training forward pass, for the backpropagation of the same iteration. */
    private transient Forward trainingForward;

    public LstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        tbpttStartState = null;
        Forward f = forward(null, training, training, workspaceMgr);
        trainingForward = training ? f : null;
        return output(f, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray h = stateMap.get(STATE_KEY_PREV_ACTIVATION);
        Forward f = forward(h == null ? null : new INDArray[]{h, stateMap.get(STATE_KEY_PREV_MEMCELL)}, false,
                false, workspaceMgr);
        INDArray out = output(f, workspaceMgr);
        storeFinalState(f, stateMap);
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray h = tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION);
        tbpttStartState = h == null ? null : new INDArray[]{h, tBpttStateMap.get(STATE_KEY_PREV_MEMCELL)};
        Forward f = forward(tbpttStartState, training, training, workspaceMgr);
        trainingForward = training ? f : null;
        INDArray out = output(f, workspaceMgr);
        if (storeLastForTBPTT) {
            storeFinalState(f, tBpttStateMap);
        }
        return out;
    }

    private static void storeFinalState(Forward f, Map<String, INDArray> into) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            into.put(STATE_KEY_PREV_ACTIVATION, f.finalState(true));
            into.put(STATE_KEY_PREV_MEMCELL, f.finalState(false));
        }
    }

    @Override
    public void rnnClearPreviousState() {
        super.rnnClearPreviousState();
        tbpttStartState = null;
    }

    @Override
    public void clear() {
        super.clear();
        trainingForward = null;
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

    /** A {@code [rows, cols]} block of {@code base}'s buffer at element {@code offset} (contiguous, 'c' order). */
    static INDArray block(INDArray base, long offset, long rows, long cols) {
        return Nd4j.create(base.data(), new long[]{rows, cols}, new long[]{cols, 1}, base.offset() + offset, 'c');
    }

    /** A 3-d view of {@code base}'s buffer. */
    static INDArray view3(INDArray base, long offset, long[] shape, long[] stride) {
        return Nd4j.create(base.data(), shape, stride, base.offset() + offset, 'c');
    }

    /**
     * A forward pass: what it was computed from and where its arrays are.
     *
     * @param start     the state it started from (identity; null: zero)
     * @param input     the layer input the pass was computed from (identity, to match it to backpropagation)
     * @param mask      the raw mask it was computed with (identity), or null
     * @param steps     the number of steps
     * @param buffers   its arrays (the first {@code steps} blocks)
     * @param stepMasks whether masks were applied step by step (masks that are not all prefixes)
     * @param prefixLengths per-row real-step counts when the masks are prefixes (the state then runs on through the
     *                      padding, so the final state is read per row), else null
     * @param pass      the layer's pass counter when it ran
     */
    private record Forward(INDArray[] start, INDArray input, INDArray mask, long steps, LstmBuffers buffers,
                           boolean stepMasks, long[] prefixLengths, long pass) {

        /** The state ({@code h} or {@code c}) after each row's last real step, {@code [batch, nOut]}, detached. */
        INDArray finalState(boolean output) {
            INDArray state = Nd4j.createUninitialized(buffers.xh.dataType(), buffers.batch, buffers.nOut);
            if (prefixLengths == null) {
                return state.assign((output ? buffers.hidden.at(steps) : buffers.cell.at(steps)).transpose());
            }
            for (int i = 0; i < buffers.batch; i++) {
                long t = prefixLengths[i];
                state.getRow(i).assign((output ? buffers.hidden.at(t) : buffers.cell.at(t)).get(all(), point(i)));
            }
            return state;
        }
    }

    private static void mul(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new MulOp(a, b, out));
    }

    /** Training's arrays for this shape: kept ones if they fit, else new ones (replacing the least recently used). */
    private LstmBuffers trainingBuffers(long batch, long nIn, long nOut, long steps) {
        if (trainingBuffers == null) {
            trainingBuffers = new java.util.LinkedHashMap<>(4, 0.75f, true);
        }
        LstmBuffers b = trainingBuffers.get(batch);
        if (b == null || !b.fits(batch, nIn, nOut, steps)) {
            // some headroom, so that length-bucketed batches do not reallocate for every longer batch
            int capacity = (int) Math.max(steps, b == null ? 0 : Math.min(2L * b.capacity, steps + steps / 4 + 8));
            b = LstmBuffers.detached(dataType, batch, nIn, nOut, capacity);
            trainingBuffers.put(batch, b);
            if (trainingBuffers.size() > 2) {
                trainingBuffers.remove(trainingBuffers.keySet().iterator().next());
            }
        }
        return b;
    }

    private Forward forward(INDArray[] initialState, boolean training, boolean forBackprop,
                            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));
        Preconditions.checkState(in.rank() == 3, "Lstm: 3d input [batch, nIn, T] expected, got shape %ndShape", in);
        long batch = in.size(0);
        long nIn = in.size(1);
        long steps = in.size(2);
        long nOut = layerConf().getNOut();
        Preconditions.checkState(nIn == layerConf().getNIn(), "Lstm: input has %s features, the layer nIn = %s", nIn,
                layerConf().getNIn());
        Preconditions.checkState(initialState == null || initialState[0].size(0) == batch,
                "Lstm: stored state has minibatch %s, input has %s (call rnnClearPreviousState between batches)",
                initialState == null ? 0 : initialState[0].size(0), batch);
        LstmBuffers b = forBackprop ? trainingBuffers(batch, nIn, nOut, steps)
                : LstmBuffers.forOneCall(workspaceMgr, dataType, batch, nIn, nOut, (int) steps);
        long[] prefixLengths = null;
        if (maskArray != null) {
            Preconditions.checkState(maskArray.rank() == 2 && maskArray.size(0) == batch
                    && maskArray.size(1) == steps, "Lstm: mask must be [batch, T] = [%s, %s], got %ndShape", batch,
                    steps, maskArray);
            b.maskTime.get(interval(0, steps), all()).assign(maskArray.castTo(dataType).transpose());
            prefixLengths = prefixLengths(maskArray);
        }
        boolean stepMasks = maskArray != null && prefixLengths == null;
        Forward f = new Forward(initialState, input, maskArray, steps, b, stepMasks, prefixLengths, ++passes);

        INDArray w = getParamWithNoise(WEIGHT_KEY, training, workspaceMgr);
        INDArray u = getParamWithNoise(RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray bias = getParamWithNoise(BIAS_KEY, training, workspaceMgr);
        b.stacked.get(all(), interval(0, nIn)).assign(w.transpose());
        b.stacked.get(all(), interval(nIn, nIn + nOut)).assign(u.transpose());
        b.stacked.get(all(), point(nIn + nOut)).assign(bias.reshape(4 * nOut));
        b.rowsOfBlocks(b.xh, steps, b.k, 0, nIn).assign(in.permute(2, 1, 0));

        INDArray hPrev = b.hidden.at(0);
        INDArray cPrev = b.cell.at(0);
        if (initialState == null) {
            hPrev.assign(0);
            cPrev.assign(0);
        } else {
            hPrev.assign(initialState[0].transpose());
            cPrev.assign(initialState[1].transpose());
        }
        if (b.host != null) {
            forwardOnHost(b, steps, stepMasks, forBackprop);
        } else {
            forwardWithOps(b, steps, stepMasks, forBackprop);
        }
        return f;
    }

    /** The step loop of {@link #forward} as ND4J operations (any precision and backend). */
    private static void forwardWithOps(LstmBuffers b, long steps, boolean stepMasks, boolean forBackprop) {
        INDArray hPrev = b.hidden.at(0);
        INDArray cPrev = b.cell.at(0);
        for (long t = 0; t < steps; t++) {
            Nd4j.gemm(b.stacked, b.xhStep.at(t), b.gateStep.at(t), false, false, 1.0, 0.0);
            INDArray sigmoids = b.sigmoids.at(t);
            Nd4j.exec(new Sigmoid(sigmoids));
            INDArray o = b.gate[OUTPUT_GATE].at(t);
            INDArray i = b.gate[INPUT_GATE].at(t);
            INDArray g = b.gate[CANDIDATE].at(t);
            Nd4j.exec(new Tanh(g));
            INDArray c = b.cell.at(t + 1);
            INDArray tc = b.tanhCell.at(t);
            INDArray h = b.hidden.at(t + 1);
            // c = f ⊙ c_prev + i ⊙ g;  h = o ⊙ tanh(c)
            mul(b.gate[FORGET_GATE].at(t), cPrev, c);
            mul(i, g, b.product);
            c.addi(b.product);
            Nd4j.exec(new Tanh(c, tc));
            mul(o, tc, h);
            if (stepMasks) {
                // the output is masked; the carried state passes through masked steps: s = s_prev + m (s - s_prev)
                INDArray m = b.maskRow.at(t);
                mul(h, m, b.output.at(t));
                h.subi(hPrev).muliRowVector(m).addi(hPrev);
                c.subi(cPrev).muliRowVector(m).addi(cPrev);
            }
            if (forBackprop) {
                stepFactors(b.backward, t, sigmoids, o, i, g, cPrev, tc);
            }
            hPrev = h;
            cPrev = c;
        }
    }

    /** The step loop of {@link #forward} in single precision on the CPU: the same steps, elementwise work in Java. */
    private static void forwardOnHost(LstmBuffers b, long steps, boolean stepMasks, boolean forBackprop) {
        LstmBuffers.Host s = b.host;
        int n = s.n;
        int rows = (int) b.nOut;
        int batch = (int) b.batch;
        float[] cPrev = s.cellPrev;
        float[] c = s.cell;
        float[][] gate = s.gate;
        s.cellFloats.get(s.stateOffset(0), cPrev, 0, n);
        if (stepMasks) {
            s.xhFloats.get(s.hiddenOffset(0), s.hiddenPrev, 0, n);
        }
        for (long t = 0; t < steps; t++) {
            Nd4j.gemm(b.stacked, b.xhStep.at(t), b.gateStep.at(t), false, false, 1.0, 0.0);
            for (int g = 0; g < 4; g++) {
                s.gateFloats.get(s.gateOffset(t, g), gate[g], 0, n);
            }
            LstmKernels.cellAndOutput(n, gate[OUTPUT_GATE], gate[INPUT_GATE], gate[FORGET_GATE], gate[CANDIDATE],
                    cPrev, c, s.tanhCell, s.hidden);
            if (forBackprop) {
                LstmKernels.factors(n, gate[OUTPUT_GATE], gate[INPUT_GATE], gate[FORGET_GATE], gate[CANDIDATE],
                        cPrev, s.tanhCell, s.factor[OUTPUT_GATE], s.factor[INPUT_GATE], s.factor[FORGET_GATE],
                        s.factor[CANDIDATE], s.cellFactor);
                for (int g = 0; g < 4; g++) {
                    s.factorFloats.put(s.gateOffset(t, g), s.factor[g], 0, n);
                }
                s.cellFactorFloats.put(s.stateOffset(t), s.cellFactor, 0, n);
                // backpropagation carries dc through the forget gate
                s.gateFloats.put(s.gateOffset(t, FORGET_GATE), gate[FORGET_GATE], 0, n);
            }
            if (stepMasks) {
                s.readMask(t);
                LstmKernels.maskStep(rows, batch, s.mask, s.hidden, s.hiddenPrev, c, cPrev, s.output);
                s.outputFloats.put(s.stateOffset(t), s.output, 0, n);
                System.arraycopy(s.hidden, 0, s.hiddenPrev, 0, n);
            }
            s.cellFloats.put(s.stateOffset(t + 1), c, 0, n);
            s.xhFloats.put(s.hiddenOffset(t + 1), s.hidden, 0, n);
            float[] swap = cPrev;
            cPrev = c;
            c = swap;
        }
        // the host float buffers do not keep the arrays alive (FloatKernels.floats): the buffers object does
        Reference.reachabilityFence(b);
    }

    /**
     * The backward-pass factors of step {@code t}: with {@code s' = s (1 - s)} for the sigmoid gates,
     * <pre>
     * dz_o = dh ⊙ tanh(c) ⊙ o'      dc = dh ⊙ o ⊙ (1 - tanh²(c)) + dc_next
     * dz_i = dc ⊙ g ⊙ i'            dz_f = dc ⊙ c_prev ⊙ f'         dz_g = dc ⊙ i ⊙ (1 - g²)
     * </pre>
     */
    private static void stepFactors(LstmBuffers.Backward b, long t, INDArray sigmoids, INDArray o, INDArray i, INDArray g,
                                    INDArray cPrev, INDArray tanhCell) {
        INDArray sigmoidGrads = b.sigmoidGrads.at(t);
        mul(sigmoids, sigmoids, sigmoidGrads);
        sigmoidGrads.rsubi(sigmoids);
        b.factor[OUTPUT_GATE].at(t).muli(tanhCell);
        b.factor[INPUT_GATE].at(t).muli(g);
        b.factor[FORGET_GATE].at(t).muli(cPrev);
        INDArray candidate = b.factor[CANDIDATE].at(t);
        mul(g, g, candidate);
        candidate.rsubi(1.0).muli(i);
        INDArray cell = b.cellFactor.at(t);
        mul(tanhCell, tanhCell, cell);
        cell.rsubi(1.0).muli(o);
    }

    /** The forward pass's outputs as the layer's activations, {@code [batch, nOut, T]}. */
    private INDArray output(Forward f, LayerWorkspaceMgr workspaceMgr) {
        LstmBuffers b = f.buffers();
        // [batch, nOut, T] in 'f' order is [T, nOut, batch] in 'c' order: the layout of the step blocks
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{b.batch, b.nOut, f.steps()}, 'f');
        INDArray source = f.stepMasks() ? b.rowsOfBlocks(b.outputs, f.steps(), b.nOut, 0, b.nOut)
                : b.rowsOfBlocks(b.xh.get(interval(1, f.steps() + 1), all(), all()), f.steps(), b.k, b.nIn, b.nOut);
        out.permute(2, 1, 0).assign(source);
        if (f.mask() != null && !f.stepMasks()) {
            Nd4j.exec(new BroadcastMulOp(out, f.mask().castTo(dataType), out, 0, 2));
        }
        return permuteIfNWC(out);
    }

    /** The step loop of {@link #backprop} as ND4J operations (any precision and backend). */
    private static void backwardWithOps(LstmBuffers b, long steps, long end, boolean stepMasks) {
        LstmBuffers.Backward g = b.backward;
        INDArray dh = g.dh;
        INDArray dc = g.dc;
        INDArray dcNext = g.dcNext;
        INDArray dhNext = null;
        for (long t = steps - 1; t >= end; t--) {
            boolean last = t == steps - 1;
            INDArray epsT = g.epsStep.at(t);
            INDArray m = stepMasks ? b.maskRow.at(t) : null;
            // dh: the output's gradient plus the carried output's (with step masks: only at real steps)
            if (last) {
                dh.assign(epsT);
            } else if (m == null) {
                Nd4j.exec(new AddOp(epsT, dhNext, dh));
            } else {
                mul(dhNext, m, dh);
                dh.addi(epsT);
            }
            mul(dh, g.cellFactor.at(t), dc);
            if (!last) {
                if (m == null) {
                    dc.addi(dcNext);
                } else {
                    dc.addi(dcNext.mulRowVector(m));
                }
            }
            mul(dh, g.factor[OUTPUT_GATE].at(t), g.dzOutput);
            Nd4j.exec(new BroadcastMulOp(g.cellDrivenFactors.at(t), dc, g.dzCellDriven, 1, 2));
            // gradients of [x_t; h_{t-1}; 1] and of the stacked weights
            Nd4j.gemm(b.stacked, g.dz, g.dxhStep.at(t), true, false, 1.0, 0.0);
            Nd4j.gemm(g.dz, b.xhStep.at(t), g.dStacked, false, true, 1.0, last ? 0.0 : 1.0);
            if (t == end) {
                break;
            }
            // to step t - 1: dc_prev = dc ⊙ f (plus, with step masks, the pass-through of masked steps)
            INDArray forget = b.gate[FORGET_GATE].at(t);
            INDArray dhPrev = g.dhPrev.at(t);
            if (m == null) {
                mul(dc, forget, dcNext);
            } else {
                INDArray notM = m.rsub(1.0);
                INDArray carriedC = last ? null : dcNext.mulRowVector(notM);
                mul(dc, forget, dcNext);
                if (!last) {
                    dcNext.addi(carriedC);
                    dhPrev.addi(dhNext.mulRowVector(notM));
                }
            }
            dhNext = dhPrev;
        }
    }

    /** The step loop of {@link #backprop} in single precision on the CPU: the same steps, elementwise work in Java. */
    private static void backwardOnHost(LstmBuffers b, long steps, long end, boolean stepMasks) {
        LstmBuffers.Host s = b.host;
        LstmBuffers.Backward g = b.backward;
        int n = s.n;
        int rows = (int) b.nOut;
        int batch = (int) b.batch;
        for (long t = steps - 1; t >= end; t--) {
            boolean last = t == steps - 1;
            float[] mask = null;
            if (stepMasks) {
                s.readMask(t);
                mask = s.mask;
            }
            s.epsFloats.get(s.stateOffset(t), s.eps, 0, n);
            s.cellFactorFloats.get(s.stateOffset(t), s.cellFactor, 0, n);
            for (int k = 0; k < 4; k++) {
                s.factorFloats.get(s.gateOffset(t, k), s.factor[k], 0, n);
            }
            LstmKernels.gateGradients(rows, batch, last, mask, s.eps, s.dhNext, s.dcNext, s.cellFactor,
                    s.factor[OUTPUT_GATE], s.factor[INPUT_GATE], s.factor[FORGET_GATE], s.factor[CANDIDATE], s.dh,
                    s.dc, s.dz[OUTPUT_GATE], s.dz[INPUT_GATE], s.dz[FORGET_GATE], s.dz[CANDIDATE]);
            for (int k = 0; k < 4; k++) {
                s.dzFloats.put(k * n, s.dz[k], 0, n);
            }
            // gradients of [x_t; h_{t-1}; 1] and of the stacked weights
            Nd4j.gemm(b.stacked, g.dz, g.dxhStep.at(t), true, false, 1.0, 0.0);
            Nd4j.gemm(g.dz, b.xhStep.at(t), g.dStacked, false, true, 1.0, last ? 0.0 : 1.0);
            if (t == end) {
                break;
            }
            s.gateFloats.get(s.gateOffset(t, FORGET_GATE), s.forget, 0, n);
            s.dxhFloats.get(s.hiddenOffset(t), s.dhPrev, 0, n);
            LstmKernels.carry(rows, batch, last, mask, s.dc, s.forget, s.dhPrev, s.dcNext, s.dhNext);
        }
        // the host float buffers do not keep the arrays alive (FloatKernels.floats): the buffers object does
        Reference.reachabilityFence(b);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray[] initialState, int tbpttBackLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        Forward f = trainingForward;
        trainingForward = null;
        if (f == null || f.start() != initialState || f.input() != input || f.mask() != maskArray
                || f.pass() != passes) {
            f = forward(initialState, true, true, workspaceMgr);
        }
        LstmBuffers b = f.buffers();
        LstmBuffers.Backward g = b.backward;
        long batch = b.batch;
        long steps = f.steps();
        long nIn = b.nIn;
        long nOut = b.nOut;

        // [batch, nOut, T] -> [T, nOut, batch] blocks; padded steps get no gradient
        INDArray eps = g.eps.get(interval(0, steps), all(), all());
        eps.assign(permuteIfNWC(epsilon.castTo(dataType)).permute(2, 1, 0));
        if (f.mask() != null) {
            Nd4j.exec(new BroadcastMulOp(eps, b.maskTime.get(interval(0, steps), all()), eps, 0, 2));
        }
        long end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        if (end > 0) {
            g.dxh.get(interval(0, end), all(), all()).assign(0);
        }
        if (b.host != null) {
            backwardOnHost(b, steps, end, f.stepMasks());
        } else {
            backwardWithOps(b, steps, end, f.stepMasks());
        }

        INDArray wGrad = gradientViews.get(WEIGHT_KEY);
        INDArray uGrad = gradientViews.get(RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(BIAS_KEY);
        wGrad.transpose().assign(g.dStacked.get(all(), interval(0, nIn)));
        uGrad.transpose().assign(g.dStacked.get(all(), interval(nIn, nIn + nOut)));
        bGrad.assign(g.dStacked.get(all(), point(nIn + nOut)).reshape(bGrad.shape()));

        // [batch, nIn, T] in 'f' order is [T, nIn, batch] in 'c' order: the x rows of the gradient blocks
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{batch, nIn, steps}, 'f');
        epsOut.permute(2, 1, 0).assign(b.rowsOfBlocks(g.dxh, steps, b.k, 0, nIn));

        weightNoiseParams.clear();
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(RECURRENT_WEIGHT_KEY, uGrad);
        gradient.gradientForVariable().put(BIAS_KEY, bGrad);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }
}
