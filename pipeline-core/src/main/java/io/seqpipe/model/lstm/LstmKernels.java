package io.seqpipe.model.lstm;

import static io.seqpipe.model.rnn.FloatKernels.sigmoidInPlace;
import static io.seqpipe.model.rnn.FloatKernels.tanh;

/**
 * The elementwise part of an LSTM time step in single precision, on Java arrays
 * ({@link io.seqpipe.model.rnn.FloatKernels} has why and the shared functions): pure loops that HotSpot's C2 compiles to SIMD code (each loop a handful of arrays
 * indexed alike, no calls, no branches but {@code Math.min/max}). Every array holds one step's {@code [nOut, batch]}
 * block, row-major; element {@code k} belongs to minibatch column {@code k mod batch}, which is where a per-column mask
 * applies.
 */
final class LstmKernels {
    private LstmKernels() {
    }

    /**
     * A step forward from its gates' pre-activations ({@code o, i, f, g}, replaced by their activations) and the
     * previous cell: {@code c = f ⊙ c_prev + i ⊙ g}, {@code tanh(c)} into {@code tanhCell}, {@code h = o ⊙ tanh(c)}.
     */
    static void cellAndOutput(int n, float[] o, float[] i, float[] f, float[] g, float[] cPrev, float[] c,
                              float[] tanhCell, float[] h) {
        sigmoidInPlace(o, n);
        sigmoidInPlace(i, n);
        sigmoidInPlace(f, n);
        tanh(g, g, n);
        for (int k = 0; k < n; k++) {
            c[k] = f[k] * cPrev[k] + i[k] * g[k];
        }
        tanh(c, tanhCell, n);
        for (int k = 0; k < n; k++) {
            h[k] = o[k] * tanhCell[k];
        }
    }

    /**
     * The backward factors of a step (see {@link LstmLayer}): per gate what its pre-activation gradient is
     * {@code dh} (o) or {@code dc} (i, f, g) times, and {@code o ⊙ tanh'(c)}.
     */
    static void factors(int n, float[] o, float[] i, float[] f, float[] g, float[] cPrev, float[] tanhCell,
                        float[] factorO, float[] factorI, float[] factorF, float[] factorG, float[] cellFactor) {
        for (int k = 0; k < n; k++) {
            float ok = o[k];
            float ik = i[k];
            float fk = f[k];
            float gk = g[k];
            float tk = tanhCell[k];
            factorO[k] = (ok - ok * ok) * tk;
            factorI[k] = (ik - ik * ik) * gk;
            factorF[k] = (fk - fk * fk) * cPrev[k];
            factorG[k] = (1f - gk * gk) * ik;
            cellFactor[k] = (1f - tk * tk) * ok;
        }
    }

    /**
     * Masks a step (a mask that is not all real steps first): the output is {@code h ⊙ m}, and the carried state
     * passes through masked steps, {@code s = s_prev + m (s - s_prev)} for {@code h} and {@code c}.
     */
    static void maskStep(int rows, int batch, float[] mask, float[] h, float[] hPrev, float[] c, float[] cPrev,
                         float[] output) {
        for (int r = 0, k = 0; r < rows; r++) {
            for (int b = 0; b < batch; b++, k++) {
                float m = mask[b];
                output[k] = h[k] * m;
                h[k] = hPrev[k] + m * (h[k] - hPrev[k]);
                c[k] = cPrev[k] + m * (c[k] - cPrev[k]);
            }
        }
    }

    /**
     * A step backward up to its pre-activation gradients: {@code dh = eps + dhNext} (no {@code dhNext} at the last
     * step), {@code dc = dh ⊙ cellFactor + dcNext}, then {@code dz_o = dh ⊙ factorO} and {@code dz_x = dc ⊙ factorX}
     * for the cell-driven gates. With step masks, {@code mask} (per column) scales the carried {@code dhNext} and
     * {@code dcNext}; null without.
     */
    static void gateGradients(int rows, int batch, boolean last, float[] mask, float[] eps, float[] dhNext,
                              float[] dcNext, float[] cellFactor, float[] factorO, float[] factorI, float[] factorF,
                              float[] factorG, float[] dh, float[] dc, float[] dzO, float[] dzI, float[] dzF,
                              float[] dzG) {
        int n = rows * batch;
        if (last) {
            for (int k = 0; k < n; k++) {
                dh[k] = eps[k];
                dc[k] = eps[k] * cellFactor[k];
            }
        } else if (mask == null) {
            for (int k = 0; k < n; k++) {
                float h = eps[k] + dhNext[k];
                dh[k] = h;
                dc[k] = h * cellFactor[k] + dcNext[k];
            }
        } else {
            for (int r = 0, k = 0; r < rows; r++) {
                for (int b = 0; b < batch; b++, k++) {
                    float m = mask[b];
                    float h = dhNext[k] * m + eps[k];
                    dh[k] = h;
                    dc[k] = h * cellFactor[k] + dcNext[k] * m;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            float h = dh[k];
            float c = dc[k];
            dzO[k] = h * factorO[k];
            dzI[k] = c * factorI[k];
            dzF[k] = c * factorF[k];
            dzG[k] = c * factorG[k];
        }
    }

    /**
     * What a step backward carries to the step before: {@code dc_prev = dc ⊙ f}, and {@code dh_prev} as the product
     * gave it; with step masks (and not at the last step) both also carry the incoming {@code dcNext} and
     * {@code dhNext} through this step where it was masked, times {@code 1 - m}. Writes {@code dcNext} and
     * {@code dhNext} in place.
     */
    static void carry(int rows, int batch, boolean last, float[] mask, float[] dc, float[] forget, float[] dhPrev,
                      float[] dcNext, float[] dhNext) {
        int n = rows * batch;
        if (mask == null || last) {
            for (int k = 0; k < n; k++) {
                dcNext[k] = dc[k] * forget[k];
                dhNext[k] = dhPrev[k];
            }
        } else {
            for (int r = 0, k = 0; r < rows; r++) {
                for (int b = 0; b < batch; b++, k++) {
                    float notM = 1f - mask[b];
                    dcNext[k] = dc[k] * forget[k] + dcNext[k] * notM;
                    dhNext[k] = dhPrev[k] + dhNext[k] * notM;
                }
            }
        }
    }
}
