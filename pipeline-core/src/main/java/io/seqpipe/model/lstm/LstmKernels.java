package io.seqpipe.model.lstm;

/**
 * The elementwise part of an LSTM time step in single precision, on Java arrays: pure functions that HotSpot's C2
 * compiles to SIMD loops (each loop a handful of arrays indexed alike, no calls, no branches but {@code Math.min/max}).
 *
 * <p>Why not ND4J: a step's elementwise work is about twenty small ND4J operations, each several microseconds of
 * dispatch, and libnd4j's {@code tanh} and {@code sigmoid} run at 6 and 2.5 ns per element (scalar {@code libm}), so
 * on the reference tagger they cost more than the step's matrix product. These loops do the same work ~7× faster
 * (docs/PERFORMANCE.md). {@link #tanh(float)} is a rational approximation, at most 4e-7 from the exact value
 * ({@code LstmKernelsTest}), against float's own resolution of 6e-8 near 1; the sigmoid is {@code (1 + tanh(x/2)) / 2}.
 * Double precision keeps ND4J's exact operations ({@link LstmLayer}).
 *
 * <p>Every array holds one step's {@code [nOut, batch]} block, row-major; element {@code k} belongs to minibatch
 * column {@code k mod batch}, which is where a per-column mask applies.
 */
final class LstmKernels {
    // tanh(x) ≈ x·P(x²)/Q(x²) on [-CLAMP, CLAMP] (a minimax rational form, as in Eigen's fast float tanh); beyond
    // CLAMP tanh rounds to ±1 in float
    private static final float CLAMP = 7.90531110763549805f;
    private static final float P13 = -2.76076847742355e-16f;
    private static final float P11 = 2.00018790482477e-13f;
    private static final float P9 = -8.60467152213735e-11f;
    private static final float P7 = 5.12229709037114e-08f;
    private static final float P5 = 1.48572235717979e-05f;
    private static final float P3 = 6.37261928875436e-04f;
    private static final float P1 = 4.89352455891786e-03f;
    private static final float Q6 = 1.19825839466702e-06f;
    private static final float Q4 = 1.18534705686654e-04f;
    private static final float Q2 = 2.26843463243900e-03f;
    private static final float Q0 = 4.89352518554385e-03f;

    private LstmKernels() {
    }

    /** tanh in single precision, within 4e-7 of the exact value; NaN stays NaN, ±∞ gives ±1. */
    static float tanh(float v) {
        float x = Math.max(-CLAMP, Math.min(CLAMP, v));
        float x2 = x * x;
        float p = x2 * P13 + P11;
        p = x2 * p + P9;
        p = x2 * p + P7;
        p = x2 * p + P5;
        p = x2 * p + P3;
        p = x2 * p + P1;
        p = x * p;
        float q = x2 * Q6 + Q4;
        q = x2 * q + Q2;
        q = x2 * q + Q0;
        return p / q;
    }

    /** The logistic sigmoid, {@code (1 + tanh(x/2)) / 2}. */
    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    static void sigmoidInPlace(float[] z, int n) {
        for (int k = 0; k < n; k++) {
            z[k] = sigmoid(z[k]);
        }
    }

    static void tanh(float[] in, float[] out, int n) {
        for (int k = 0; k < n; k++) {
            out[k] = tanh(in[k]);
        }
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
