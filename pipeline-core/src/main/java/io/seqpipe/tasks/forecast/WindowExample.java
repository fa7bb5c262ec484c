package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.ForecastWindow;

import java.io.Serializable;

/**
 * A forecast window as the trainer, the validator and evaluation hold it: flat arrays (a compact Kryo form, see
 * {@code SeqPipeKryoRegistrator}).
 *
 * @param row             the window's stable row number within its split part (the seeded shuffle keys on it)
 * @param key             the series key
 * @param firstTargetStep the step of its first target in the cleaned series
 * @param features        features per step (F)
 * @param inputs          {@code [t * F + f]}, {@code L} steps, scaled
 * @param targets         {@code [h * K + k]}, scaled (and transformed)
 * @param actuals         {@code [h * K + k]}, original units
 */
public record WindowExample(long row, String key, int firstTargetStep, int features, float[] inputs, float[] targets,
                            double[] actuals) implements Serializable {

    public WindowExample {
        if (features < 1 || inputs.length % features != 0 || targets.length != actuals.length) {
            throw new IllegalArgumentException("window of series '" + key + "': " + inputs.length + " inputs for "
                    + features + " features, " + targets.length + " targets, " + actuals.length + " actuals");
        }
    }

    /** The flat form of a window cut by {@link io.seqpipe.forecast.Windower}. */
    public static WindowExample of(long row, ForecastWindow w) {
        int l = w.inputs().length;
        int f = w.inputs()[0].length;
        float[] inputs = new float[l * f];
        for (int t = 0; t < l; t++) {
            System.arraycopy(w.inputs()[t], 0, inputs, t * f, f);
        }
        int k = w.actuals()[0].length;
        double[] actuals = new double[w.actuals().length * k];
        for (int h = 0; h < w.actuals().length; h++) {
            System.arraycopy(w.actuals()[h], 0, actuals, h * k, k);
        }
        return new WindowExample(row, w.key(), w.firstTargetStep(), f, inputs, w.targetVector(), actuals);
    }

    /** Lookback steps (L). */
    public int lookback() {
        return inputs.length / features;
    }

    /** Scaled input feature {@code feature} at the last lookback step. */
    public float last(int feature) {
        return inputs[inputs.length - features + feature];
    }

    /** The actuals as {@code [h][k]} for {@code k} targets. */
    public double[][] actualMatrix(int k) {
        double[][] out = new double[actuals.length / k][k];
        for (int h = 0; h < out.length; h++) {
            System.arraycopy(actuals, h * k, out[h], 0, k);
        }
        return out;
    }
}
