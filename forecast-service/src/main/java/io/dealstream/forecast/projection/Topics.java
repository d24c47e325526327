package io.dealstream.forecast.projection;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.Config;

/** The topics the live consumer reads (one per channel; tests point them elsewhere) and how to reach the broker. */
@ApplicationScoped
public class Topics {

    private final Config config;

    public Topics(Config config) {
        this.config = config;
    }

    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (String channel : LiveConsumer.CHANNELS) {
            out.add(config.getOptionalValue("mp.messaging.incoming." + channel + ".topic", String.class).orElse(channel));
        }
        return out;
    }

    public String group() {
        return config.getOptionalValue("mp.messaging.incoming." + LiveConsumer.DEAL_EVENTS + ".group.id", String.class)
                .orElse("forecast-service");
    }

    public Properties client() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        return p;
    }
}
