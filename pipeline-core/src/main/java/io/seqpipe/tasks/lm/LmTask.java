package io.seqpipe.tasks.lm;

import com.typesafe.config.Config;
import io.seqpipe.tasks.StepTask;

/** {@code task = lm}: character- and word-level language models, their four jobs and their summaries. */
public final class LmTask extends StepTask<LmTaskConfig> {
    public LmTask(Config resolved) {
        super(LmTaskConfig.from(resolved), c -> "lm",
                new Jobs<>(PrepareLmData::run, TrainLm::run, EvaluateLm::run, ScoreLm::run));
    }
}
