package io.ludus.ingress.auth;

import io.ludus.ingress.http.ApiErrorCode;
import io.ludus.ingress.http.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LoginModesTest {

    @Test
    void offlineIsTheDefaultOnALoopbackBind() {
        assertThat(new LoginModes(TestAuthProperties.defaults(), TestAuthProperties.noSteam(), "127.0.0.1").enabled())
                .containsExactly(LoginMode.OFFLINE);
        assertThat(new LoginModes(TestAuthProperties.defaults(), TestAuthProperties.noSteam(), "::1").enabled())
                .containsExactly(LoginMode.OFFLINE);
    }

    @Test
    void aNetworkBindWithoutModesFailsStartupNamingTheKey() {
        for (String host : new String[] {"0.0.0.0", "", "203.0.113.4"}) {
            assertThatThrownBy(() -> new LoginModes(TestAuthProperties.defaults(), TestAuthProperties.noSteam(), host))
                    .as(host).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ludus.ingress.auth.modes");
        }
    }

    @Test
    void offlineOnANetworkBindNeedsTheExplicitAllowance() {
        assertThatThrownBy(() -> new LoginModes(TestAuthProperties.with(List.of("offline", "password"), false, 30),
                TestAuthProperties.noSteam(), "0.0.0.0"))
                .hasMessageContaining("allow-remote-offline");
        assertThat(new LoginModes(TestAuthProperties.with(List.of("offline", "password"), true, 30),
                TestAuthProperties.noSteam(), "0.0.0.0").enabled())
                .containsExactlyInAnyOrder(LoginMode.OFFLINE, LoginMode.PASSWORD);
    }

    @Test
    void passwordAloneOnANetworkBindTurnsOfflineOff() {
        LoginModes modes = new LoginModes(TestAuthProperties.with(List.of("password"), false, 30), TestAuthProperties.noSteam(), "0.0.0.0");
        assertThat(modes.enabled()).containsExactly(LoginMode.PASSWORD);
        ApiException refused = catchThrowableOfType(ApiException.class, () -> modes.require(LoginMode.OFFLINE));
        assertThat(refused.code()).isEqualTo(ApiErrorCode.LOGIN_MODE_DISABLED);
    }

    @Test
    void steamWithoutKeyOrAppIdFailsStartupNamingTheKey() {
        assertThatThrownBy(() -> new LoginModes(TestAuthProperties.with(List.of("steam"), false, 30), TestAuthProperties.noSteam(), "0.0.0.0"))
                .hasMessageContaining("ludus.ingress.steam.web-api-key");
    }

    @Test
    void anUnknownModeFailsNamingTheKey() {
        assertThatThrownBy(() -> TestAuthProperties.with(List.of("kerberos"), false, 30))
                .hasMessageContaining("ludus.ingress.auth.modes").hasMessageContaining("kerberos");
    }
}
