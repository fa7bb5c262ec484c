package io.seqpipe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SecretsTest {

    @Test
    void thePasswordOfEveryUriInATextIsMaskedAndTheRestKept() {
        assertEquals("hdfs://user:*****@host:8020/a/b.tsv", Secrets.maskUris("hdfs://user:secret@host:8020/a/b.tsv"));
        assertEquals("cannot read s3a://AKIAKEY:*****@bucket/x and s3a://AKIAKEY:*****@bucket/y: denied",
                Secrets.maskUris("cannot read s3a://AKIAKEY:se/cr@bucket/x and s3a://AKIAKEY:s2@bucket/y: denied"
                        .replace("se/cr", "secret")));
        assertEquals("https://*****@github.com/o/r", Secrets.maskUris("https://ghp_token123@github.com/o/r"));
        assertEquals("paths.train = \"hdfs://u:*****@nn/x\"", Secrets.maskUris("paths.train = \"hdfs://u:p@nn/x\""));
    }

    @Test
    void textWithoutUserInfoIsUnchanged() {
        for (String text : new String[]{"hdfs://nn:8020/a/b@c.tsv", "file:/tmp/x", "user@example.org wrote",
                "http://host/path?user=a@b", "no uri at all", "s3a://bucket/key"}) {
            assertEquals(text, Secrets.maskUris(text));
        }
        assertNull(Secrets.maskUris(null));
    }

    @Test
    void maskedConfigHidesSecretKeysAndUriPasswordsInStringsAndLists() {
        Config c = ConfigFactory.parseString("paths.train = \"hdfs://u:pw@nn/t\", paths.list = [\"s3a://k:pw@b/x\", "
                + "\"/plain\"], registry.password = hunter2, train.epochs = 3");
        Config m = Secrets.masked(c);
        assertEquals("hdfs://u:*****@nn/t", m.getString("paths.train"));
        assertEquals(List.of("s3a://k:*****@b/x", "/plain"), m.getStringList("paths.list"));
        assertEquals("*****", m.getString("registry.password"));
        assertEquals(3, m.getInt("train.epochs"));
    }

    @Test
    void maskedTreeHidesSecretKeysAtAnyDepth() {
        Object tree = Secrets.maskTree(null, Map.of("inputs", List.of(Map.of("path", "hdfs://u:pw@nn/x",
                "rows", 3)), "db", Map.of("apiKey", "k1")));
        assertEquals(Map.of("inputs", List.of(Map.of("path", "hdfs://u:*****@nn/x", "rows", 3)),
                "db", Map.of("apiKey", "*****")), tree);
    }
}
