package io.seqpipe.tasks;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.tasks.classification.ClassificationTaskConfig;
import io.seqpipe.tasks.forecast.ForecastTaskConfig;
import io.seqpipe.tasks.tagging.TaggingTaskConfig;
import io.seqpipe.tasks.translation.TranslationTaskConfig;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.seqpipe.tasks.PredictionFormat.CONLL;
import static io.seqpipe.tasks.PredictionFormat.CSV;
import static io.seqpipe.tasks.PredictionFormat.JSONL;
import static io.seqpipe.tasks.PredictionFormat.PARQUET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code score.outputFormats}: read from every task's defaults and overrides, unsupported formats refused. */
class PredictionFormatTest {

    /** What a forecast config needs besides the defaults. */
    private static final List<String> FORECAST = List.of("series.timestampFormat=none", "series.timestampColumns=[]",
            "series.valueColumns=[v]", "window.targetColumns=[v]");

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    private static Set<PredictionFormat> read(String hocon, Set<PredictionFormat> supported) {
        return PredictionFormat.read(new ConfigReader(ConfigFactory.parseString(hocon)), supported, "sentiment");
    }

    @Test
    void parquetIsAlwaysWrittenAndFormatsComeInAFixedOrder() {
        Set<PredictionFormat> all = EnumSet.allOf(PredictionFormat.class);
        assertEquals(List.of(PARQUET), List.copyOf(read("score.outputFormats = []", all)));
        assertEquals(List.of(PARQUET, CSV, JSONL, CONLL),
                List.copyOf(read("score.outputFormats = [conll, JSONL, csv, csv]", all)));
        assertEquals(List.of(PARQUET, CSV, JSONL), List.copyOf(read("score.outputFormats = \"jsonl, csv\"", all)),
                "--set score.outputFormats=jsonl,csv gives one string");
    }

    @Test
    void anUnknownOrUnsupportedFormatIsAConfigErrorNamingTheKey() {
        InvalidConfigException unknown = assertThrows(InvalidConfigException.class,
                () -> read("score.outputFormats = [csv, xlsx]", EnumSet.allOf(PredictionFormat.class)));
        assertEquals("score.outputFormats must list formats among parquet | csv | jsonl | conll, got 'xlsx'",
                unknown.getMessage());
        InvalidConfigException conll = assertThrows(InvalidConfigException.class,
                () -> read("score.outputFormats = [csv, conll]", EnumSet.of(PARQUET, CSV, JSONL)));
        assertEquals("score.outputFormats = [csv, conll]: task sentiment cannot write conll (CoNLL columns are for the "
                + "tagging tasks ner and pos); it writes parquet | csv | jsonl", conll.getMessage());
    }

    @Test
    void everyTaskReadsTheKeyAndOnlyTaggingWritesConll() {
        List<String> conll = List.of("score.outputFormats=conll");
        assertEquals(Set.of(PARQUET), ClassificationTaskConfig.from(Tasks.resolve(null, List.of())).outputFormats());
        assertEquals(Set.of(PARQUET, CONLL), TaggingTaskConfig.from(Tasks.resolve(null,
                List.of("task=ner", "score.outputFormats=conll"))).outputFormats());
        assertEquals(Set.of(PARQUET, CSV), TaggingTaskConfig.from(Tasks.resolve(null,
                List.of("task=pos", "score.outputFormats=csv"))).outputFormats());
        assertEquals(Set.of(PARQUET, JSONL), TranslationTaskConfig.from(Tasks.resolve(null,
                List.of("task=translation", "score.outputFormats=jsonl"))).outputFormats());
        assertEquals(Set.of(PARQUET, CSV, JSONL), ForecastTaskConfig.from(Tasks.resolve(null,
                concat(FORECAST, "task=forecast", "score.outputFormats=[csv,jsonl]"))).outputFormats());
        for (String task : List.of("sentiment", "forecast", "translation")) {
            List<String> overrides = new java.util.ArrayList<>(conll);
            overrides.add("task=" + task);
            if (task.equals("forecast")) {
                overrides.addAll(FORECAST);
            }
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> Tasks.create(Tasks.resolve((File) null, overrides)));
            assertEquals("score.outputFormats = [conll]: task " + task + " cannot write conll (CoNLL columns are for "
                    + "the tagging tasks ner and pos); it writes parquet | csv | jsonl", e.getMessage());
        }
    }

    @Test
    void outputNamesFollowTheFormat() {
        assertEquals("predictions", PARQUET.fileName("predictions"));
        assertEquals("rolling.csv", CSV.fileName("rolling"));
        assertEquals("predictions.jsonl", JSONL.fileName("predictions"));
        assertEquals("predictions.conll", CONLL.fileName("predictions"));
    }
}
