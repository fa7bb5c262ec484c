package io.seqpipe.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of SeqPipe and the libraries it runs on, and the git commit it was built from. */
public final class BuildInfo {
    private BuildInfo() {
    }

    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        Properties git = load("/io/seqpipe/git.properties");
        out.put("seqpipe", load("/io/seqpipe/build.properties").getProperty("version", "unknown"));
        out.put("gitCommit", git.getProperty("git.commit.id", "unknown"));
        out.put("gitDirty", git.getProperty("git.dirty", "unknown"));
        out.put("dl4j", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
        out.put("dl4jSpark", mavenVersion("org.deeplearning4j", "dl4j-spark_2.12"));
        out.put("nd4jBackend", backend());
        out.put("spark", sparkVersion());
        out.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return out;
    }

    /**
     * The ND4J backend artifact this SeqPipe build was made for ({@code nd4j-native}, or {@code nd4j-cuda-11.6} for
     * the {@code -Pcuda} jar), as Maven wrote it into {@code build.properties}; empty when unknown.
     */
    public static String targetBackend() {
        return load("/io/seqpipe/build.properties").getProperty("nd4jBackend", "");
    }

    private static String backend() {
        try {
            return org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable: " + e;
        }
    }

    private static String sparkVersion() {
        try {
            return org.apache.spark.package$.MODULE$.SPARK_VERSION();
        } catch (LinkageError e) {
            return "unavailable";
        }
    }

    static String mavenVersion(String group, String artifact) {
        return load("/META-INF/maven/" + group + "/" + artifact + "/pom.properties").getProperty("version", "unknown");
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            p.setProperty("error", e.toString());
        }
        return p;
    }
}
