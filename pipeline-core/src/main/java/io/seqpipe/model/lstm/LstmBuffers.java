package io.seqpipe.model.lstm;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The working arrays of an {@link LstmLayer} pass for one minibatch size and up to {@link #capacity} steps, with
 * their per-step views made on first use and kept. Block {@code t} of a {@code [steps, rows, batch]} array belongs to
 * step {@code t}; every block is contiguous ({@code 'c'} order).
 *
 * <p>Training keeps one set per minibatch size in the layer, outside DL4J's workspaces, and reuses it (and its views)
 * for every minibatch of that size and at most that many steps: a training step then creates no ND4J arrays or views
 * at all besides the operations' own, which on a small LSTM is a sizeable share of the time. Inference allocates a set
 * per call in the layer's working-memory workspace (the views then live for one call).
 */
final class LstmBuffers {
    final long batch;
    final long nIn;
    final long nOut;
    /** Rows of a stacked input block {@code [x_t; h_{t-1}; 1]}. */
    final long k;
    final int capacity;
    final boolean forBackprop;

    /** {@code [W^T U^T b^T]}, {@code [4·nOut, k]}. */
    final INDArray stacked;
    /** Per step {@code [x_t; h_{t-1}; 1]}, {@code [capacity + 1, k, batch]} (block {@code T} holds only h). */
    final INDArray xh;
    /** Gate activations {@code o, i, f, g}, {@code [capacity, 4·nOut, batch]}. */
    final INDArray gates;
    /** Cells, {@code [capacity + 1, nOut, batch]}: block 0 the initial cell, block t + 1 after step t. */
    final INDArray cells;
    /** {@code tanh(c)} of each step's new cell, {@code [capacity, nOut, batch]}. */
    final INDArray tanhCells;
    /** Outputs when masks are applied step by step, {@code [capacity, nOut, batch]}. */
    final INDArray outputs;
    /** The mask, time-major, {@code [capacity, batch]}. */
    final INDArray maskTime;
    final INDArray product;
    /** Backward factors per step and gate (see {@link LstmLayer}), {@code [capacity, 4·nOut, batch]}; or null. */
    final INDArray gradFactors;
    /** {@code o ⊙ tanh'(c)} per step, {@code [capacity, nOut, batch]}; or null. */
    final INDArray cellFactor;
    /** The incoming gradient, {@code [capacity, nOut, batch]}; or null. */
    final INDArray eps;
    /** Per step the gradient w.r.t. {@code [x_t; h_{t-1}; 1]}, {@code [capacity, k, batch]}; or null. */
    final INDArray dxh;
    final INDArray dStacked;
    final INDArray dz;
    final INDArray dh;
    final INDArray dc;
    final INDArray dcNext;

    private final Blocks xhBlocks;
    private final Blocks hiddenBlocks;
    private final Blocks gateBlocks;
    private final Blocks sigmoidBlocks;
    private final Blocks[] gateBlock = new Blocks[4];
    private final Blocks cellBlocks;
    private final Blocks tanhCellBlocks;
    private final Blocks outputBlocks;
    private final Blocks maskRows;
    private final Blocks sigmoidGradBlocks;
    private final Blocks[] factorBlock = new Blocks[4];
    private final Blocks cellDrivenFactors;
    private final Blocks cellFactorBlocks;
    private final Blocks epsBlocks;
    private final Blocks dxhBlocks;
    private final Blocks dhPrevBlocks;
    final INDArray dzOutput;
    final INDArray dzCellDriven;

    private LstmBuffers(Allocator alloc, DataType type, long batch, long nIn, long nOut, int capacity,
                        boolean forBackprop) {
        this.batch = batch;
        this.nIn = nIn;
        this.nOut = nOut;
        this.k = nIn + nOut + 1;
        this.capacity = capacity;
        this.forBackprop = forBackprop;
        long state = nOut * batch;
        stacked = alloc.create(type, 4 * nOut, k);
        xh = alloc.create(type, capacity + 1, k, batch);
        gates = alloc.create(type, capacity, 4 * nOut, batch);
        cells = alloc.create(type, capacity + 1, nOut, batch);
        tanhCells = alloc.create(type, capacity, nOut, batch);
        outputs = alloc.create(type, capacity, nOut, batch);
        maskTime = alloc.create(type, capacity, batch);
        product = alloc.create(type, nOut, batch);
        // the bias row of every stacked block
        xh.get(all(), point(nIn + nOut), all()).assign(1.0);

        xhBlocks = new Blocks(xh, capacity + 1, k * batch, 0, k, batch);
        hiddenBlocks = new Blocks(xh, capacity + 1, k * batch, nIn * batch, nOut, batch);
        gateBlocks = new Blocks(gates, capacity, 4 * state, 0, 4 * nOut, batch);
        sigmoidBlocks = new Blocks(gates, capacity, 4 * state, 0, 3 * nOut, batch);
        for (int g = 0; g < 4; g++) {
            gateBlock[g] = new Blocks(gates, capacity, 4 * state, g * state, nOut, batch);
        }
        cellBlocks = new Blocks(cells, capacity + 1, state, 0, nOut, batch);
        tanhCellBlocks = new Blocks(tanhCells, capacity, state, 0, nOut, batch);
        outputBlocks = new Blocks(outputs, capacity, state, 0, nOut, batch);
        maskRows = new Blocks(maskTime, capacity, batch, 0, 1, batch);

        if (forBackprop) {
            gradFactors = alloc.create(type, capacity, 4 * nOut, batch);
            cellFactor = alloc.create(type, capacity, nOut, batch);
            eps = alloc.create(type, capacity, nOut, batch);
            dxh = alloc.create(type, capacity, k, batch);
            dStacked = alloc.create(type, 4 * nOut, k);
            dz = alloc.create(type, 4 * nOut, batch);
            dh = alloc.create(type, nOut, batch);
            dc = alloc.create(type, nOut, batch);
            dcNext = alloc.create(type, nOut, batch);
            sigmoidGradBlocks = new Blocks(gradFactors, capacity, 4 * state, 0, 3 * nOut, batch);
            for (int g = 0; g < 4; g++) {
                factorBlock[g] = new Blocks(gradFactors, capacity, 4 * state, g * state, nOut, batch);
            }
            cellDrivenFactors = new Blocks(gradFactors, capacity, 4 * state, LstmParamInitializer.INPUT_GATE * state,
                    3, nOut, batch);
            cellFactorBlocks = new Blocks(cellFactor, capacity, state, 0, nOut, batch);
            epsBlocks = new Blocks(eps, capacity, state, 0, nOut, batch);
            dxhBlocks = new Blocks(dxh, capacity, k * batch, 0, k, batch);
            dhPrevBlocks = new Blocks(dxh, capacity, k * batch, nIn * batch, nOut, batch);
            dzOutput = LstmLayer.block(dz, LstmParamInitializer.OUTPUT_GATE * state, nOut, batch);
            dzCellDriven = LstmLayer.view3(dz, LstmParamInitializer.INPUT_GATE * state, new long[]{3, nOut, batch},
                    new long[]{state, batch, 1});
        } else {
            gradFactors = null;
            cellFactor = null;
            eps = null;
            dxh = null;
            dStacked = null;
            dz = null;
            dh = null;
            dc = null;
            dcNext = null;
            sigmoidGradBlocks = null;
            cellDrivenFactors = null;
            cellFactorBlocks = null;
            epsBlocks = null;
            dxhBlocks = null;
            dhPrevBlocks = null;
            dzOutput = null;
            dzCellDriven = null;
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

    boolean fits(long batch, long nIn, long nOut, long steps) {
        return this.batch == batch && this.nIn == nIn && this.nOut == nOut && steps <= capacity;
    }

    INDArray xhBlock(long t) {
        return xhBlocks.at(t);
    }

    /** {@code h_{t-1}}: the h rows of stacked block {@code t}. */
    INDArray hidden(long t) {
        return hiddenBlocks.at(t);
    }

    INDArray gateBlock(long t) {
        return gateBlocks.at(t);
    }

    INDArray sigmoids(long t) {
        return sigmoidBlocks.at(t);
    }

    INDArray gate(int gate, long t) {
        return gateBlock[gate].at(t);
    }

    /** Cell block {@code t}: the cell after step {@code t - 1}. */
    INDArray cell(long t) {
        return cellBlocks.at(t);
    }

    INDArray tanhCell(long t) {
        return tanhCellBlocks.at(t);
    }

    INDArray output(long t) {
        return outputBlocks.at(t);
    }

    INDArray maskRow(long t) {
        return maskRows.at(t);
    }

    INDArray sigmoidGrads(long t) {
        return sigmoidGradBlocks.at(t);
    }

    INDArray factor(int gate, long t) {
        return factorBlock[gate].at(t);
    }

    /** The factors of the three cell-driven gates {@code i, f, g} of step {@code t}, {@code [3, nOut, batch]}. */
    INDArray cellDrivenFactors(long t) {
        return cellDrivenFactors.at(t);
    }

    INDArray cellFactor(long t) {
        return cellFactorBlocks.at(t);
    }

    INDArray eps(long t) {
        return epsBlocks.at(t);
    }

    INDArray dxhBlock(long t) {
        return dxhBlocks.at(t);
    }

    /** The gradient w.r.t. {@code h_{t-1}}: the h rows of gradient block {@code t}. */
    INDArray dhPrev(long t) {
        return dhPrevBlocks.at(t);
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

    /** Per-step views of one kind, made on first use. */
    private static final class Blocks {
        private final INDArray base;
        private final long blockSize;
        private final long offset;
        private final long[] shape;
        private final long[] stride;
        private final INDArray[] cache;

        Blocks(INDArray base, int count, long blockSize, long offset, long rows, long cols) {
            this(base, count, blockSize, offset, new long[]{rows, cols}, new long[]{cols, 1});
        }

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
