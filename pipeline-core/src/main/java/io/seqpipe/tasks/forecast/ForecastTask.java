package io.seqpipe.tasks.forecast;

import com.typesafe.config.Config;
import io.seqpipe.tasks.StepTask;

/** {@code task = forecast}: multi-step time-series forecasting, its four jobs and their summaries. */
public final class ForecastTask extends StepTask<ForecastTaskConfig> {
    public ForecastTask(Config resolved) {
        super(ForecastTaskConfig.from(resolved), c -> "forecast",
                new Jobs<>(PrepareForecastData::run, TrainForecaster::run, EvaluateForecaster::run,
                        ScoreForecaster::run));
    }
}
