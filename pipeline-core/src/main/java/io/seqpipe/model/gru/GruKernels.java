package io.seqpipe.model.gru;

import static io.seqpipe.model.rnn.FloatKernels.sigmoid;
import static io.seqpipe.model.rnn.FloatKernels.tanh;

/**
 * The elementwise part of a GRU time step in single precision, on Java arrays
 * ({@link io.seqpipe.model.rnn.FloatKernels} has why): simple loops that HotSpot's C2 compiles to SIMD code. Every
 * array holds one step's {@code [batch, nOut]} block, row-major (the layer's time-major layout); a per-row mask value applies to row {@code k / nOut}.
 */
final class GruKernels {
    private GruKernels() {
    }

    /**
     * A step forward: from the input-side pre-activations {@code r, z, n} ({@code x W + b}, replaced by the gates'
     * activations) and the recurrent side {@code hr, hz, hn} ({@code h_{t-1} U}):
     * {@code r = σ(r + hr)}, {@code z = σ(z + hz)}, {@code n = tanh(n + r ⊙ hn)}, {@code h = n + z ⊙ (h_{t-1} - n)}.
     */
    static void forward(int count, float[] r, float[] z, float[] n, float[] hr, float[] hz, float[] hn,
                        float[] hPrev, float[] h) {
        for (int k = 0; k < count; k++) {
            r[k] = sigmoid(r[k] + hr[k]);
        }
        for (int k = 0; k < count; k++) {
            z[k] = sigmoid(z[k] + hz[k]);
        }
        for (int k = 0; k < count; k++) {
            n[k] = tanh(n[k] + r[k] * hn[k]);
        }
        for (int k = 0; k < count; k++) {
            h[k] = n[k] + z[k] * (hPrev[k] - n[k]);
        }
    }

    /** Masks a step: the output is {@code h ⊙ m} and the carried state {@code h_{t-1} + m (h - h_{t-1})}. */
    static void maskStep(int rows, int cols, float[] mask, float[] h, float[] hPrev, float[] output) {
        for (int i = 0, k = 0; i < rows; i++) {
            float m = mask[i];
            for (int j = 0; j < cols; j++, k++) {
                output[k] = h[k] * m;
                h[k] = hPrev[k] + m * (h[k] - hPrev[k]);
            }
        }
    }

    /**
     * A step backward up to its pre-activation gradients and the part of {@code dL/dh_{t-1}} that needs no matrix
     * product: {@code dh = (eps + dCarry) ⊙ m}, {@code daN = dh ⊙ (1 - z) ⊙ (1 - n²)},
     * {@code daR = daN ⊙ hn ⊙ r (1 - r)}, {@code daZ = (h_{t-1} - n) ⊙ dh ⊙ z (1 - z)}, the recurrent side's
     * {@code n} gradient {@code daN ⊙ r}, and {@code dh ⊙ z} into {@code dPrev}. {@code mask} null without masks.
     */
    static void backward(int rows, int cols, float[] mask, float[] eps, float[] dCarry, float[] r, float[] z,
                         float[] n, float[] hn, float[] hPrev, float[] dh, float[] daR, float[] daZ, float[] daN,
                         float[] dRecurrentN, float[] dPrev) {
        int count = rows * cols;
        if (mask == null) {
            for (int k = 0; k < count; k++) {
                dh[k] = eps[k] + dCarry[k];
            }
        } else {
            for (int i = 0, k = 0; i < rows; i++) {
                float m = mask[i];
                for (int j = 0; j < cols; j++, k++) {
                    dh[k] = (eps[k] + dCarry[k]) * m;
                }
            }
        }
        for (int k = 0; k < count; k++) {
            float d = dh[k];
            float zk = z[k];
            float nk = n[k];
            float rk = r[k];
            float an = d * (1f - zk) * (1f - nk * nk);
            daN[k] = an;
            daR[k] = an * hn[k] * (rk - rk * rk);
            daZ[k] = (hPrev[k] - nk) * d * (zk - zk * zk);
            dRecurrentN[k] = an * rk;
            dPrev[k] = d * zk;
        }
    }

    /** {@code dCarry = dPrev}, plus with masks the pass-through of masked steps, {@code dCarry ⊙ (1 - m)}. */
    static void carry(int rows, int cols, float[] mask, float[] dPrev, float[] dCarry) {
        if (mask == null) {
            System.arraycopy(dPrev, 0, dCarry, 0, rows * cols);
            return;
        }
        for (int i = 0, k = 0; i < rows; i++) {
            float notM = 1f - mask[i];
            for (int j = 0; j < cols; j++, k++) {
                dCarry[k] = dPrev[k] + dCarry[k] * notM;
            }
        }
    }
}
