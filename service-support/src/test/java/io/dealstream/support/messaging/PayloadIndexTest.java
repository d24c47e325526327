package io.dealstream.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The payload index against Jackson's tree: whatever it indexes, the tree parses to the same members, kinds and
 * values; what it does not index (escapes, non-ASCII, any syntax error) it leaves to the tree; events as the
 * producers write them are indexed.
 */
class PayloadIndexTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theProducersPayloadsAreIndexedAndReadAsTheTreeReadsThem() throws Exception {
        for (String json : new String[] {
            "{\"dealId\":\"6f1c1d0e-8a3b-4c1e-9d52-1f0e2b3c4d5e\",\"customerId\":\"0b6c2a52-3c43-4a0e-9a44-6b2d7a6f9e10\","
                + "\"title\":\"Synthetic deal\",\"amount\":{\"amount\":\"1200.00\",\"currency\":\"EUR\"},"
                + "\"expectedCloseDate\":\"2030-06-30\",\"ownerId\":\"1d4f7a9c-2b3e-4c5d-8e9f-0a1b2c3d4e5f\",\"stage\":1}",
            "{\"from\":3,\"to\":4,\"reason\":\"benchmark\",\"override\":true,\"unmetGate\":{}}",
            "{\"amount\":{\"amount\":\"5.10\",\"currency\":\"CHF\"},\"previous\":null}",
            " {\n\t\"a\" : [1, -2.5e+3, 0, 0.125, [], {}, [true, false, null], {\"x\": [\"y\"]}] ,\r\n \"b\":-0 } ",
            "{}", "{\"\":\"\"}", "{\"n\":12345678901,\"m\":-2147483648,\"k\":2147483648,\"e\":1E2,\"f\":3.0}",
            "{\"twice\":1,\"twice\":\"two\"}"}) {
            PayloadIndex index = PayloadIndex.of(json.getBytes(StandardCharsets.UTF_8));
            assertThat(index).as(json).isNotNull();
            assertSameAsTree(json, index);
        }
    }

    @Test
    void whatIsNotPlainlyValidIsLeftToTheTree() {
        for (String json : new String[] {"", " ", "[]", "\"x\"", "1", "null", "{", "}", "{\"a\"}", "{\"a\":}",
            "{\"a\":1,}", "{,}", "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}",
            "{\"a\":tru}", "{\"a\":nul}", "{\"a\":NaN}", "{\"a\":'x'}", "{a:1}", "{\"a\":1}x", "{\"a\":1}{}",
            "{\"a\":\"\\\"\"}", "{\"a\":\"\\u0041\"}", "{\"a\":\"Grüße\"}", "{\"a\":\"tab\there\"}", "{\"a\":[1,]}",
            "{\"a\":[1 2]}", "{\"a\":1 \"b\":2}", "\uFEFF{}", "{\"a\":\"x}", "{\"a\":1/*c*/}",
            "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}", "{\"a\":1" + "0".repeat(120) + "}"}) {
            assertThat(PayloadIndex.of(json.getBytes(StandardCharsets.UTF_8))).as(json).isNull();
        }
    }

    @Test
    void randomTextIsIndexedOnlyWhereTheTreeReadsTheSame() throws Exception {
        Random random = new Random(13);
        String[] parts = {"{", "}", "[", "]", ",", ":", " ", "\"a\"", "\"b\"", "\"\"", "1", "-", "0", ".", "5", "e",
            "true", "false", "null", "\"x y\"", "\\", "ü", "\n", "-1.5E-3", "12", "\"a\":", "\"b\":"};
        int indexed = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "{" : "");
            for (int k = random.nextInt(12); k >= 0; k--) {
                text.append(parts[random.nextInt(parts.length)]);
            }
            if (random.nextBoolean()) {
                text.append('}');
            }
            String json = text.toString();
            PayloadIndex index = PayloadIndex.of(json.getBytes(StandardCharsets.UTF_8));
            if (index != null) {
                indexed++;
                assertSameAsTree(json, index);
            }
        }
        assertThat(indexed).as("some random texts are valid objects").isGreaterThan(500);
    }

    /** The tree parses the text to an object whose members the index finds, each with the tree's kind and value. */
    private static void assertSameAsTree(String json, PayloadIndex index) throws Exception {
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.isObject()).as(json).isTrue();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            int m = index.find(member.getKey());
            assertThat(m).as(json).isGreaterThanOrEqualTo(0);
            JsonNode value = member.getValue();
            PayloadIndex.Kind kind = index.kind(m);
            switch (kind) {
                case STRING -> assertThat(index.string(m)).as(json).isEqualTo(value.textValue());
                case NUMBER -> {
                    assertThat(value.isNumber()).as(json).isTrue();
                    Integer whole = index.wholeInt(m);
                    if (whole != null) {
                        assertThat(value.isIntegralNumber() && value.canConvertToInt()).as(json).isTrue();
                        assertThat(value.asInt()).as(json).isEqualTo(whole);
                    } else {
                        assertThat(value.isInt()).as(json).isFalse();
                    }
                }
                case TRUE -> assertThat(value.isBoolean() && value.booleanValue()).as(json).isTrue();
                case FALSE -> assertThat(value.isBoolean() && !value.booleanValue()).as(json).isTrue();
                case NULL -> assertThat(value.isNull()).as(json).isTrue();
                case OBJECT -> {
                    assertThat(value.isObject()).as(json).isTrue();
                    PayloadIndex nested = index.object(m);
                    value.fieldNames().forEachRemaining(name -> assertThat(nested.find(name)).as(json).isGreaterThanOrEqualTo(0));
                }
                case ARRAY -> assertThat(value.isArray()).as(json).isTrue();
            }
        }
        assertThat(index.find("no such member")).isEqualTo(-1);
    }
}
