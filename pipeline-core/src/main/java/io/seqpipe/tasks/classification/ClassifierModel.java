package io.seqpipe.tasks.classification;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.provenance.ModelDirectory;
import io.seqpipe.text.SequenceShape;
import io.seqpipe.text.TextEncoder;
import io.seqpipe.text.TokenizerConfig;
import org.apache.hadoop.conf.Configuration;

/**
 * A saved classifier with the text encoder it was trained with (tokenizer and sequence settings read from the model's
 * own {@code config.json}, never from the current config).
 */
public record ClassifierModel(ModelDirectory.Loaded directory, TextEncoder encoder) {

    public static ClassifierModel load(String path, Configuration hadoop) {
        ModelDirectory.Loaded loaded = ModelDirectory.load(path, hadoop);
        ConfigReader r = new ConfigReader(loaded.config());
        TextEncoder encoder = new TextEncoder(TokenizerConfig.from(r, "tokenizer"), loaded.vocabulary(),
                SequenceShape.from(r, "sequence"));
        return new ClassifierModel(loaded, encoder);
    }
}
