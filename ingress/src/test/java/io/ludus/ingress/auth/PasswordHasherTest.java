package io.ludus.ingress.auth;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1, 1);

    @Test
    void verifiesItsOwnHashAndRefusesAnotherPassword() {
        String hash = hasher.hash("hunter2hunter2");
        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
        assertThat(hasher.verify("hunter2hunter2", hash)).isTrue();
        assertThat(hasher.verify("hunter2hunter3", hash)).isFalse();
        assertThat(hasher.hash("hunter2hunter2")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void verifiesAHashMadeWithOtherParametersBecauseTheyTravelWithIt() {
        String strong = new PasswordHasher(4096, 3, 2, 1).hash("a password");
        assertThat(hasher.verify("a password", strong)).isTrue();
    }

    @Test
    void refusesGarbageInsteadOfThrowing() {
        for (String garbage : new String[] {"", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x,t=1,p=1$AAAA$AAAA",
                "$argon2id$v=19$m=1024,t=1,p=1$!!$AAAA", "$argon2id$v=19$m=99999999,t=1,p=1$AAAA$AAAA"}) {
            assertThat(hasher.verify("x", garbage)).as(garbage).isFalse();
        }
    }
}
