package io.seqpipe.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CategoryEncoderTest {

    static TimeSeries withCategories(String key, String... wind) {
        String[][] cats = new String[wind.length][];
        double[][] v = new double[wind.length][1];
        for (int i = 0; i < wind.length; i++) {
            cats[i] = new String[]{wind[i]};
        }
        return new TimeSeries(key, null, v, cats, null);
    }

    @Test
    void categoriesComeFromTrainingPartsOfAllKeysAndUnseenOnesEncodeAsZeros() {
        TimeSeries a = withCategories("a", "NW", "SE", "cv");
        TimeSeries b = withCategories("b", "NE", "NW", "XX");
        CategoryEncoder enc = CategoryEncoder.learn(List.of("wind"), a, new SeriesSplit("a", 3, 2, 2))
                .merge(CategoryEncoder.learn(List.of("wind"), b, new SeriesSplit("b", 3, 2, 3)));
        assertEquals(List.of(List.of("NE", "NW", "SE")), enc.levels(), "cv and XX are outside the training parts");
        assertEquals(List.of("wind=NE", "wind=NW", "wind=SE"), enc.featureNames());
        float[] out = new float[4];
        assertEquals(0, enc.encode(new String[]{"SE"}, out, 1));
        assertArrayEquals(new float[]{0, 0, 0, 1}, out);
        float[] unseen = new float[3];
        assertEquals(1, enc.encode(new String[]{"cv"}, unseen, 0));
        assertArrayEquals(new float[3], unseen);
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        CategoryEncoder enc = new CategoryEncoder(List.of("wind", "day"), List.of(List.of("NE", "SE"), List.of("mon")));
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(enc, mapper.readValue(mapper.writeValueAsString(enc), CategoryEncoder.class));
        assertEquals(3, enc.width());
    }
}
