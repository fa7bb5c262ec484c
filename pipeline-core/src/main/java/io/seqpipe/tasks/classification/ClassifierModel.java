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

import java.util.ArrayList;
import java.util.List;

/**
 * A saved classifier with the text encoder it was trained with (tokenizer and sequence settings read from the model's
 * own {@code config.json}, never from the current config), and its character vocabulary when it was trained with a
 * character encoder ({@code model.chars.encoder}; else null). Loading checks that the directory holds a sentiment
 * model whose every network (each ensemble member's, {@code train.ensemble}) takes its vocabularies and gives its labels.
 *
 * @param members the serialized network of every ensemble member, member 0 ({@code model.zip}) first; one for a
 *                single network
 */
public record ClassifierModel(ModelDirectory.Loaded directory, TextEncoder encoder, CharacterIds chars,
                              List<byte[]> members) {

    public static ClassifierModel load(String path, Configuration hadoop) {
        ModelDirectory.Loaded loaded = ModelDirectory.load(path, "sentiment", hadoop);
        List<byte[]> members = loaded.members(hadoop);
        List<NetworkShape> shapes = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            shapes.add(NetworkShape.of(loaded.memberName(i), members.get(i))
                    .requireInputs(NetworkFactory.EMBEDDING, "embedding layer", loaded.vocabulary().size(),
                            ModelDirectory.VOCABULARY, "entries")
                    .requireOutputs(NetworkFactory.OUTPUT, "output layer", loaded.labels().size(),
                            ModelDirectory.LABELS, "labels"));
        }
        NetworkShape shape = shapes.get(0);
        ConfigReader r = new ConfigReader(loaded.config());
        TextEncoder encoder = new TextEncoder(TokenizerConfig.from(r, "tokenizer"), loaded.vocabulary(),
                SequenceShape.from(r, "sequence"));
        return new ClassifierModel(loaded, encoder,
                CharacterColumn.fromModel(loaded, CharEncoderSpec.from(r), shape, hadoop), List.copyOf(members));
    }
}
