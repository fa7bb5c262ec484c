package io.seqpipe.model.lstm;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import io.seqpipe.model.rnn.MaskedRecurrentLayer;
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
 *   <li>per-step views are made directly from the buffers (a few microseconds each, against ten or more for
 *       index-based views);</li>
 *   <li>backpropagation reuses the forward pass of the same training iteration ({@code activate(true)} on the same
 *       input), held in the activations workspace that DL4J keeps open until backpropagation ends; without one (or if
 *       that workspace has moved on) it recomputes it.</li>
 * </ul>
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

    /** The state the last {@link #rnnActivateUsingStoredState} started from: truncated BPTT starts there too. */
    private transient INDArray[] tbpttStartState;
    /** The last training forward pass, for the backpropagation of the same iteration. */
    private transient Forward trainingForward;

    public LstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        // a training pass is kept (in the activations workspace, alive until backpropagation) for backpropagation
        Forward f = forward(null, training, training ? ArrayType.ACTIVATIONS : ArrayType.FF_WORKING_MEM, training,
                workspaceMgr);
        trainingForward = training ? f : null;
        return output(f, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray h = stateMap.get(STATE_KEY_PREV_ACTIVATION);
        Forward f = forward(h == null ? null : new INDArray[]{h, stateMap.get(STATE_KEY_PREV_MEMCELL)}, false,
                ArrayType.FF_WORKING_MEM, false, workspaceMgr);
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
        Forward f = forward(tbpttStartState, training, ArrayType.FF_WORKING_MEM, false, workspaceMgr);
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
        return backprop(epsilon, null, -1, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backprop(epsilon, tbpttStartState, tbpttBackLength, workspaceMgr);
    }

    /** A {@code [rows, cols]} block of {@code base}'s buffer at element {@code offset} (contiguous, 'c' order). */
    private static INDArray block(INDArray base, long offset, long rows, long cols) {
        return Nd4j.create(base.data(), new long[]{rows, cols}, new long[]{cols, 1}, base.offset() + offset, 'c');
    }

    /** A 3-d view of {@code base}'s buffer. */
    private static INDArray view3(INDArray base, long offset, long[] shape, long[] stride) {
        return Nd4j.create(base.data(), shape, stride, base.offset() + offset, 'c');
    }

    private static void mul(INDArray a, INDArray b, INDArray out) {
        Nd4j.exec(new MulOp(a, b, out));
    }

    /**
     * Everything the forward pass computed. Block {@code t} of a {@code [T, rows, batch]} array belongs to step
     * {@code t}.
     *
     * @param input      the layer input the pass was computed from (identity, to match it to backpropagation)
     * @param mask       the raw mask it was computed with (identity), or null
     * @param stacked    the stacked weights {@code [W^T U^T b^T]}, {@code [4·nOut, K]}, as used (weight noise included)
     * @param xh         per step {@code [x_t; h_{t-1}; 1]}, {@code [T + 1, K, batch]}; block {@code T} holds only
     *                   {@code h_{T-1}}; the {@code h} rows of blocks 1..T are the carried outputs
     * @param cells      cells, {@code [T + 1, nOut, batch]}: block 0 the initial cell, block t + 1 after step t
     * @param outputs    the outputs {@code [T, nOut, batch]} when masks were applied step by step, else null (they are
     *                   then the {@code h} rows of {@code xh}, masked afterwards)
     * @param maskTime   the mask, time-major {@code [T, batch]}, in the layer's data type, or null
     * @param stepMasks  whether masks were applied step by step (masks that are not all prefixes)
     * @param prefixLengths per-row real-step counts when the masks are prefixes (the state then runs on through the
     *                      padding, so the final state is read per row), else null
     * @param gradFactors per step and gate {@code [T, 4·nOut, batch]}: the pre-activation gradient of {@code o} is
     *                    {@code dh} times its block, those of {@code i, f, g} are {@code dc} times theirs; null unless
     *                    kept for backpropagation
     * @param cellFactor {@code o ⊙ tanh'(c)}, {@code [T, nOut, batch]}: {@code dc} receives {@code dh} times it
     * @param generation the generation of the workspace holding the arrays, -1 if they are not in one
     */
    private record Forward(INDArray input, INDArray mask, long batch, long steps, long nIn, long nOut,
                           INDArray stacked, INDArray xh, INDArray gates, INDArray cells, INDArray outputs,
                           INDArray maskTime, boolean stepMasks, long[] prefixLengths, INDArray gradFactors,
                           INDArray cellFactor, long generation) {

        long stackedRows() {
            return nIn + nOut + 1;
        }

        /** {@code h_{t-1}}: the {@code h} rows of block {@code t} of {@code xh}, {@code [nOut, batch]}. */
        INDArray hidden(long t) {
            return block(xh, t * stackedRows() * batch + nIn * batch, nOut, batch);
        }

        /** The state ({@code h} or {@code c}) after each row's last real step, {@code [batch, nOut]}, detached. */
        INDArray finalState(boolean output) {
            INDArray state = Nd4j.createUninitialized(xh.dataType(), batch, nOut);
            for (int i = 0; i < batch; i++) {
                long t = prefixLengths == null ? steps : prefixLengths[i];
                INDArray block = output ? hidden(t) : block(cells, t * nOut * batch, nOut, batch);
                if (prefixLengths == null) {
                    return state.assign(block.transpose());
                }
                state.getRow(i).assign(block.get(all(), point(i)));
            }
            return state;
        }

        /** Whether the arrays are still valid: not in a workspace, or in the same generation of it. */
        boolean valid() {
            MemoryWorkspace ws = gates.isAttached() ? gates.data().getParentWorkspace() : null;
            return ws == null ? generation == -1 : ws.isScopeActive() && ws.getGenerationId() == generation;
        }
    }

    private Forward forward(INDArray[] initialState, boolean training, ArrayType work, boolean forBackprop,
                            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray in = permuteIfNWC(input.castTo(dataType));
        Preconditions.checkState(in.rank() == 3, "Lstm: 3d input [batch, nIn, T] expected, got shape %ndShape", in);
        long batch = in.size(0);
        long nIn = in.size(1);
        long steps = in.size(2);
        long nOut = layerConf().getNOut();
        long k = nIn + nOut + 1;
        Preconditions.checkState(nIn == layerConf().getNIn(), "Lstm: input has %s features, the layer nIn = %s", nIn,
                layerConf().getNIn());
        Preconditions.checkState(initialState == null || initialState[0].size(0) == batch,
                "Lstm: stored state has minibatch %s, input has %s (call rnnClearPreviousState between batches)",
                initialState == null ? 0 : initialState[0].size(0), batch);
        INDArray maskTime = null;
        long[] prefixLengths = null;
        if (maskArray != null) {
            Preconditions.checkState(maskArray.rank() == 2 && maskArray.size(0) == batch
                    && maskArray.size(1) == steps, "Lstm: mask must be [batch, T] = [%s, %s], got %ndShape", batch,
                    steps, maskArray);
            maskTime = workspaceMgr.dup(work, maskArray.castTo(dataType).transpose(), 'c');
            prefixLengths = prefixLengths(maskArray);
        }
        boolean stepMasks = maskTime != null && prefixLengths == null;

        INDArray w = getParamWithNoise(WEIGHT_KEY, training, workspaceMgr);
        INDArray u = getParamWithNoise(RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(BIAS_KEY, training, workspaceMgr);
        INDArray stacked = workspaceMgr.createUninitialized(work, dataType, new long[]{4 * nOut, k}, 'c');
        stacked.get(all(), interval(0, nIn)).assign(w.transpose());
        stacked.get(all(), interval(nIn, nIn + nOut)).assign(u.transpose());
        stacked.get(all(), point(nIn + nOut)).assign(b.reshape(4 * nOut));

        INDArray xh = workspaceMgr.createUninitialized(work, dataType, new long[]{steps + 1, k, batch}, 'c');
        view3(xh, 0, new long[]{steps, nIn, batch}, new long[]{k * batch, batch, 1}).assign(in.permute(2, 1, 0));
        xh.get(all(), point(nIn + nOut), all()).assign(1.0);
        INDArray cells = workspaceMgr.createUninitialized(work, dataType, new long[]{steps + 1, nOut, batch}, 'c');
        INDArray gates = workspaceMgr.createUninitialized(work, dataType, new long[]{steps, 4 * nOut, batch}, 'c');
        INDArray tanhCells = workspaceMgr.createUninitialized(work, dataType, new long[]{steps, nOut, batch}, 'c');
        INDArray outputs = stepMasks
                ? workspaceMgr.createUninitialized(work, dataType, new long[]{steps, nOut, batch}, 'c') : null;
        INDArray gradFactors = forBackprop
                ? workspaceMgr.createUninitialized(work, dataType, new long[]{steps, 4 * nOut, batch}, 'c') : null;
        INDArray cellFactor = forBackprop
                ? workspaceMgr.createUninitialized(work, dataType, new long[]{steps, nOut, batch}, 'c') : null;
        INDArray product = workspaceMgr.createUninitialized(work, dataType, new long[]{nOut, batch}, 'c');
        MemoryWorkspace ws = gates.isAttached() ? gates.data().getParentWorkspace() : null;
        Forward f = new Forward(input, maskArray, batch, steps, nIn, nOut, stacked, xh, gates, cells, outputs,
                maskTime, stepMasks, prefixLengths, gradFactors, cellFactor, ws == null ? -1 : ws.getGenerationId());

        INDArray hPrev = f.hidden(0);
        INDArray cPrev = block(cells, 0, nOut, batch);
        if (initialState == null) {
            hPrev.assign(0);
            cPrev.assign(0);
        } else {
            hPrev.assign(initialState[0].transpose());
            cPrev.assign(initialState[1].transpose());
        }
        long gateBlock = 4 * nOut * batch;
        long stateBlock = nOut * batch;
        for (long t = 0; t < steps; t++) {
            long g0 = t * gateBlock;
            INDArray z = block(gates, g0, 4 * nOut, batch);
            Nd4j.gemm(stacked, block(xh, t * k * batch, k, batch), z, false, false, 1.0, 0.0);
            INDArray sigmoids = block(gates, g0, 3 * nOut, batch);
            Nd4j.exec(new Sigmoid(sigmoids));
            INDArray o = block(gates, g0 + OUTPUT_GATE * stateBlock, nOut, batch);
            INDArray i = block(gates, g0 + INPUT_GATE * stateBlock, nOut, batch);
            INDArray fg = block(gates, g0 + FORGET_GATE * stateBlock, nOut, batch);
            INDArray g = block(gates, g0 + CANDIDATE * stateBlock, nOut, batch);
            Nd4j.exec(new Tanh(g));
            INDArray c = block(cells, (t + 1) * stateBlock, nOut, batch);
            INDArray tc = block(tanhCells, t * stateBlock, nOut, batch);
            INDArray h = f.hidden(t + 1);
            // c = f ⊙ c_prev + i ⊙ g;  h = o ⊙ tanh(c)
            mul(fg, cPrev, c);
            mul(i, g, product);
            c.addi(product);
            Nd4j.exec(new Tanh(c, tc));
            mul(o, tc, h);
            if (stepMasks) {
                // the output is masked; the carried state passes through masked steps: s = s_prev + m (s - s_prev)
                INDArray m = block(maskTime, t * batch, 1, batch);
                mul(h, m, block(outputs, t * stateBlock, nOut, batch));
                h.subi(hPrev).muliRowVector(m).addi(hPrev);
                c.subi(cPrev).muliRowVector(m).addi(cPrev);
            }
            if (forBackprop) {
                stepFactors(f, t, sigmoids, o, i, g, cPrev, tc);
            }
            hPrev = h;
            cPrev = c;
        }
        return f;
    }

    /**
     * The backward-pass factors of step {@code t}: with {@code s' = s (1 - s)} for the sigmoid gates,
     * <pre>
     * dz_o = dh ⊙ tanh(c) ⊙ o'      dc = dh ⊙ o ⊙ (1 - tanh²(c)) + dc_next
     * dz_i = dc ⊙ g ⊙ i'            dz_f = dc ⊙ c_prev ⊙ f'         dz_g = dc ⊙ i ⊙ (1 - g²)
     * </pre>
     */
    private static void stepFactors(Forward f, long t, INDArray sigmoids, INDArray o, INDArray i, INDArray g,
                                    INDArray cPrev, INDArray tanhCell) {
        long nOut = f.nOut();
        long batch = f.batch();
        long stateBlock = nOut * batch;
        long g0 = t * 4 * stateBlock;
        INDArray sigmoidGrads = block(f.gradFactors(), g0, 3 * nOut, batch);
        mul(sigmoids, sigmoids, sigmoidGrads);
        sigmoidGrads.rsubi(sigmoids);
        block(f.gradFactors(), g0 + OUTPUT_GATE * stateBlock, nOut, batch).muli(tanhCell);
        block(f.gradFactors(), g0 + INPUT_GATE * stateBlock, nOut, batch).muli(g);
        block(f.gradFactors(), g0 + FORGET_GATE * stateBlock, nOut, batch).muli(cPrev);
        INDArray candidate = block(f.gradFactors(), g0 + CANDIDATE * stateBlock, nOut, batch);
        mul(g, g, candidate);
        candidate.rsubi(1.0).muli(i);
        INDArray cell = block(f.cellFactor(), t * stateBlock, nOut, batch);
        mul(tanhCell, tanhCell, cell);
        cell.rsubi(1.0).muli(o);
    }

    /** The forward pass's outputs as the layer's activations, {@code [batch, nOut, T]}. */
    private INDArray output(Forward f, LayerWorkspaceMgr workspaceMgr) {
        long batch = f.batch();
        long nOut = f.nOut();
        long steps = f.steps();
        // [batch, nOut, T] in 'f' order is [T, nOut, batch] in 'c' order: the layout of the step blocks
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{batch, nOut, steps}, 'f');
        INDArray source = f.stepMasks() ? f.outputs()
                : view3(f.xh(), f.stackedRows() * batch + f.nIn() * batch, new long[]{steps, nOut, batch},
                new long[]{f.stackedRows() * batch, batch, 1});
        out.permute(2, 1, 0).assign(source);
        if (f.maskTime() != null && !f.stepMasks()) {
            Nd4j.exec(new BroadcastMulOp(out, f.mask().castTo(dataType), out, 0, 2));
        }
        return permuteIfNWC(out);
    }

    private Pair<Gradient, INDArray> backprop(INDArray epsilon, INDArray[] initialState, int tbpttBackLength,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        Forward f = trainingForward;
        trainingForward = null;
        if (f == null || initialState != null || f.input() != input || f.mask() != maskArray
                || f.gradFactors() == null || !f.valid()) {
            f = forward(initialState, true, ArrayType.BP_WORKING_MEM, true, workspaceMgr);
        }
        long batch = f.batch();
        long steps = f.steps();
        long nIn = f.nIn();
        long nOut = f.nOut();
        long k = f.stackedRows();
        long stateBlock = nOut * batch;
        long gateBlock = 4 * stateBlock;
        ArrayType work = ArrayType.BP_WORKING_MEM;

        // [batch, nOut, T] -> [T, nOut, batch] blocks; padded steps get no gradient
        INDArray eps = workspaceMgr.dup(work, permuteIfNWC(epsilon.castTo(dataType)).permute(2, 1, 0), 'c');
        if (f.maskTime() != null) {
            Nd4j.exec(new BroadcastMulOp(eps, f.maskTime(), eps, 0, 2));
        }
        long end = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;
        // per step the gradient w.r.t. [x_t; h_{t-1}; 1]
        INDArray dxh = end > 0 ? workspaceMgr.create(work, dataType, new long[]{steps, k, batch}, 'c')
                : workspaceMgr.createUninitialized(work, dataType, new long[]{steps, k, batch}, 'c');
        INDArray dStacked = workspaceMgr.createUninitialized(work, dataType, new long[]{4 * nOut, k}, 'c');
        INDArray dz = workspaceMgr.createUninitialized(work, dataType, new long[]{4 * nOut, batch}, 'c');
        INDArray dzOutput = block(dz, OUTPUT_GATE * stateBlock, nOut, batch);
        INDArray dzCellDriven = view3(dz, INPUT_GATE * stateBlock, new long[]{3, nOut, batch},
                new long[]{stateBlock, batch, 1});
        INDArray dh = workspaceMgr.createUninitialized(work, dataType, new long[]{nOut, batch}, 'c');
        INDArray dc = workspaceMgr.createUninitialized(work, dataType, new long[]{nOut, batch}, 'c');
        // dL/dc_t from the steps after t, and dL/dh_t (the h rows of the next step's dxh block)
        INDArray dcNext = workspaceMgr.createUninitialized(work, dataType, new long[]{nOut, batch}, 'c');
        INDArray dhNext = null;
        for (long t = steps - 1; t >= end; t--) {
            boolean last = t == steps - 1;
            long g0 = t * gateBlock;
            INDArray epsT = block(eps, t * stateBlock, nOut, batch);
            INDArray m = f.stepMasks() ? block(f.maskTime(), t * batch, 1, batch) : null;
            // dh: the output's gradient plus the carried output's (with step masks: only at real steps)
            if (last) {
                dh.assign(epsT);
            } else if (m == null) {
                Nd4j.exec(new AddOp(epsT, dhNext, dh));
            } else {
                mul(dhNext, m, dh);
                dh.addi(epsT);
            }
            mul(dh, block(f.cellFactor(), t * stateBlock, nOut, batch), dc);
            if (!last) {
                if (m == null) {
                    dc.addi(dcNext);
                } else {
                    dc.addi(dcNext.mulRowVector(m));
                }
            }
            mul(dh, block(f.gradFactors(), g0 + OUTPUT_GATE * stateBlock, nOut, batch), dzOutput);
            Nd4j.exec(new BroadcastMulOp(view3(f.gradFactors(), g0 + INPUT_GATE * stateBlock,
                    new long[]{3, nOut, batch}, new long[]{stateBlock, batch, 1}), dc, dzCellDriven, 1, 2));
            // gradients of [x_t; h_{t-1}; 1] and of the stacked weights
            INDArray dxhT = block(dxh, t * k * batch, k, batch);
            Nd4j.gemm(f.stacked(), dz, dxhT, true, false, 1.0, 0.0);
            Nd4j.gemm(dz, block(f.xh(), t * k * batch, k, batch), dStacked, false, true, 1.0, last ? 0.0 : 1.0);
            if (t == end) {
                break;
            }
            // to step t - 1: dc_prev = dc ⊙ f (plus, with step masks, the pass-through of masked steps)
            INDArray forget = block(f.gates(), g0 + FORGET_GATE * stateBlock, nOut, batch);
            INDArray dhPrev = block(dxh, t * k * batch + nIn * batch, nOut, batch);
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

        INDArray wGrad = gradientViews.get(WEIGHT_KEY);
        INDArray uGrad = gradientViews.get(RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(BIAS_KEY);
        wGrad.transpose().assign(dStacked.get(all(), interval(0, nIn)));
        uGrad.transpose().assign(dStacked.get(all(), interval(nIn, nIn + nOut)));
        bGrad.assign(dStacked.get(all(), point(nIn + nOut)).reshape(bGrad.shape()));

        // [batch, nIn, T] in 'f' order is [T, nIn, batch] in 'c' order: the x rows of the dxh blocks
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{batch, nIn, steps}, 'f');
        epsOut.permute(2, 1, 0).assign(view3(dxh, 0, new long[]{steps, nIn, batch}, new long[]{k * batch, batch, 1}));

        weightNoiseParams.clear();
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(RECURRENT_WEIGHT_KEY, uGrad);
        gradient.gradientForVariable().put(BIAS_KEY, bGrad);
        epsOut = backpropDropOutIfPresent(epsOut);
        return new Pair<>(gradient, permuteIfNWC(epsOut));
    }
}
