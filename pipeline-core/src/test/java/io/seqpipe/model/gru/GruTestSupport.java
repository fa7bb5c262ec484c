package io.seqpipe.model.gru;

import io.seqpipe.model.rnn.RnnTestSupport;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/** Fixtures of the GRU tests: networks and an independent plain-Java GRU. */
final class GruTestSupport {
    private GruTestSupport() {
    }

    static Gru gru(int nIn, int nOut) {
        return new Gru.Builder().nIn(nIn).nOut(nOut).build();
    }

    /** {@link RnnTestSupport#bidirectional} with GRUs. */
    static ComputationGraphConfiguration bidirectional(DataType dataType, int nIn, int hidden, int classes) {
        return RnnTestSupport.bidirectional(dataType, GruTestSupport::gru, nIn, hidden, classes);
    }

    /**
     * Plain-Java GRU over one sequence, written from the equations alone (reset gate after the recurrent product).
     *
     * @param w    input weights {@code [nIn][3·nOut]}, gate blocks r, z, n
     * @param u    recurrent weights {@code [nOut][3·nOut]}
     * @param b    bias {@code [3·nOut]}
     * @param x    input {@code [T][nIn]}
     * @param mask {@code [T]} (1 = real step) or null
     * @param h0   initial state {@code [nOut]} or null for zeros
     * @return the outputs {@code [T][nOut]}, 0 at masked steps
     */
    static double[][] referenceGru(double[][] w, double[][] u, double[] b, double[][] x, double[] mask,
                                   double[] h0) {
        int nOut = u.length;
        int nIn = w.length;
        double[] h = h0 == null ? new double[nOut] : h0.clone();
        double[][] out = new double[x.length][nOut];
        for (int t = 0; t < x.length; t++) {
            if (mask != null && mask[t] == 0) {
                continue;
            }
            double[] next = new double[nOut];
            for (int j = 0; j < nOut; j++) {
                double ar = b[j];
                double az = b[nOut + j];
                double an = b[2 * nOut + j];
                for (int i = 0; i < nIn; i++) {
                    ar += x[t][i] * w[i][j];
                    az += x[t][i] * w[i][nOut + j];
                    an += x[t][i] * w[i][2 * nOut + j];
                }
                double hr = 0;
                double hz = 0;
                double hn = 0;
                for (int k = 0; k < nOut; k++) {
                    hr += h[k] * u[k][j];
                    hz += h[k] * u[k][nOut + j];
                    hn += h[k] * u[k][2 * nOut + j];
                }
                double r = 1 / (1 + Math.exp(-(ar + hr)));
                double z = 1 / (1 + Math.exp(-(az + hz)));
                double n = Math.tanh(an + r * hn);
                next[j] = (1 - z) * n + z * h[j];
            }
            h = next;
            out[t] = next.clone();
        }
        return out;
    }

}
