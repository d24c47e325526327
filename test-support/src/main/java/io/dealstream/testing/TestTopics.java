package io.dealstream.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays another service's outbox relay in tests: sends records to the real local broker with the CloudEvents headers
 * the relay writes (binary mode, key = stream id). One producer for the whole test JVM.
 */
public final class TestTopics {

    private TestTopics() {
    }

    /** Created on first use, closed when the test JVM exits. */
    private static final class Producer {
        static final KafkaProducer<String, String> INSTANCE = create();

        private static KafkaProducer<String, String> create() {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, IsolatedRun.bootstrapServers());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
            return producer;
        }
    }

    /**
     * The headers the relay writes for one event.
     *
     * @param source e.g. {@code /customer-service}
     * @param type   the event type without prefix and version, e.g. {@code customer.registered} (published as v1);
     *               its first part is the stream type
     */
    public static Map<String, String> cloudEvent(String source, String type, UUID stream, long version) {
        String now = Instant.now().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_source", source);
        headers.put("ce_type", "io.dealstream." + type + ".v1");
        headers.put("ce_subject", stream.toString());
        headers.put("ce_time", now);
        headers.put("ce_streamversion", Long.toString(version));
        headers.put("ce_streamtype", type.substring(0, type.indexOf('.')));
        headers.put("ce_actor", UUID.randomUUID().toString());
        headers.put("ce_recordedat", now);
        headers.put("content-type", "application/json");
        return headers;
    }

    /** Sends one record with exactly these headers and waits for the broker's acknowledgement. */
    public static void send(String topic, UUID key, Map<String, String> headers, String payload) {
        ProducerRecord<String, String> r = new ProducerRecord<>(topic, key.toString(), payload);
        headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        try {
            Producer.INSTANCE.send(r).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }
}
