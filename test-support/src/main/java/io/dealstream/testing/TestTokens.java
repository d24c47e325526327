package io.dealstream.testing;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/** Signed bearer tokens for tests, with the test key pair under {@code dealstream-test/}. */
public final class TestTokens {

    public static final String ISSUER = "https://dealstream.local";
    private static final String PRIVATE_KEY = "dealstream-test/privateKey.pem";

    private TestTokens() {
    }

    public static String token(UUID staffId, String... roles) {
        return token(staffId.toString(), roles);
    }

    public static String token(String subject, String... roles) {
        return Jwt.issuer(ISSUER).subject(subject).upn(subject).groups(Set.of(roles)).expiresIn(3600)
                .sign(PRIVATE_KEY);
    }

    /** A well-formed token signed by a key the services do not trust. */
    public static String forged(String subject, String... roles) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).subject(subject).groups(Set.of(roles)).expiresIn(3600)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "Bearer ..." for an Authorization header. */
    public static String bearer(UUID staffId, String... roles) {
        return "Bearer " + token(staffId, roles);
    }
}
