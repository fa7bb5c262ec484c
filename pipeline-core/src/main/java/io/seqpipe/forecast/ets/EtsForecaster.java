package io.seqpipe.forecast.ets;

import io.seqpipe.forecast.BaselineForecaster;

import java.util.List;

/**
 * The ETS baseline of one series: per target column, the model {@link EtsSelector} chooses on the fitting steps
 * {@code [fitStart, fitEnd)} only, then with its parameters held fixed the filter runs forward through the observed
 * values after {@code fitEnd}, as a fitted state-space model does, and each window is forecast from the state at
 * its origin. Windows whose targets begin before {@code fitEnd} are not forecast (they would be in-sample).
 *
 * <p>Forecasting windows in step order advances one cached state per column (linear in the series length); the
 * cache is kept for the last {@code targets} array seen and rebuilt from {@code fitEnd} for any other.
 */
public final class EtsForecaster implements BaselineForecaster {
    private static final long serialVersionUID = 1L;
    private final List<EtsFit> fits;
    private final int fitStart;
    private final int fitEnd;
    private final double[][] statesAtFitEnd;
    private transient double[][] cachedTargets;
    private transient int cachedStep;
    private transient double[][] cachedStates;

    private EtsForecaster(List<EtsFit> fits, int fitStart, int fitEnd, double[][] statesAtFitEnd) {
        this.fits = List.copyOf(fits);
        this.fitStart = fitStart;
        this.fitEnd = fitEnd;
        this.statesAtFitEnd = statesAtFitEnd;
    }

    /**
     * Chooses and estimates a model per target column on {@code targets[fitStart..fitEnd)}; nothing at or after
     * {@code fitEnd} is read.
     *
     * @param targets {@code [step][K]} in original units
     * @throws IllegalArgumentException naming the column when no model could be estimated for it
     */
    public static EtsForecaster fit(double[][] targets, int fitStart, int fitEnd, int seasonLength,
                                    List<EtsForm> candidates) {
        if (fitStart < 0 || fitEnd > targets.length || fitStart > fitEnd) {
            throw new IllegalArgumentException("fitting steps [" + fitStart + ", " + fitEnd + ") outside a series of "
                    + targets.length + " steps");
        }
        int k = targets.length == 0 ? 0 : targets[0].length;
        int n = fitEnd - fitStart;
        EtsFit[] fits = new EtsFit[k];
        double[][] states = new double[k][];
        for (int c = 0; c < k; c++) {
            double[] y = new double[n];
            for (int t = 0; t < n; t++) {
                y[t] = targets[fitStart + t][c];
            }
            try {
                fits[c] = EtsSelector.select(candidates, y, n, seasonLength);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("target column " + c + ": " + e.getMessage(), e);
            }
            states[c] = fits[c].filter().run(y, n).finalState();
        }
        return new EtsForecaster(List.of(fits), fitStart, fitEnd, states);
    }

    /** The fitted model of each target column. */
    public List<EtsFit> fits() {
        return fits;
    }

    /** The number of steps the parameters were estimated on. */
    public int fitSteps() {
        return fitEnd - fitStart;
    }

    @Override
    public String name() {
        return "ets";
    }

    @Override
    public boolean canForecast(int firstTargetStep) {
        return firstTargetStep >= fitEnd;
    }

    @Override
    public double[][] forecast(double[][] targets, int firstTargetStep, int horizon) {
        if (!canForecast(firstTargetStep)) {
            throw new IllegalArgumentException("the ETS baseline was fitted on steps up to " + fitEnd
                    + " and forecasts only after them, the window starts at step " + firstTargetStep);
        }
        if (cachedTargets != targets || cachedStep > firstTargetStep) {
            cachedTargets = targets;
            cachedStep = fitEnd;
            cachedStates = new double[fits.size()][];
            for (int c = 0; c < fits.size(); c++) {
                cachedStates[c] = statesAtFitEnd[c].clone();
            }
        }
        double[][] out = new double[horizon][fits.size()];
        for (int c = 0; c < fits.size(); c++) {
            EtsFilter filter = fits.get(c).filter();
            for (int t = cachedStep; t < firstTargetStep; t++) {
                filter.update(cachedStates[c], targets[t][c]);
            }
            double[] f = filter.forecast(cachedStates[c], horizon);
            for (int h = 0; h < horizon; h++) {
                out[h][c] = f[h];
            }
        }
        cachedStep = firstTargetStep;
        return out;
    }
}
