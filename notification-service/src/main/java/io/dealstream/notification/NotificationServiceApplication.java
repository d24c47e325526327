package io.dealstream.notification;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * notification-service: the 1-15-30 rule engine, alerts, inbox, e-mail and live stream. A skeleton for now (boots,
 * health, security); its rules arrive with their own issue.
 */
@OpenAPIDefinition(info = @Info(title = "Dealstream notification-service", version = "0.1.0"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class NotificationServiceApplication extends Application {
}
