package io.seqpipe.tasks;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.tasks.classification.SentimentTask;
import io.seqpipe.tasks.tagging.TaggingTask;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What evaluate and score read and write, named once for every task, and the task classes built on StepTask. */
class InferenceStepTest {

    private static Task task(String... overrides) {
        return Tasks.create(Tasks.resolve(null, List.of(overrides)));
    }

    @Test
    void anUnsetInputFailsNamingTheKeyAndTheCommand() {
        assertEquals("paths.score must be set for score", assertThrows(InvalidConfigException.class,
                () -> StepOutput.requireInput(null, "paths.score", "score")).getMessage());
        assertEquals("t.txt", StepOutput.requireInput("t.txt", "paths.test", "evaluate"));
    }

    @Test
    void scoreAndEvaluateReadTheirPathsFromTheConfig() {
        SentimentTask sentiment = (SentimentTask) task("task=sentiment", "paths.score=s.txt", "paths.test=t.txt",
                "paths.model=m", "paths.metrics=out/metrics", "paths.predictions=out/predictions");
        InferenceStep.Settings score = InferenceStep.Settings.score(sentiment.config());
        assertEquals(List.of("s.txt", "paths.score", "score", "m", "out/predictions"),
                List.of(score.input(), score.inputKey(), score.command(), score.model(), score.output()));
        InferenceStep.Settings evaluate = InferenceStep.Settings.evaluate(sentiment.config(),
                sentiment.config().split(), sentiment.config().paths().train());
        assertEquals(List.of("t.txt", "paths.test", "evaluate", "m", "out/metrics"),
                List.of(evaluate.input(), evaluate.inputKey(), evaluate.command(), evaluate.model(),
                        evaluate.output()));
        assertEquals(sentiment.config().resolved(), evaluate.resolved());
    }

    @Test
    void theReportSwitchIsDeclaredForEveryTaskAndABadValueFailsBeforeSparkStarts() {
        for (String name : Tasks.names()) {
            assertEquals("true", Tasks.keys(name).specs().get(EvaluationPage.REPORT_KEY).defaultValue(), name);
        }
        assertEquals("evaluate.report must be true or false, got \"sometimes\"", assertThrows(
                InvalidConfigException.class, () -> task("task=sentiment", "evaluate.report=sometimes"))
                .getMessage());
    }

    @Test
    void evaluateWithASeededSplitReadsTheTestSplitOfTheTrainingInput() {
        TaggingTask ner = (TaggingTask) task("task=ner", "paths.train=train.conll", "paths.test=null",
                "paths.validation=null", "split.method=folds", "split.folds=3", "split.fold=1");
        InferenceStep.Settings evaluate = InferenceStep.Settings.evaluate(ner.config(), ner.config().split(),
                ner.config().paths().train());
        assertEquals(List.of("train.conll", "paths.train", "evaluate with split.method = folds"),
                List.of(evaluate.input(), evaluate.inputKey(), evaluate.command()));
        assertEquals("paths.train must be set for evaluate with split.method = folds",
                assertThrows(InvalidConfigException.class, () -> StepOutput.requireInput(null, evaluate.inputKey(),
                        evaluate.command())).getMessage());
    }

    @Test
    void eachTaskClassNamesItselfAndItsSparkDefaultsFromItsConfig() {
        for (String name : Tasks.names()) {
            Task t = name.equals("forecast")
                    ? task("task=forecast", "spark.appName=app-forecast", "train.ompThreads=3",
                    "series.timestampFormat=none", "series.valueColumns=[y]", "window.targetColumns=[y]")
                    : task("task=" + name, "spark.appName=app-" + name, "train.ompThreads=3");
            assertEquals(name, t.name());
            assertEquals(new Task.SparkDefaults("app-" + name, ((StepTask<?>) t).config().defaultMaster(), 3),
                    t.sparkDefaults());
        }
    }
}
