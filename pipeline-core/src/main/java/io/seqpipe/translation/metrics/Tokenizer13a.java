package io.seqpipe.translation.metrics;

import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/**
 * sacreBLEU's default BLEU tokenizer {@code 13a} (the tokenization of WMT's {@code mteval-v13a.pl}), as in
 * sacreBLEU 2.x ({@code tokenizers/tokenizer_13a.py} and {@code tokenizer_re.py}):
 * <ol>
 *   <li>remove {@code <skipped>} and {@code -\n}, turn other newlines into spaces, unescape {@code &quot;},
 *       {@code &amp;}, {@code &lt;}, {@code &gt;};</li>
 *   <li>pad with a space on both sides;</li>
 *   <li>put spaces around every ASCII symbol in {@code {|}~ [\]^_` space!"#$%& ()*+ :;<=>?@ /} (that is, all ASCII
 *       punctuation except {@code '}, {@code ,}, {@code -} and {@code .});</li>
 *   <li>split off {@code .} and {@code ,} unless both neighbours are digits (a {@code .}/{@code ,} preceded by a
 *       non-digit gets spaces; then one followed by a non-digit does), and split {@code -} after a digit;</li>
 *   <li>split on (Python) whitespace.</li>
 * </ol>
 * Lower-casing, when wanted, happens before (sacreBLEU's {@code lowercase=True}), as does its {@code rstrip()}.
 */
public final class Tokenizer13a implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Pattern SYMBOLS = Pattern.compile("([\\x7B-\\x7E\\x5B-\\x60\\x20-\\x26\\x28-\\x2B\\x3A-\\x40/])");
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    /** The tokens of {@code line}. */
    public List<String> tokenize(String line) {
        String s = line.replace("<skipped>", "")
                .replace("-\n", "")
                .replace("\n", " ")
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">");
        s = " " + s + " ";
        s = SYMBOLS.matcher(s).replaceAll(" $1 ");
        s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
        s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
        return PythonText.split(s);
    }
}
