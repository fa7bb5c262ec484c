package io.seqpipe.tasks.lm;

import com.esotericsoftware.kryo.Kryo;
import io.seqpipe.lm.CutSequence;
import io.seqpipe.lm.LmVocabulary;
import io.seqpipe.lm.UnitCounts;
import io.seqpipe.lm.baseline.NgramCounts;
import io.seqpipe.spark.KryoRegistrations;

/**
 * The classes the language-model jobs ship, registered with Kryo ({@link KryoRegistrations}) with Java serialization
 * (Kryo 4 cannot serialize records field by field).
 */
public final class LmKryoClasses implements KryoRegistrations {

    @Override
    public void registerClasses(Kryo kryo) {
        KryoRegistrations.withJavaSerialization(kryo, LmDocument.class, PrepareLmData.StreamDocument.class,
                PrepareLmData.TextPiece.class, UnitPiece.class, CutSequence.class, UnitCounts.class,
                LmVocabulary.class, LmExample.class, LmAdapter.Loss.class,
                EvaluateLm.ChunkLoss.class, NgramCounts.class, ScoreLm.Line.class, ScoreLm.Prompt.class,
                ScoreLmLikelihood.EncodedDocument.class, ScoreLmLikelihood.Likelihood.class);
    }
}
