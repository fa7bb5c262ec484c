package io.seqpipe.ml;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;

/**
 * The column Params of SeqPipe's stages, declared once for the estimators and the models that share them (the
 * estimator's values are copied onto the model it fits).
 */
final class ColumnParams {
    private ColumnParams() {
    }

    static Param<String> inputCol(Params owner, String what) {
        return new Param<>(owner, "inputCol", "the input column: " + what);
    }

    static Param<String> labelCol(Params owner, String what) {
        return new Param<>(owner, "labelCol", "the label column fit trains on: " + what);
    }

    static Param<String> predictionCol(Params owner, String what) {
        return new Param<>(owner, "predictionCol", "the output column transform appends: " + what);
    }

    static Param<String> probabilityCol(Params owner) {
        return new Param<>(owner, "probabilityCol", "the output column transform appends: each class's probability "
                + "(a vector, in the order of the model's labels)");
    }

    static Param<String> logLikelihoodCol(Params owner) {
        return new Param<>(owner, "logLikelihoodCol", "the output column transform appends: the text's "
                + "log-likelihood under the language model (double, nats, summed over its units)");
    }

    static Param<String> perplexityCol(Params owner) {
        return new Param<>(owner, "perplexityCol", "the output column transform appends: the text's perplexity "
                + "(double, exp of the cross-entropy in nats per unit)");
    }

    static Param<String> predictedLabelCol(Params owner) {
        return new Param<>(owner, "predictedLabelCol", "the output column transform appends: the most probable "
                + "label, as the label column names it");
    }

    static Param<String> keyCol(Params owner) {
        return new Param<>(owner, "keyCol", "the series key column (string or integer): its rows form one series per "
                + "key (config key series.keyColumn); unset: all rows are one series, keyed *");
    }

    static Param<String> timeCol(Params owner) {
        return new Param<>(owner, "timeCol", "the time column (timestamp, date, or string in series_timestampFormat;"
                + " config key series.timestampColumns); not read when series_timestampFormat = none, where the rows'"
                + " order is the time index");
    }

    static StringArrayParam valueCols(Params owner) {
        return new StringArrayParam(owner, "valueCols", "the value columns (numeric), in feature order (config key "
                + "series.valueColumns); window_targetColumns names those forecast (unset: all)");
    }
}
