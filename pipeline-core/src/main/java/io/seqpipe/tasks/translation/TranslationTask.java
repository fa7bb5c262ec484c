package io.seqpipe.tasks.translation;

import com.typesafe.config.Config;
import io.seqpipe.tasks.StepTask;

/** {@code task = translation}: its four jobs and their summaries. */
public final class TranslationTask extends StepTask<TranslationTaskConfig> {
    public TranslationTask(Config resolved) {
        super(TranslationTaskConfig.from(resolved), TranslationTaskConfig::task,
                new Jobs<>(PrepareTranslationData::run, TrainTranslator::run, EvaluateTranslator::run,
                        ScoreTranslator::run));
    }
}
