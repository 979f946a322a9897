package io.ludus.sim.content;

import io.ludus.sim.content.ContentFormatException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentPackTest {
    private static final String CLASS = "class knight health=100 armour=0 speed=1 range=10 attack=1 attackCooldown=10 "
            + "resource=ENERGY maxResource=10 resourceRegen=1 startResource=0 points=1";
    private static final String SLASH = "ability slash target=ENEMY range=10 cooldown=5 cost=0 points=1 damage=10";

    @Test
    void bundledPackOffersAtLeastSixClassesWithMoreAbilitiesThanAUnitCanCarry() {
        ContentPack pack = ContentPack.bundled();

        assertThat(pack.classes()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(pack.classes()).allSatisfy(c ->
                assertThat(c.abilities()).hasSizeGreaterThan(pack.rules().maxAbilitiesPerUnit()));
        assertThat(pack.classes()).extracting(UnitClass::resource).contains(ResourceKind.MANA, ResourceKind.ENERGY);
    }

    @Test
    void versionIsASha256OfTheCanonicalTextIgnoringCommentsAndSpacing() {
        ContentPack plain = ContentPack.parse(SLASH + "\n" + CLASS + " abilities=slash\n");
        ContentPack reformatted = ContentPack.parse("# a comment\n\n  " + SLASH.replace(" ", "   ") + "\r\n"
                + CLASS + " abilities=slash   \n");
        ContentPack changed = ContentPack.parse(SLASH.replace("damage=10", "damage=11") + "\n" + CLASS + " abilities=slash\n");

        assertThat(plain.version()).matches("[0-9a-f]{64}");
        assertThat(reformatted.version()).isEqualTo(plain.version());
        assertThat(changed.version()).isNotEqualTo(plain.version());
        assertThat(plain.version()).isEqualTo(ContentPack.sha256Hex(
                (SLASH + "\n" + CLASS + " abilities=slash\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void packsAreFoundByVersion() {
        ContentPack bundled = ContentPack.bundled();

        assertThat(ContentPacks.byVersion(bundled.version())).isSameAs(bundled);
        assertThat(ContentPacks.all()).contains(bundled);
    }

    @Test
    void unknownVersionIsATypedError() {
        assertThatThrownBy(() -> ContentPacks.byVersion("feed"))
                .isInstanceOfSatisfying(UnknownContentVersionException.class,
                        e -> assertThat(e.contentVersion()).isEqualTo("feed"));
    }

    @Test
    void indicesFollowFileOrder() {
        ContentPack pack = ContentPack.parse(SLASH + "\n" + CLASS + " abilities=slash\n");

        assertThat(pack.abilityIndex("slash")).isZero();
        assertThat(pack.classIndex("knight")).isZero();
        assertThat(pack.classIndex("wizard")).isEqualTo(-1);
        assertThat(pack.allows(0, 0)).isTrue();
    }

    static Stream<Arguments> brokenPacks() {
        return Stream.of(
                Arguments.of("spell fire\n" + CLASS, Problem.UNKNOWN_DIRECTIVE),
                Arguments.of(CLASS + " colour=red", Problem.UNKNOWN_KEY),
                Arguments.of(CLASS.replace("armour=0 ", ""), Problem.MISSING_KEY),
                Arguments.of(CLASS.replace("armour=0", "armour=lots"), Problem.BAD_NUMBER),
                Arguments.of(CLASS.replace("health=100", "health=0"), Problem.VALUE_OUT_OF_RANGE),
                Arguments.of(CLASS.replace("resource=ENERGY", "resource=RAGE"), Problem.BAD_ENUM),
                Arguments.of(CLASS + " abilities=slash", Problem.UNKNOWN_REFERENCE),
                Arguments.of(CLASS + "\n" + CLASS, Problem.DUPLICATE_ID),
                Arguments.of(CLASS + " points=2", Problem.DUPLICATE_KEY),
                Arguments.of(CLASS + " armour", Problem.MALFORMED_FIELD),
                Arguments.of("class Knight health=1", Problem.BAD_ID),
                Arguments.of(SLASH + " heal=5\n" + CLASS, Problem.INCONSISTENT_ABILITY),
                Arguments.of("ability hex target=ALLY range=10 cooldown=5 cost=0 points=1 status=STUN duration=5\n" + CLASS,
                        Problem.INCONSISTENT_ABILITY),
                Arguments.of("rules maxTeamSize=3\nrules maxTeamSize=4\n" + CLASS, Problem.DUPLICATE_RULES),
                Arguments.of("rules minTeamSize=3 maxTeamSize=2\n" + CLASS, Problem.VALUE_OUT_OF_RANGE),
                Arguments.of(SLASH, Problem.NO_CLASSES));
    }

    @ParameterizedTest
    @MethodSource("brokenPacks")
    void brokenPackIsRejectedWithItsProblem(String text, Problem problem) {
        assertThatThrownBy(() -> ContentPack.parse(text))
                .isInstanceOfSatisfying(ContentFormatException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
