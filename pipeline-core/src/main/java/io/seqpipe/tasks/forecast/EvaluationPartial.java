package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.ForecastEvaluation;
import io.seqpipe.forecast.QuantileEvaluation;
import io.seqpipe.forecast.QuantileLevels;

import java.io.Serializable;
import java.util.List;

/**
 * The errors of the model and of the baselines on the same test windows, from some series keys; merged across
 * partitions on the driver.
 *
 * @param ets                the ETS baseline's errors, or null when {@code evaluate.baselines} leaves it out
 * @param windows            test windows evaluated (by all three forecasters)
 * @param windowsWithoutHistory test windows left out because a baseline lacks history before them (seasonal naive
 *                           needs one season; ETS a fitting part it can be estimated on): no forecaster is scored on
 *                           them
 * @param seriesEvaluated    keys with at least one evaluated window
 * @param seriesWithoutScaling keys the per-key scaler has no statistics for (no training steps)
 * @param unseenCategoryValues categorical values not seen in training, in the evaluated series
 * @param quantiles          the model's quantile-forecast errors, or null for a point forecaster
 */
public record EvaluationPartial(ForecastEvaluation model, ForecastEvaluation naive, ForecastEvaluation seasonalNaive,
                                ForecastEvaluation ets, long windows, long windowsWithoutHistory, long seriesEvaluated,
                                long seriesWithoutScaling, long unseenCategoryValues, QuantileEvaluation quantiles)
        implements Serializable {

    public static EvaluationPartial empty(List<String> targets, int horizon) {
        return empty(targets, horizon, false);
    }

    /** No windows yet; with an ETS evaluation when {@code withEts}. */
    public static EvaluationPartial empty(List<String> targets, int horizon, boolean withEts) {
        return empty(targets, horizon, withEts, QuantileLevels.NONE);
    }

    /** No windows yet; with quantile-forecast errors at {@code quantiles} unless there are none. */
    public static EvaluationPartial empty(List<String> targets, int horizon, boolean withEts,
                                          QuantileLevels quantiles) {
        return new EvaluationPartial(new ForecastEvaluation(targets, horizon), new ForecastEvaluation(targets, horizon),
                new ForecastEvaluation(targets, horizon), withEts ? new ForecastEvaluation(targets, horizon) : null,
                0, 0, 0, 0, 0, quantiles.isEmpty() ? null : new QuantileEvaluation(targets, quantiles, horizon));
    }

    public EvaluationPartial merge(EvaluationPartial o) {
        return new EvaluationPartial(model.merge(o.model), naive.merge(o.naive), seasonalNaive.merge(o.seasonalNaive),
                ets == null ? null : ets.merge(o.ets), windows + o.windows,
                windowsWithoutHistory + o.windowsWithoutHistory,
                seriesEvaluated + o.seriesEvaluated, seriesWithoutScaling + o.seriesWithoutScaling,
                unseenCategoryValues + o.unseenCategoryValues, quantiles == null ? null : quantiles.merge(o.quantiles));
    }

    EvaluationPartial plus(long windows, long withoutHistory, long evaluated, long withoutScaling, long unseen) {
        return new EvaluationPartial(model, naive, seasonalNaive, ets, this.windows + windows,
                windowsWithoutHistory + withoutHistory, seriesEvaluated + evaluated,
                seriesWithoutScaling + withoutScaling, unseenCategoryValues + unseen, quantiles);
    }
}
