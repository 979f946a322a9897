package io.ludus.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.security.token.validator.TokenValidator;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which token validators a process has: this one alone, or none where token validation is off for the role. */
class AccessTokenValidatorTest {

    @Test
    void replacesMicronautsJwtValidatorSoThatNoSecondPathAcceptsATokenSignedWithTheSecret() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(JwtKeyCheck.SECRET, AccessTokensTest.SECRET))) {
            assertThat(context.getBeansOfType(TokenValidator.class)).singleElement().isInstanceOf(AccessTokenValidator.class);
        }
    }

    @Test
    void aProcessThatChecksNoTokensHasNoValidatorAndNeedsNoKey() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(JwtKeyCheck.ENABLED, false))) {
            assertThat(context.getBeansOfType(TokenValidator.class)).isEmpty();
            assertThat(context.containsBean(AccessTokens.class)).isFalse();
            assertThat(context.containsBean(SigningKeys.class)).isFalse();
        }
    }
}
