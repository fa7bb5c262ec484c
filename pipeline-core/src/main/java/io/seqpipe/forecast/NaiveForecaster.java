package io.seqpipe.forecast;

/** The last observed value, repeated for every horizon step (persistence, random-walk forecast). */
public final class NaiveForecaster implements BaselineForecaster {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public boolean canForecast(int firstTargetStep) {
        return firstTargetStep >= 1;
    }

    @Override
    public double[][] forecast(double[][] targets, int firstTargetStep, int horizon) {
        double[][] out = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            out[h] = targets[firstTargetStep - 1].clone();
        }
        return out;
    }
}
