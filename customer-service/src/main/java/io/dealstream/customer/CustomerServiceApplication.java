package io.dealstream.customer;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * customer-service: the company-owned customer archive, staff, departures and handovers, event-sourced in
 * PostgreSQL on the shared event store. A skeleton for now (boots, health, security, event store schema and relay);
 * its domain arrives with its own issue.
 */
@OpenAPIDefinition(info = @Info(title = "Dealstream customer-service", version = "0.1.0"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class CustomerServiceApplication extends Application {
}
