package io.seqpipe.tasks.forecast;

import io.seqpipe.SeqPipeException;
import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.forecast.QuantileLevels;
import io.seqpipe.inference.NetworkShape;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.ModelDirectory;
import org.apache.hadoop.conf.Configuration;

import java.util.List;

/**
 * A saved forecaster with what it was trained with: the data, transform and window settings of the model's own
 * {@code config.json} (never the current config) and the fitted scaler, categories and seasonal indices of its
 * {@code artifacts/}.
 *
 * @param members the serialized network of every ensemble member, member 0 ({@code model.zip}) first; one for a
 *                single network ({@code train.ensemble = 1})
 */
public record ForecasterModel(ModelDirectory.Loaded directory, ForecastTaskConfig trained, ForecastPreprocessing prep,
                              List<byte[]> members) {

    public static ForecasterModel load(String path, Configuration hadoop) {
        ModelDirectory.Loaded loaded = ModelDirectory.load(path, "forecast", hadoop);
        ForecastTaskConfig trained;
        try {
            trained = ForecastTaskConfig.from(loaded.config());
        } catch (InvalidConfigException e) {
            throw new SeqPipeException("model directory " + loaded.path() + " is not a forecaster: " + e.getMessage(),
                    e);
        }
        ForecastPreprocessing prep = ForecastArtifacts.preprocessing(trained.data(), trained.transform(),
                trained.quantiles(), name -> loaded.artifact(name, hadoop));
        List<byte[]> members = loaded.members(hadoop);
        for (int i = 0; i < members.size(); i++) {
            NetworkShape.of(loaded.memberName(i), members.get(i))
                    .requireInputs(NetworkFactory.FIRST_RECURRENT, "first recurrent layer", prep.featureCount(),
                            "the data settings of " + ModelDirectory.CONFIG, "input features")
                    .requireOutputs(NetworkFactory.OUTPUT, "output layer", prep.outputCount(),
                            ModelDirectory.LABELS + " × forecast horizon" + (prep.quantiles().isEmpty() ? ""
                                    : " × " + QuantileLevels.KEY), "outputs");
        }
        return new ForecasterModel(loaded, trained, prep, List.copyOf(members));
    }
}
