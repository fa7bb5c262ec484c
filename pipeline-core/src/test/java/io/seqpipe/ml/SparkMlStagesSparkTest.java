package io.seqpipe.ml;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.io.Json;
import io.seqpipe.tasks.Tasks;
import io.seqpipe.tasks.classification.ClassifierModel;
import io.seqpipe.testing.TestSpark;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SeqPipe's estimators inside a user's own Spark ML Pipeline, on one local Spark session and tiny in-memory data:
 * fit, save, {@code PipelineModel.load} and transform with identical predictions (classes, tags, translations,
 * likelihoods); a {@code TrainValidationSplit} over the hidden size; the column checks of {@code transformSchema}; a
 * Param refused with the CLI's message; a forecaster turning a long DataFrame of series into forecasts.
 */
@Tag("spark")
class SparkMlStagesSparkTest {
    private static final String[] GOOD = {"good", "great", "fine", "nice", "superb"};
    private static final String[] BAD = {"bad", "awful", "poor", "dull", "boring"};
    static SparkSession spark;
    static Path work;

    @BeforeAll
    static void startSpark() throws Exception {
        spark = TestSpark.start("ml-stages");
        work = Files.createTempDirectory("seqpipe-ml");
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** Reviews whose class one word tells, in upper case (the user's SQLTransformer lower-cases them). */
    static Dataset<Row> reviews(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean good = i % 2 == 0;
            String word = (good ? GOOD : BAD)[(i / 2) % GOOD.length];
            rows.add(RowFactory.create((long) i, "THE FILM WAS " + word.toUpperCase() + " TODAY", good ? "pos" : "neg"));
        }
        rows.add(RowFactory.create((long) n, null, "pos")); // no text: rejected by fit, null predictions
        StructType schema = new StructType().add("id", DataTypes.LongType).add("review", DataTypes.StringType)
                .add("sentiment", DataTypes.StringType);
        return spark.createDataFrame(rows, schema);
    }

    static SequenceClassifier tinyClassifier() {
        return new SequenceClassifier().setInputCol("text").setLabelCol("sentiment")
                .setWorkDir(work.resolve("fits").toString())
                .setConfig("model.hidden", 8).setConfig("model.embedding", 8).setConfig("train.epochs", 3)
                .setConfig("train.batchSize", 8).setConfig("train.learningRate", 0.05);
    }

    @Test
    void aPipelineWithTheUsersStagesFitsSavesLoadsAndPredictsTheSame() throws Exception {
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[]{
            new SQLTransformer().setStatement("SELECT *, lower(review) AS text FROM __THIS__"),
            tinyClassifier(),
            new SQLTransformer().setStatement("SELECT *, predictedLabel = sentiment AS correct FROM __THIS__")});
        Dataset<Row> data = reviews(40);
        PipelineModel fitted = pipeline.fit(data);
        List<Row> before = predictions(fitted.transform(data));

        String saved = work.resolve("pipeline").toString();
        fitted.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        SequenceClassificationModel model = assertInstanceOf(SequenceClassificationModel.class, loaded.stages()[1]);
        assertEquals(fitted.stages()[1].uid(), model.uid());
        assertEquals("text", model.getInputCol());
        assertTrue(model.directory().endsWith("pipeline/stages/1_" + model.uid() + "/"
                + SeqPipeModel.MODEL_DIRECTORY), model.directory());
        List<Row> after = predictions(loaded.transform(data));

        assertEquals(before, after);
        assertEquals(List.of("neg", "pos"), model.labels());
        long correct = before.stream().filter(r -> !r.isNullAt(4) && r.getBoolean(4)).count();
        assertEquals(40, correct, "every training review classified right: " + before);
        Row noText = before.get(40);
        assertNull(noText.get(1));
        assertNull(noText.get(2));
        assertNull(noText.get(3));
        Row first = before.get(0);
        double[] probabilities = ((org.apache.spark.ml.linalg.Vector) first.get(2)).toArray();
        assertEquals(2, probabilities.length);
        assertEquals(1.0, probabilities[0] + probabilities[1], 1e-6);
        assertEquals(probabilities[1] > probabilities[0] ? 1.0 : 0.0, first.getDouble(1));
    }

    /** id, prediction, probability, predictedLabel, correct: sorted by id. */
    static List<Row> predictions(Dataset<Row> out) {
        return out.select("id", "prediction", "probability", "predictedLabel", "correct").orderBy("id")
                .collectAsList();
    }

    @Test
    void trainValidationSplitChoosesAHiddenSize() {
        SequenceClassifier classifier = tinyClassifier().setInputCol("review").setLabelCol("label");
        StringIndexer indexer = new StringIndexer().setInputCol("sentiment").setOutputCol("label")
                .setStringOrderType("alphabetAsc");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[]{indexer, classifier});
        IntParam hidden = (IntParam) classifier.configParam("model.hidden");
        ParamMap[] grid = new ParamGridBuilder().addGrid(hidden, new int[]{4, 8}).build();
        MulticlassClassificationEvaluator evaluator = new MulticlassClassificationEvaluator()
                .setLabelCol("label").setPredictionCol("prediction").setMetricName("accuracy");
        TrainValidationSplit split = new TrainValidationSplit().setEstimator(pipeline).setEvaluator(evaluator)
                .setEstimatorParamMaps(grid).setTrainRatio(0.75).setSeed(7);
        Dataset<Row> data = reviews(40).na().drop();

        TrainValidationSplitModel tuned = split.fit(data);

        double[] metrics = tuned.validationMetrics();
        assertEquals(2, metrics.length);
        for (double m : metrics) {
            assertTrue(m >= 0.5 && m <= 1.0, Arrays.toString(metrics));
        }
        int best = metrics[0] >= metrics[1] ? 0 : 1;
        SequenceClassificationModel chosen = (SequenceClassificationModel) ((PipelineModel) tuned.bestModel())
                .stages()[1];
        int chosenHidden = ClassifierModel.load(chosen.directory(), spark.sparkContext().hadoopConfiguration())
                .directory().config().getInt("model.hidden");
        assertEquals(new int[]{4, 8}[best], chosenHidden);
        // label indices 0 (neg) and 1 (pos) are numbers: the prediction is the label's value, as the evaluator reads
        assertEquals(List.of("0", "1"), chosen.labels());
        double accuracy = evaluator.evaluate(tuned.transform(data));
        assertTrue(accuracy >= 0.9, "accuracy of the chosen model on all rows " + accuracy);
    }

    @Test
    void transformSchemaNamesTheColumnAndTheTypes() {
        SequenceClassificationModel model = new SequenceClassificationModel("m1", "unused").setInputCol("text");
        StructType intText = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.IntegerType);
        assertEquals("SequenceClassificationModel m1: input column 'text' (inputCol) must be of type string, found int",
                assertThrows(RuntimeException.class, () -> model.transformSchema(intText)).getMessage());
        StructType noText = new StructType().add("id", DataTypes.LongType).add("review", DataTypes.StringType);
        assertEquals("SequenceClassificationModel m1: input column 'text' (inputCol) is missing; expected a column of "
                        + "type string, the input has columns [id, review]",
                assertThrows(RuntimeException.class, () -> model.transformSchema(noText)).getMessage());
        StructType taken = new StructType().add("text", DataTypes.StringType).add("prediction", DataTypes.StringType);
        assertEquals("SequenceClassificationModel m1: output column 'prediction' (predictionCol) already exists in "
                        + "the input; set predictionCol to another name",
                assertThrows(RuntimeException.class, () -> model.transformSchema(taken)).getMessage());

        SequenceClassifier classifier = new SequenceClassifier("c1");
        StructType arrayLabel = new StructType().add("text", DataTypes.StringType)
                .add("label", DataTypes.createArrayType(DataTypes.StringType));
        assertEquals("SequenceClassifier c1: input column 'label' (labelCol) must be of type string or numeric, found "
                + "array<string>", assertThrows(RuntimeException.class,
                () -> classifier.fit(spark.createDataFrame(List.of(), arrayLabel))).getMessage());
    }

    @Test
    void aBadParamIsRefusedWithTheClisMessage() {
        String cli = assertThrows(InvalidConfigException.class,
                () -> Tasks.create(Tasks.resolve(null, List.of("model.hidden=0")))).getMessage();
        assertEquals("model.hidden must be >= 1, got 0", cli);
        SequenceClassifier classifier = new SequenceClassifier();
        assertEquals(cli, assertThrows(InvalidConfigException.class,
                () -> classifier.setConfig("model.hidden", 0)).getMessage());
        assertEquals(cli, assertThrows(InvalidConfigException.class,
                () -> classifier.set(classifier.getParam("model_hidden"), 0)).getMessage());

        String cliCell = assertThrows(InvalidConfigException.class,
                () -> Tasks.create(Tasks.resolve(null, List.of("model.cell=transformer")))).getMessage();
        assertEquals(cliCell, assertThrows(InvalidConfigException.class,
                () -> classifier.setConfig("model.cell", "transformer")).getMessage());

        assertEquals(128, classifier.getConfig("model.hidden"));
        assertEquals("lstm", classifier.getConfig("model.cell"));
        assertEquals("model_hidden", classifier.configParam("model.hidden").name());
        assertThrows(InvalidConfigException.class, () -> classifier.configParam("paths.train"));
    }

    @Test
    void aTaggerFitsTransformsAndPredictsTheSameAfterSaveAndLoad() throws Exception {
        String[] names = {"john", "mary", "anna", "peter"};
        String[] cities = {"paris", "rome", "oslo", "lima"};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String name = names[i % 4];
            String city = cities[(i / 4) % 4];
            rows.add(i % 2 == 0
                    ? RowFactory.create((long) i, List.of(name, "lives", "in", city), List.of("B-PER", "O", "O", "B-LOC"))
                    : RowFactory.create((long) i, List.of(name, "smith", "visited", city),
                    List.of("B-PER", "I-PER", "O", "B-LOC")));
        }
        rows.add(RowFactory.create(24L, null, null));
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("words", DataTypes.createArrayType(DataTypes.StringType))
                .add("gold", DataTypes.createArrayType(DataTypes.StringType));
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        SequenceTagger tagger = new SequenceTagger().setInputCol("words").setLabelCol("gold")
                .setWorkDir(work.resolve("fits").toString()).setConfig("tags.input", "iob2")
                .setConfig("tags.train", "iob2").setConfig("model.hidden", 8).setConfig("model.embedding", 8)
                .setConfig("train.epochs", 3).setConfig("train.batchSize", 8).setConfig("train.learningRate", 0.05);

        SequenceTaggingModel model = tagger.fit(data);
        List<Row> before = model.transform(data).select("id", "gold", "predictedTags").orderBy("id").collectAsList();
        String saved = work.resolve("tagger").toString();
        model.write().overwrite().save(saved);
        List<Row> after = SequenceTaggingModel.load(saved).transform(data).select("id", "gold", "predictedTags")
                .orderBy("id").collectAsList();

        assertEquals(before, after);
        assertNull(before.get(24).get(2));
        long right = 0;
        for (Row r : before.subList(0, 24)) {
            List<String> gold = r.getList(1);
            List<String> predicted = r.getList(2);
            assertEquals(gold.size(), predicted.size());
            for (int i = 0; i < gold.size(); i++) {
                right += gold.get(i).equals(predicted.get(i)) ? 1 : 0;
            }
        }
        assertTrue(right >= 0.9 * 96, right + " of 96 tags right: " + before);
    }

    @Test
    void anEstimatorSavesAndLoadsWithItsParams() throws Exception {
        SequenceClassifier classifier = tinyClassifier().setConfig("labels.values", new String[]{"neg", "pos"});
        String saved = work.resolve("classifier").toString();
        classifier.write().overwrite().save(saved);
        SequenceClassifier loaded = SequenceClassifier.load(saved);
        assertEquals(classifier.uid(), loaded.uid());
        assertEquals(8, loaded.getConfig("model.hidden"));
        assertEquals(0.05, loaded.getConfig("train.learningRate"));
        assertEquals(List.of("neg", "pos"), Arrays.asList((String[]) loaded.getConfig("labels.values")));
        assertEquals("sentiment", loaded.getLabelCol());
        assertEquals(classifier.getWorkDir(), loaded.getWorkDir());
        assertEquals("lstm", loaded.getConfig("model.cell"));
        assertTrue(loaded.explainParams().contains("model_hidden: config key model.hidden (int >= 1): units per "
                + "direction"), loaded.explainParams());
        assertEquals(List.of("labels.values=[\"neg\", \"pos\"]", "model.embedding=8", "model.hidden=8",
                "train.batchSize=8", "train.epochs=3", "train.learningRate=0.05"),
                new ConfigParams(loaded, "sentiment", SeqPipeEstimator::isParam).overrides(loaded).stream().sorted()
                        .toList());
    }

    @Test
    void aForecasterTurnsSeriesIntoForecastsAndForecastsTheSameAfterSaveAndLoad() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String station : List.of("north", "south")) {
            double level = station.equals("north") ? 50 : 20;
            for (int t = 0; t < 60; t++) {
                rows.add(RowFactory.create(station, java.sql.Date.valueOf(LocalDate.of(2000, 1, 1).plusMonths(t)),
                        level + 0.5 * t + 5 * Math.sin(2 * Math.PI * t / 12)));
            }
        }
        StructType schema = new StructType().add("station", DataTypes.StringType).add("month", DataTypes.DateType)
                .add("reading", DataTypes.DoubleType);
        Dataset<Row> series = spark.createDataFrame(rows, schema);
        SequenceForecaster forecaster = new SequenceForecaster().setKeyCol("station").setTimeCol("month")
                .setValueCols("level").setWorkDir(work.resolve("fits").toString())
                .setConfig("scaling.scope", "per-key").setConfig("window.lookback", 12)
                .setConfig("window.horizon", 3).setConfig("model.hidden", 4).setConfig("train.epochs", 2)
                .setConfig("model.quantiles", new String[]{"0.1", "0.5", "0.9"});
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[]{
            new SQLTransformer().setStatement("SELECT station, month, reading * 10 AS level FROM __THIS__"),
            forecaster});

        PipelineModel fitted = pipeline.fit(series);
        Dataset<Row> forecasts = fitted.transform(series);
        String saved = work.resolve("forecaster").toString();
        fitted.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        SequenceForecastModel model = assertInstanceOf(SequenceForecastModel.class, loaded.stages()[1]);
        assertEquals("station", model.getKeyCol());

        List<String> columns = List.of("key", "last_time", "step", "time", "target", "forecast", "forecast_q0_1",
                "forecast_q0_5", "forecast_q0_9");
        assertEquals(columns, Arrays.asList(forecasts.columns()));
        assertEquals(forecasts.schema(), fitted.transformSchema(series.schema()));
        List<Row> before = forecasts.orderBy("key", "step").collectAsList();
        assertEquals(before, loaded.transform(series).orderBy("key", "step").collectAsList());
        assertEquals(6, before.size(), "2 series x 3 steps x 1 target: " + before);
        for (int i = 0; i < 6; i++) {
            Row r = before.get(i);
            assertEquals(i < 3 ? "north" : "south", r.getString(0));
            assertEquals(LocalDateTime.of(2004, 12, 1, 0, 0), r.get(1));
            assertEquals(i % 3 + 1, r.getInt(2));
            assertEquals(LocalDateTime.of(2005, 1, 1, 0, 0).plusMonths(i % 3), r.get(3));
            assertEquals("level", r.getString(4));
            double forecast = r.getDouble(5);
            assertEquals(r.getDouble(7), forecast, "the point forecast is the 0.5 level's");
            assertTrue(r.getDouble(6) <= forecast && forecast <= r.getDouble(8), r.toString());
            double low = i < 3 ? 300 : 0;
            assertTrue(forecast > low && forecast < low + 900, "in the series' own range (per-key scaling): " + r);
        }

        StructType intMonth = new StructType().add("station", DataTypes.StringType)
                .add("month", DataTypes.IntegerType).add("level", DataTypes.DoubleType);
        assertEquals("SequenceForecastModel " + model.uid() + ": input column 'month' (timeCol) must be of type "
                + "timestamp, timestamp_ntz, date or string, found int",
                assertThrows(RuntimeException.class, () -> model.transformSchema(intMonth)).getMessage());
        assertEquals("SequenceForecaster f1: input column 'reading' (valueCols) must be of type numeric, found string",
                assertThrows(RuntimeException.class, () -> new SequenceForecaster("f1").setValueCols("reading")
                        .transformSchema(new StructType().add("time", DataTypes.DateType)
                                .add("reading", DataTypes.StringType))).getMessage());
    }

    /** Word-by-word "German": a subject, a verb and an adverb, each with one English word. */
    static final String[][] SUBJECTS = {{"hund", "dog"}, {"katze", "cat"}, {"mann", "man"}, {"frau", "woman"}};
    static final String[][] VERBS = {{"schläft", "sleeps"}, {"läuft", "runs"}, {"singt", "sings"}, {"isst", "eats"},
        {"liest", "reads"}};
    static final String[][] ADVERBS = {{"heute", "today"}, {"hier", "here"}};

    @Test
    void aTranslatorFitsTranslatesAndTranslatesTheSameAfterPipelineSaveAndLoad() throws Exception {
        List<Row> rows = new ArrayList<>();
        Set<String> english = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String[] s = SUBJECTS[i % 4];
            String[] v = VERBS[(i / 4) % 5];
            String[] a = ADVERBS[(i / 20) % 2];
            rows.add(RowFactory.create((long) i, "der " + s[0] + " " + v[0] + " " + a[0],
                    "the " + s[1] + " " + v[1] + " " + a[1]));
            english.addAll(List.of("the", s[1], v[1], a[1]));
        }
        rows.add(RowFactory.create(40L, null, "the dog sleeps")); // no source: rejected by fit, null translation
        rows.add(RowFactory.create(41L, "   ", "the cat")); // no tokens: rejected by fit, null translation
        StructType schema = new StructType().add("id", DataTypes.LongType).add("de", DataTypes.StringType)
                .add("en", DataTypes.StringType);
        Dataset<Row> data = spark.createDataFrame(rows, schema);
        SequenceTranslator translator = new SequenceTranslator().setInputCol("de").setLabelCol("en")
                .setWorkDir(work.resolve("fits").toString()).setConfig("vocabulary.minCount", 1)
                .setConfig("model.hidden", 8).setConfig("model.embedding", 8).setConfig("model.dropout", 0.0)
                .setConfig("decoder.hidden", 16).setConfig("decoder.embedding", 8)
                .setConfig("decoder.attentionalWidth", 16).setConfig("train.epochs", 2)
                .setConfig("train.batchSize", 8).setConfig("train.learningRate", 0.05)
                .setConfig("decode.beamSize", 2).setConfig("decode.maxLength", 8);

        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[]{translator}).fit(data);
        List<Row> before = fitted.transform(data).select("id", "translation").orderBy("id").collectAsList();
        String saved = work.resolve("translation-pipeline").toString();
        fitted.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        List<Row> after = loaded.transform(data).select("id", "translation").orderBy("id").collectAsList();

        assertEquals(before, after);
        SequenceTranslationModel model = assertInstanceOf(SequenceTranslationModel.class, loaded.stages()[0]);
        assertEquals(2, model.getConfig("decode.beamSize"), "the estimator's decode.* are the model's");
        assertEquals(8, model.getConfig("decode.maxLength"));
        assertEquals(42, before.size());
        for (Row r : before.subList(0, 40)) {
            List<String> tokens = List.of(r.getString(1).split(" "));
            assertTrue(tokens.size() <= 7, r.toString()); // decode.maxLength 8, </s> included
            assertTrue(english.containsAll(tokens), "English target tokens only: " + r);
        }
        assertNull(before.get(40).get(1));
        assertNull(before.get(41).get(1));
        // the fit's prepare (beside its model directory): 40 pairs written, the two without a source rejected
        String fitDirectory = ((SequenceTranslationModel) fitted.stages()[0]).directory();
        Map<?, ?> train = (Map<?, ?>) ((Map<?, ?>) Json.readMap(Files.readString(Path.of(fitDirectory)
                .resolveSibling("prepared").resolve("summary.json"))).get("splits")).get("train");
        assertEquals(40L, ((Number) train.get("written")).longValue(), train.toString());
        Map<?, ?> rejected = (Map<?, ?>) train.get("rejectedByReason");
        assertEquals(1, rejected.size(), train.toString());
        assertEquals(2L, ((Number) rejected.get("empty_source")).longValue(), train.toString());
    }

    @Test
    void aLanguageModelFitsScoresLikelihoodsAndScoresTheSameAfterPipelineSaveAndLoad() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(RowFactory.create((long) i, "the " + SUBJECTS[i % 4][1] + " " + VERBS[(i / 4) % 5][1]));
        }
        rows.add(RowFactory.create(30L, null)); // no text: rejected by fit, null likelihood
        rows.add(RowFactory.create(31L, "  ")); // blank: rejected by fit, null likelihood
        rows.add(RowFactory.create(32L, "the dog reads")); // not in the training rows
        Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("id", DataTypes.LongType)
                .add("line", DataTypes.StringType));
        SequenceLanguageModeler modeler = new SequenceLanguageModeler().setInputCol("line")
                .setWorkDir(work.resolve("fits").toString()).setConfig("lm.sequenceLength", 16)
                .setConfig("model.layers", 1).setConfig("model.hidden", 16).setConfig("model.embedding", 8)
                .setConfig("model.dropout", 0.0).setConfig("train.epochs", 2).setConfig("train.batchSize", 8)
                .setConfig("train.learningRate", 0.05).setConfig("split.trainFraction", 1.0);

        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[]{modeler}).fit(data);
        List<Row> before = fitted.transform(data).select("id", "line", "logLikelihood", "perplexity").orderBy("id")
                .collectAsList();
        String saved = work.resolve("lm-pipeline").toString();
        fitted.write().overwrite().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        List<Row> after = loaded.transform(data).select("id", "line", "logLikelihood", "perplexity").orderBy("id")
                .collectAsList();

        assertEquals(before, after);
        assertInstanceOf(SequenceLanguageModel.class, loaded.stages()[0]);
        assertNull(before.get(30).get(2));
        assertNull(before.get(30).get(3));
        assertNull(before.get(31).get(2));
        for (Row r : List.of(before.get(0), before.get(32))) {
            double logLikelihood = r.getDouble(2);
            int units = r.getString(1).length(); // characters, each a target after the boundary
            assertTrue(logLikelihood < 0, r.toString());
            assertEquals(Math.exp(-logLikelihood / units), r.getDouble(3), 1e-9, r.toString());
        }
    }

    @Test
    void translationAndLanguageModelStagesNameTheColumnAndTheTypeTheyExpect() {
        SequenceTranslationModel translation = new SequenceTranslationModel("t1", "unused").setInputCol("de");
        StructType tokens = new StructType().add("de", DataTypes.createArrayType(DataTypes.StringType));
        assertEquals("SequenceTranslationModel t1: input column 'de' (inputCol) must be of type string, found "
                + "array<string>", assertThrows(RuntimeException.class,
                () -> translation.transformSchema(tokens)).getMessage());
        StructType intTarget = new StructType().add("source", DataTypes.StringType)
                .add("target", DataTypes.IntegerType);
        assertEquals("SequenceTranslator t2: input column 'target' (labelCol) must be of type string, found int",
                assertThrows(RuntimeException.class,
                        () -> new SequenceTranslator("t2").transformSchema(intTarget)).getMessage());
        assertEquals(5, translation.getConfig("decode.beamSize"), "the task's default");
        assertEquals("decode.beamSize must be in [1, 100], got 0", assertThrows(InvalidConfigException.class,
                () -> translation.setConfig("decode.beamSize", 0)).getMessage());

        StructType noText = new StructType().add("line", DataTypes.StringType);
        assertEquals("SequenceLanguageModeler l1: input column 'text' (inputCol) is missing; expected a column of "
                + "type string, the input has columns [line]", assertThrows(RuntimeException.class,
                () -> new SequenceLanguageModeler("l1").transformSchema(noText)).getMessage());
        StructType taken = new StructType().add("text", DataTypes.StringType).add("perplexity", DataTypes.DoubleType);
        assertEquals("SequenceLanguageModel l2: output column 'perplexity' (perplexityCol) already exists in the "
                + "input; set perplexityCol to another name", assertThrows(RuntimeException.class,
                () -> new SequenceLanguageModel("l2", "unused").transformSchema(taken)).getMessage());
        StructType out = new SequenceLanguageModel("l3", "unused").transformSchema(noText.add("text",
                DataTypes.StringType));
        assertEquals("double", out.apply("logLikelihood").dataType().catalogString());
        assertEquals("double", out.apply("perplexity").dataType().catalogString());
    }
}
