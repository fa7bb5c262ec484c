package io.seqpipe.model.lstm;

import io.seqpipe.model.rnn.FloatKernels;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;

import static io.seqpipe.model.lstm.LstmParamInitializer.INPUT_GATE;
import static io.seqpipe.model.rnn.FloatKernels.floats;
import static io.seqpipe.model.lstm.LstmParamInitializer.OUTPUT_GATE;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The working arrays of an {@link LstmLayer} pass for one minibatch size and up to {@link #capacity} steps, with
 * their per-step views ({@link Blocks}: made on first use and kept). Block {@code t} of a {@code [steps, rows, batch]}
 * array belongs to step {@code t}; every block is contiguous ({@code 'c'} order).
 *
 * <p>Training keeps one set per minibatch size in the layer, outside DL4J's workspaces, and reuses it (and its views)
 * for every minibatch of that size and at most that many steps: a training step then creates no ND4J arrays or views
 * at all besides the operations' own, which on a small LSTM is a sizeable share of the time. Inference allocates a set
 * per call in the layer's working-memory workspace (the views then live for one call), without the
 * {@link Backward} part.
 */
final class LstmBuffers {
    final long batch;
    final long nIn;
    final long nOut;
    /** Rows of a stacked input block {@code [x_t; h_{t-1}; 1]}. */
    final long k;
    final int capacity;

    /** {@code [W^T U^T b^T]}, {@code [4·nOut, k]}. */
    final INDArray stacked;
    /** Per step {@code [x_t; h_{t-1}; 1]}, {@code [capacity + 1, k, batch]} (block {@code T} holds only h). */
    final INDArray xh;
    /** Outputs when masks are applied step by step, {@code [capacity, nOut, batch]}. */
    final INDArray outputs;
    /** The mask, time-major, {@code [capacity, batch]}. */
    final INDArray maskTime;
    /** Scratch {@code [nOut, batch]}. */
    final INDArray product;

    /** Stacked input blocks {@code [x_t; h_{t-1}; 1]}, {@code [k, batch]}. */
    final Blocks xhStep;
    /** {@code h_{t-1}}: the h rows of stacked block {@code t}. */
    final Blocks hidden;
    /** All four gate activations {@code o, i, f, g} of a step, {@code [4·nOut, batch]}. */
    final Blocks gateStep;
    /** The three sigmoid gates {@code o, i, f} of a step. */
    final Blocks sigmoids;
    /** One gate of a step, by {@link LstmParamInitializer} gate index. */
    final Blocks[] gate = new Blocks[4];
    /** Cell block {@code t}: block 0 the initial cell, block {@code t + 1} the cell after step {@code t}. */
    final Blocks cell;
    /** {@code tanh(c)} of each step's new cell. */
    final Blocks tanhCell;
    final Blocks output;
    /** A step's mask row, {@code [1, batch]}. */
    final Blocks maskRow;
    /** Training's arrays for backpropagation; null for inference. */
    final Backward backward;
    /** Java-side access for single precision on the CPU backend ({@link LstmKernels}); null otherwise. */
    final Host host;
    /** The arrays' gate blocks, cell blocks and stacked blocks. */
    private final INDArray gates;
    private final INDArray cells;

    /** The arrays and views of backpropagation. */
    static final class Backward {
        /** Per step the four gates' backward factors, {@code [capacity, 4·nOut, batch]}. */
        final INDArray gradFactors;
        /** Per step {@code o ⊙ tanh'(c)}, {@code [capacity, nOut, batch]}. */
        final INDArray cellFactors;
        /** The incoming gradient, {@code [capacity, nOut, batch]}. */
        final INDArray eps;
        /** Per step the gradient w.r.t. {@code [x_t; h_{t-1}; 1]}, {@code [capacity, k, batch]}. */
        final INDArray dxh;
        /** The gradient of the stacked weights, {@code [4·nOut, k]}. */
        final INDArray dStacked;
        /** A step's pre-activation gradients, {@code [4·nOut, batch]}, and views of its {@code o} rows and of its
         *  three cell-driven gates {@code i, f, g} ({@code [3, nOut, batch]}). */
        final INDArray dz;
        final INDArray dzOutput;
        final INDArray dzCellDriven;
        /** Scratch {@code [nOut, batch]}: dh and dc of a step, and dc carried to the step before. */
        final INDArray dh;
        final INDArray dc;
        final INDArray dcNext;

        /** The backward factors of the sigmoid gates' blocks, {@code s (1 - s)}, then times their partner. */
        final Blocks sigmoidGrads;
        /** One gate's backward factor (see {@link LstmLayer}), by gate index. */
        final Blocks[] factor = new Blocks[4];
        /** The factors of the three cell-driven gates {@code i, f, g} of a step, {@code [3, nOut, batch]}. */
        final Blocks cellDrivenFactors;
        /** {@code o ⊙ tanh'(c)} of a step. */
        final Blocks cellFactor;
        final Blocks epsStep;
        final Blocks dxhStep;
        /** The gradient w.r.t. {@code h_{t-1}}: the h rows of gradient block {@code t}. */
        final Blocks dhPrev;

        private Backward(Allocator alloc, DataType type, long batch, long nIn, long nOut, long k, int capacity) {
            long state = nOut * batch;
            gradFactors = alloc.create(type, capacity, 4 * nOut, batch);
            cellFactors = alloc.create(type, capacity, nOut, batch);
            eps = alloc.create(type, capacity, nOut, batch);
            dxh = alloc.create(type, capacity, k, batch);
            dStacked = alloc.create(type, 4 * nOut, k);
            dz = alloc.create(type, 4 * nOut, batch);
            dh = alloc.create(type, nOut, batch);
            dc = alloc.create(type, nOut, batch);
            dcNext = alloc.create(type, nOut, batch);
            dzOutput = LstmLayer.block(dz, OUTPUT_GATE * state, nOut, batch);
            dzCellDriven = LstmLayer.view3(dz, INPUT_GATE * state, new long[]{3, nOut, batch},
                    new long[]{state, batch, 1});
            sigmoidGrads = new Blocks(gradFactors, capacity, 4 * state, 0, 3 * nOut, batch);
            for (int g = 0; g < 4; g++) {
                factor[g] = new Blocks(gradFactors, capacity, 4 * state, g * state, nOut, batch);
            }
            cellDrivenFactors = new Blocks(gradFactors, capacity, 4 * state, INPUT_GATE * state, 3, nOut, batch);
            cellFactor = new Blocks(cellFactors, capacity, state, 0, nOut, batch);
            epsStep = new Blocks(eps, capacity, state, 0, nOut, batch);
            dxhStep = new Blocks(dxh, capacity, k * batch, 0, k, batch);
            dhPrev = new Blocks(dxh, capacity, k * batch, nIn * batch, nOut, batch);
        }
    }

    private LstmBuffers(Allocator alloc, DataType type, long batch, long nIn, long nOut, int capacity,
                        boolean forBackprop) {
        this.batch = batch;
        this.nIn = nIn;
        this.nOut = nOut;
        this.k = nIn + nOut + 1;
        this.capacity = capacity;
        long state = nOut * batch;
        stacked = alloc.create(type, 4 * nOut, k);
        xh = alloc.create(type, capacity + 1, k, batch);
        gates = alloc.create(type, capacity, 4 * nOut, batch);
        cells = alloc.create(type, capacity + 1, nOut, batch);
        INDArray tanhCells = alloc.create(type, capacity, nOut, batch);
        outputs = alloc.create(type, capacity, nOut, batch);
        maskTime = alloc.create(type, capacity, batch);
        product = alloc.create(type, nOut, batch);
        // the bias row of every stacked block
        xh.get(all(), point(nIn + nOut), all()).assign(1.0);

        xhStep = new Blocks(xh, capacity + 1, k * batch, 0, k, batch);
        hidden = new Blocks(xh, capacity + 1, k * batch, nIn * batch, nOut, batch);
        gateStep = new Blocks(gates, capacity, 4 * state, 0, 4 * nOut, batch);
        sigmoids = new Blocks(gates, capacity, 4 * state, 0, 3 * nOut, batch);
        for (int g = 0; g < 4; g++) {
            gate[g] = new Blocks(gates, capacity, 4 * state, g * state, nOut, batch);
        }
        cell = new Blocks(cells, capacity + 1, state, 0, nOut, batch);
        tanhCell = new Blocks(tanhCells, capacity, state, 0, nOut, batch);
        output = new Blocks(outputs, capacity, state, 0, nOut, batch);
        maskRow = new Blocks(maskTime, capacity, batch, 0, 1, batch);
        backward = forBackprop ? new Backward(alloc, type, batch, nIn, nOut, k, capacity) : null;
        host = FloatKernels.applies(type) ? new Host() : null;
    }

    /**
     * Single precision on the CPU: the native arrays seen as float buffers (for bulk copies to and from Java arrays),
     * and one step's Java arrays for {@link LstmKernels}. Every {@code [nOut, batch]} block is {@code n} elements.
     */
    final class Host {
        final int n = (int) (nOut * batch);
        final FloatBuffer xhFloats = floats(xh);
        final FloatBuffer gateFloats = floats(gates);
        final FloatBuffer cellFloats = floats(cells);
        final FloatBuffer outputFloats = floats(outputs);
        final FloatBuffer maskFloats = floats(maskTime);
        final FloatBuffer factorFloats = backward == null ? null : floats(backward.gradFactors);
        final FloatBuffer cellFactorFloats = backward == null ? null : floats(backward.cellFactors);
        final FloatBuffer epsFloats = backward == null ? null : floats(backward.eps);
        final FloatBuffer dxhFloats = backward == null ? null : floats(backward.dxh);
        final FloatBuffer dzFloats = backward == null ? null : floats(backward.dz);
        /** Gate blocks by {@link LstmParamInitializer} gate index; the backward factors likewise. */
        final float[][] gate = blocks(4);
        final float[][] factor = blocks(4);
        final float[][] dz = blocks(4);
        final float[] cellPrev = new float[n];
        final float[] cell = new float[n];
        final float[] tanhCell = new float[n];
        final float[] hiddenPrev = new float[n];
        final float[] hidden = new float[n];
        final float[] output = new float[n];
        final float[] cellFactor = new float[n];
        final float[] mask = new float[(int) batch];
        final float[] eps = new float[n];
        final float[] dh = new float[n];
        final float[] dc = new float[n];
        final float[] dhNext = new float[n];
        final float[] dcNext = new float[n];
        final float[] dhPrev = new float[n];
        final float[] forget = new float[n];

        private float[][] blocks(int count) {
            float[][] out = new float[count][];
            for (int i = 0; i < count; i++) {
                out[i] = new float[n];
            }
            return out;
        }

        /** Element offset of step {@code t}'s gate {@code g} rows in the gate (and factor) blocks. */
        int gateOffset(long t, int g) {
            return (int) ((4 * t + g) * n);
        }

        /** Element offset of step block {@code t}'s {@code h} rows in the stacked input (and its gradient) blocks. */
        int hiddenOffset(long t) {
            return (int) (t * k * batch + nIn * batch);
        }

        /** Element offset of block {@code t} of a {@code [*, nOut, batch]} array. */
        int stateOffset(long t) {
            return (int) (t * n);
        }

        void readMask(long t) {
            maskFloats.get((int) (t * batch), mask, 0, (int) batch);
        }
    }

    /** A set outside every workspace, kept by the layer for training. */
    static LstmBuffers detached(DataType type, long batch, long nIn, long nOut, int capacity) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return new LstmBuffers(Nd4j::createUninitialized, type, batch, nIn, nOut, capacity, true);
        }
    }

    /** A set for one inference call, in DL4J's working-memory workspace. */
    static LstmBuffers forOneCall(LayerWorkspaceMgr workspaceMgr, DataType type, long batch, long nIn, long nOut,
                                  int steps) {
        return new LstmBuffers((t, shape) -> workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, t, shape, 'c'),
                type, batch, nIn, nOut, steps, false);
    }

    /** Whether this set serves a pass of these sizes, with the kernel path {@link FloatKernels#applies} picks now. */
    boolean fits(long batch, long nIn, long nOut, long steps) {
        return this.batch == batch && this.nIn == nIn && this.nOut == nOut && steps <= capacity
                && (host != null) == FloatKernels.applies(stacked.dataType());
    }

    /** The first {@code steps} blocks' rows {@code [from, from + rows)} of a {@code [*, rowsPerBlock, batch]} array. */
    INDArray rowsOfBlocks(INDArray array, long steps, long rowsPerBlock, long from, long rows) {
        return LstmLayer.view3(array, from * batch, new long[]{steps, rows, batch},
                new long[]{rowsPerBlock * batch, batch, 1});
    }

    @FunctionalInterface
    private interface Allocator {
        INDArray create(DataType type, long... shape);
    }

    /** Per-step views of one kind, made on first use and kept. */
    static final class Blocks {
        private final INDArray base;
        private final long blockSize;
        private final long offset;
        private final long[] shape;
        private final long[] stride;
        private final INDArray[] cache;

        /** {@code [rows, cols]} blocks, {@code blockSize} elements apart, starting {@code offset} into each. */
        Blocks(INDArray base, int count, long blockSize, long offset, long rows, long cols) {
            this(base, count, blockSize, offset, new long[]{rows, cols}, new long[]{cols, 1});
        }

        /** {@code [blocks, rows, cols]} blocks (consecutive {@code [rows, cols]} sub-blocks). */
        Blocks(INDArray base, int count, long blockSize, long offset, long blocks, long rows, long cols) {
            this(base, count, blockSize, offset, new long[]{blocks, rows, cols}, new long[]{rows * cols, cols, 1});
        }

        private Blocks(INDArray base, int count, long blockSize, long offset, long[] shape, long[] stride) {
            this.base = base;
            this.blockSize = blockSize;
            this.offset = offset;
            this.shape = shape;
            this.stride = stride;
            this.cache = new INDArray[count];
        }

        /** Step {@code t}'s view. */
        INDArray at(long t) {
            INDArray v = cache[(int) t];
            if (v == null) {
                v = LstmLayer.view3(base, t * blockSize + offset, shape, stride);
                cache[(int) t] = v;
            }
            return v;
        }
    }
}
