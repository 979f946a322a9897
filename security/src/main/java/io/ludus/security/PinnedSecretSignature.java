package io.ludus.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.EachBean;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;

/**
 * Micronaut's HMAC signature verifies a token with whatever HMAC algorithm the token's header
 * names; this one verifies only tokens signed with the configured algorithm.
 */
@EachBean(SecretSignatureConfiguration.class)
@Replaces(SecretSignature.class)
class PinnedSecretSignature extends SecretSignature {

    private final JWSAlgorithm algorithm;

    PinnedSecretSignature(SecretSignatureConfiguration config) {
        super(config);
        this.algorithm = config.getJwsAlgorithm();
    }

    @Override
    public boolean supports(JWSAlgorithm candidate) {
        return algorithm.equals(candidate);
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        return algorithm.equals(jwt.getHeader().getAlgorithm()) && super.verify(jwt);
    }
}
