package io.seqpipe.tasks.classification;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.inference.NetworkShape;
import io.seqpipe.model.CharEncoderSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.tasks.CharacterColumn;
import io.seqpipe.tasks.CharacterIds;
import io.seqpipe.text.SequenceShape;
import io.seqpipe.text.TextEncoder;
import io.seqpipe.text.TokenizerConfig;
import org.apache.hadoop.conf.Configuration;

/**
 * A saved classifier with the text encoder it was trained with (tokenizer and sequence settings read from the model's
 * own {@code config.json}, never from the current config), and its character vocabulary when it was trained with a
 * character encoder ({@code model.chars.encoder}; else null). Loading checks that the directory holds a sentiment
 * model whose network takes its vocabularies and gives its labels.
 */
public record ClassifierModel(ModelDirectory.Loaded directory, TextEncoder encoder, CharacterIds chars) {

    public static ClassifierModel load(String path, Configuration hadoop) {
        ModelDirectory.Loaded loaded = ModelDirectory.load(path, "sentiment", hadoop);
        NetworkShape shape = NetworkShape.of(loaded.path().toString(), loaded.weights())
                .requireInputs(NetworkFactory.EMBEDDING, "embedding layer", loaded.vocabulary().size(),
                        ModelDirectory.VOCABULARY, "entries")
                .requireOutputs(NetworkFactory.OUTPUT, "output layer", loaded.labels().size(), ModelDirectory.LABELS,
                        "labels");
        ConfigReader r = new ConfigReader(loaded.config());
        TextEncoder encoder = new TextEncoder(TokenizerConfig.from(r, "tokenizer"), loaded.vocabulary(),
                SequenceShape.from(r, "sequence"));
        return new ClassifierModel(loaded, encoder,
                CharacterColumn.fromModel(loaded, CharEncoderSpec.from(r), shape, hadoop));
    }
}
