package io.dealstream.deal;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** deal-service: deals through the standard 8-stage process, event-sourced in PostgreSQL, published to deal-events. */
@OpenAPIDefinition(info = @Info(title = "Dealstream deal-service", version = "0.1.0"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class DealServiceApplication extends Application {
}
