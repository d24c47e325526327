package io.dealstream.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The running platform: service URLs and tokens minted by the launcher itself ({@code ./dealstream token}). */
final class Platform {

    static final String CUSTOMERS = System.getProperty("dealstream.customers", "http://127.0.0.1:8081");
    static final String DEALS = System.getProperty("dealstream.deals", "http://127.0.0.1:8082");

    private Platform() {
    }

    static RequestSpecification as(String baseUri, UUID staffId, String role) {
        return given().baseUri(baseUri).header("Authorization", "Bearer " + token(staffId, role))
                .contentType(ContentType.JSON);
    }

    /** A token from {@code ./dealstream token}, exactly as a user would mint one. */
    static String token(UUID staffId, String role) {
        Path root = Path.of(System.getProperty("dealstream.root", "..")).toAbsolutePath().normalize();
        try {
            Process p = new ProcessBuilder("bash", root.resolve("dealstream").toString(), "token", "--sub",
                    staffId.toString(), "--roles", role).directory(root.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("./dealstream token failed: " + out);
            }
            return out.lines().reduce((a, b) -> b).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
