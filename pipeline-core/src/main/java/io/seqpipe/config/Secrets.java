package io.seqpipe.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way SeqPipe hides secrets in what it prints or persists: values of secret-looking config keys
 * ({@code *password}, {@code *secret}, {@code *credential}, {@code *apikey}, {@code *accesskey}) are replaced whole,
 * and the user-info of every URI in a text is masked: {@code hdfs://user:secret@host/x} becomes
 * {@code hdfs://user:*****@host/x}, and user-info without a password ({@code https://token@host}) becomes
 * {@code *****}. Applied to the resolved config (log, {@code --print-config}, {@code config.resolved.conf}), the
 * model directory's {@code config.json} and {@code provenance.json}, job reports ({@code summary.json},
 * {@code metrics.json}, run logs), the {@code source} of rejects, the console run summary and report lines, and every
 * CLI error line and logged stack trace. {@code conf/log4j2.properties} applies the same pattern to every log line.
 */
public final class Secrets {
    /** What a masked secret reads as. */
    public static final String MASK = "*****";

    // scheme "://" user-info "@": user-info stops at anything that cannot be inside it (path, query, quotes, space)
    private static final Pattern URI_USER_INFO =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.\\-]*://)([^/?#@\\s\"'<>\\\\\\[\\]{}]+)@");

    private Secrets() {
    }

    /** Whether the value of {@code key} (its last path element) is a secret to be replaced whole. */
    public static boolean isSecretKey(String key) {
        String leaf = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return leaf.matches(".*(password|secret|credential|apikey|accesskey)$");
    }

    /**
     * The config with every secret-key value replaced by {@link #MASK} and the user-info of URIs in string values
     * (also inside lists) masked: what SeqPipe persists beside its outputs.
     */
    public static Config masked(Config config) {
        Config out = config;
        for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
            Object masked = maskTree(e.getKey(), e.getValue().unwrapped());
            if (!masked.equals(e.getValue().unwrapped())) {
                out = out.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(masked, "masked"));
            }
        }
        return out;
    }

    /**
     * A JSON-like tree (maps, lists, strings, numbers) with the values of secret keys replaced by {@link #MASK} and
     * the user-info of URIs in strings masked.
     */
    public static Object maskTree(String key, Object value) {
        if (key != null && isSecretKey(key) && value != null) {
            return MASK;
        }
        if (value instanceof String s) {
            return maskUris(s);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(maskTree(null, v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, maskTree(String.valueOf(k), v)));
            return out;
        }
        return value;
    }

    /** {@code text} with the user-info of every URI in it masked; null stays null. */
    public static String maskUris(String text) {
        if (text == null || text.indexOf("://") < 0) {
            return text;
        }
        Matcher m = URI_USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String masked = colon < 0 ? MASK : userInfo.substring(0, colon + 1) + MASK;
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + masked + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
