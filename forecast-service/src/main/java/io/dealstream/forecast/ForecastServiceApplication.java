package io.dealstream.forecast;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * forecast-service: forecasts, funnel, scorecards, risks and turnover analytics as MongoDB read models of the event
 * streams. A skeleton for now (boots, health, security); its projections arrive with their own issue.
 */
@OpenAPIDefinition(info = @Info(title = "Dealstream forecast-service", version = "0.1.0"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ForecastServiceApplication extends Application {
}
