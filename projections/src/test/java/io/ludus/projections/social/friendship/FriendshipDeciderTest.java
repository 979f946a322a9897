package io.ludus.projections.social.friendship;

import io.ludus.projections.social.friendship.SocialCommand.AcceptRequest;
import io.ludus.projections.social.friendship.SocialCommand.Block;
import io.ludus.projections.social.friendship.SocialCommand.CancelRequest;
import io.ludus.projections.social.friendship.SocialCommand.DeclineRequest;
import io.ludus.projections.social.friendship.SocialCommand.RemoveFriend;
import io.ludus.projections.social.friendship.SocialCommand.SendRequest;
import io.ludus.projections.social.friendship.SocialCommand.Unblock;
import io.ludus.projections.social.friendship.SocialFact.Blocked;
import io.ludus.projections.social.friendship.SocialFact.FriendRemoved;
import io.ludus.projections.social.friendship.SocialFact.RequestAccepted;
import io.ludus.projections.social.friendship.SocialFact.RequestCancelled;
import io.ludus.projections.social.friendship.SocialFact.RequestDeclined;
import io.ludus.projections.social.friendship.SocialFact.RequestSent;
import io.ludus.projections.social.friendship.SocialFact.Unblocked;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Given the pair's past facts, when a command arrives, then these facts or this refusal. */
class FriendshipDeciderTest {

    private static final String ANN = "ann";
    private static final String BOB = "bob";
    private static final Party KNOWN = new Party(true, false, 0);

    private final FriendshipDecider decider = new FriendshipDecider(3);

    private PairState given(SocialFact... facts) {
        PairState state = PairState.empty(ANN, BOB);
        for (SocialFact fact : facts) {
            state = decider.evolve(state, fact);
        }
        return state;
    }

    private Decision when(PairState state, SocialCommand command) {
        return decider.decide(state, command, KNOWN, KNOWN);
    }

    private static Decision.Applied thenFacts(SocialFact... facts) {
        return new Decision.Applied(List.of(facts));
    }

    private static Decision.Refused refusedBecause(Refusal reason) {
        return new Decision.Refused(reason);
    }

    @Nested
    class Requests {

        @Test
        void sendsARequestToAKnownPlayer() {
            assertThat(when(given(), new SendRequest(ANN, "c1", BOB))).isEqualTo(thenFacts(new RequestSent(ANN, BOB)));
        }

        @Test
        void acceptsAPendingRequest() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new AcceptRequest(BOB, "c2", ANN)))
                    .isEqualTo(thenFacts(new RequestAccepted(ANN, BOB)));
        }

        @Test
        void declinesAPendingRequest() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new DeclineRequest(BOB, "c2", ANN)))
                    .isEqualTo(thenFacts(new RequestDeclined(ANN, BOB)));
        }

        @Test
        void requesterCancelsTheirPendingRequest() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new CancelRequest(ANN, "c2", BOB)))
                    .isEqualTo(thenFacts(new RequestCancelled(ANN, BOB)));
        }

        @Test
        void crossingRequestBecomesAFriendship() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new SendRequest(BOB, "c2", ANN)))
                    .isEqualTo(thenFacts(new RequestAccepted(ANN, BOB)));
        }

        @Test
        void aDeclinedRequestCanBeSentAgain() {
            assertThat(when(given(new RequestSent(ANN, BOB), new RequestDeclined(ANN, BOB)), new SendRequest(ANN, "c3", BOB)))
                    .isEqualTo(thenFacts(new RequestSent(ANN, BOB)));
        }

        @Test
        void refusesARequestToOneself() {
            assertThat(decider.decide(PairState.empty(ANN, ANN), new SendRequest(ANN, "c1", ANN), KNOWN, KNOWN))
                    .isEqualTo(refusedBecause(Refusal.SELF_TARGET));
        }

        @Test
        void refusesARequestToAnUnknownAccount() {
            assertThat(decider.decide(given(), new SendRequest(ANN, "c1", BOB), KNOWN, Party.UNKNOWN))
                    .isEqualTo(refusedBecause(Refusal.UNKNOWN_PLAYER));
        }

        @Test
        void refusesARequestToABannedAccount() {
            assertThat(decider.decide(given(), new SendRequest(ANN, "c1", BOB), KNOWN, new Party(true, true, 0)))
                    .isEqualTo(refusedBecause(Refusal.ACCOUNT_BANNED));
        }

        @Test
        void refusesEveryCommandFromABannedAccount() {
            Party banned = new Party(true, true, 0);
            assertThat(decider.decide(given(new RequestSent(BOB, ANN)), new AcceptRequest(ANN, "c1", BOB), banned, KNOWN))
                    .isEqualTo(refusedBecause(Refusal.ACCOUNT_BANNED));
        }

        @Test
        void refusesASecondRequestWhileTheFirstIsPending() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new SendRequest(ANN, "c2", BOB)))
                    .isEqualTo(refusedBecause(Refusal.REQUEST_ALREADY_PENDING));
        }

        @Test
        void refusesARequestBetweenFriends() {
            assertThat(when(given(new RequestSent(ANN, BOB), new RequestAccepted(ANN, BOB)), new SendRequest(BOB, "c3", ANN)))
                    .isEqualTo(refusedBecause(Refusal.ALREADY_FRIENDS));
        }

        @Test
        void refusesAcceptingWithoutARequest() {
            assertThat(when(given(), new AcceptRequest(BOB, "c1", ANN))).isEqualTo(refusedBecause(Refusal.NO_PENDING_REQUEST));
        }

        @Test
        void refusesAcceptingOnesOwnRequest() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new AcceptRequest(ANN, "c2", BOB)))
                    .isEqualTo(refusedBecause(Refusal.NO_PENDING_REQUEST));
        }

        @Test
        void refusesAcceptingBetweenFriends() {
            assertThat(when(given(new RequestSent(ANN, BOB), new RequestAccepted(ANN, BOB)), new AcceptRequest(BOB, "c3", ANN)))
                    .isEqualTo(refusedBecause(Refusal.ALREADY_FRIENDS));
        }

        @Test
        void refusesDecliningWithoutARequest() {
            assertThat(when(given(), new DeclineRequest(BOB, "c1", ANN))).isEqualTo(refusedBecause(Refusal.NO_PENDING_REQUEST));
        }

        @Test
        void refusesCancellingSomeoneElsesRequest() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new CancelRequest(BOB, "c2", ANN)))
                    .isEqualTo(refusedBecause(Refusal.NO_PENDING_REQUEST));
        }
    }

    @Nested
    class FriendCap {

        @Test
        void refusesARequestWhenTheSenderIsAtTheCap() {
            assertThat(decider.decide(given(), new SendRequest(ANN, "c1", BOB), new Party(true, false, 3), KNOWN))
                    .isEqualTo(refusedBecause(Refusal.FRIEND_LIMIT_REACHED));
        }

        @Test
        void refusesARequestWhenTheRecipientIsAtTheCap() {
            assertThat(decider.decide(given(), new SendRequest(ANN, "c1", BOB), KNOWN, new Party(true, false, 3)))
                    .isEqualTo(refusedBecause(Refusal.FRIEND_LIMIT_REACHED));
        }

        @Test
        void refusesAcceptingWhenTheRecipientIsAtTheCap() {
            assertThat(decider.decide(given(new RequestSent(ANN, BOB)), new AcceptRequest(BOB, "c2", ANN),
                    new Party(true, false, 3), KNOWN)).isEqualTo(refusedBecause(Refusal.FRIEND_LIMIT_REACHED));
        }

        @Test
        void refusesACrossingRequestWhenTheRequesterIsAtTheCap() {
            assertThat(decider.decide(given(new RequestSent(ANN, BOB)), new SendRequest(BOB, "c2", ANN),
                    KNOWN, new Party(true, false, 3))).isEqualTo(refusedBecause(Refusal.FRIEND_LIMIT_REACHED));
        }

        @Test
        void acceptsJustBelowTheCap() {
            assertThat(decider.decide(given(new RequestSent(ANN, BOB)), new AcceptRequest(BOB, "c2", ANN),
                    new Party(true, false, 2), new Party(true, false, 2))).isEqualTo(thenFacts(new RequestAccepted(ANN, BOB)));
        }
    }

    @Nested
    class Friends {

        @Test
        void eitherFriendRemovesTheFriendship() {
            PairState friends = given(new RequestSent(ANN, BOB), new RequestAccepted(ANN, BOB));

            assertThat(when(friends, new RemoveFriend(ANN, "c3", BOB))).isEqualTo(thenFacts(new FriendRemoved(ANN, BOB)));
            assertThat(when(friends, new RemoveFriend(BOB, "c3", ANN))).isEqualTo(thenFacts(new FriendRemoved(BOB, ANN)));
        }

        @Test
        void refusesRemovingSomeoneWhoIsNotAFriend() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new RemoveFriend(ANN, "c2", BOB)))
                    .isEqualTo(refusedBecause(Refusal.NOT_FRIENDS));
        }

        @Test
        void removedFriendsCanBecomeFriendsAgain() {
            PairState removed = given(new RequestSent(ANN, BOB), new RequestAccepted(ANN, BOB), new FriendRemoved(BOB, ANN));

            assertThat(removed.isEmpty()).isTrue();
            assertThat(when(removed, new SendRequest(BOB, "c4", ANN))).isEqualTo(thenFacts(new RequestSent(BOB, ANN)));
        }
    }

    @Nested
    class Blocks {

        @Test
        void blockingAFriendRemovesTheFriendship() {
            PairState friends = given(new RequestSent(ANN, BOB), new RequestAccepted(ANN, BOB));

            assertThat(when(friends, new Block(BOB, "c3", ANN)))
                    .isEqualTo(thenFacts(new FriendRemoved(BOB, ANN), new Blocked(BOB, ANN)));
        }

        @Test
        void blockingTheRequesterDeclinesTheirRequest() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new Block(BOB, "c2", ANN)))
                    .isEqualTo(thenFacts(new RequestDeclined(ANN, BOB), new Blocked(BOB, ANN)));
        }

        @Test
        void blockingTheRecipientCancelsOnesOwnRequest() {
            assertThat(when(given(new RequestSent(ANN, BOB)), new Block(ANN, "c2", BOB)))
                    .isEqualTo(thenFacts(new RequestCancelled(ANN, BOB), new Blocked(ANN, BOB)));
        }

        @Test
        void blockingAStrangerOnlyBlocks() {
            assertThat(when(given(), new Block(ANN, "c1", BOB))).isEqualTo(thenFacts(new Blocked(ANN, BOB)));
        }

        @Test
        void aBlockRefusesRequestsBothWays() {
            PairState blocked = given(new Blocked(ANN, BOB));

            assertThat(when(blocked, new SendRequest(BOB, "c2", ANN))).isEqualTo(refusedBecause(Refusal.PLAYER_BLOCKED));
            assertThat(when(blocked, new SendRequest(ANN, "c2", BOB))).isEqualTo(refusedBecause(Refusal.PLAYER_BLOCKED));
        }

        @Test
        void theBlockedPlayerMayBlockBack() {
            assertThat(when(given(new Blocked(ANN, BOB)), new Block(BOB, "c2", ANN))).isEqualTo(thenFacts(new Blocked(BOB, ANN)));
        }

        @Test
        void refusesBlockingTwice() {
            assertThat(when(given(new Blocked(ANN, BOB)), new Block(ANN, "c2", BOB))).isEqualTo(refusedBecause(Refusal.ALREADY_BLOCKED));
        }

        @Test
        void refusesBlockingAnUnknownAccount() {
            assertThat(decider.decide(given(), new Block(ANN, "c1", BOB), KNOWN, Party.UNKNOWN))
                    .isEqualTo(refusedBecause(Refusal.UNKNOWN_PLAYER));
        }

        @Test
        void unblockLiftsOnlyOnesOwnBlock() {
            PairState both = given(new Blocked(ANN, BOB), new Blocked(BOB, ANN));

            assertThat(when(both, new Unblock(ANN, "c3", BOB))).isEqualTo(thenFacts(new Unblocked(ANN, BOB)));
            PairState stillBlocked = decider.evolve(both, new Unblocked(ANN, BOB));
            assertThat(when(stillBlocked, new SendRequest(ANN, "c4", BOB))).isEqualTo(refusedBecause(Refusal.PLAYER_BLOCKED));
        }

        @Test
        void afterUnblockRequestsAreAllowedAgain() {
            PairState unblocked = given(new Blocked(ANN, BOB), new Unblocked(ANN, BOB));

            assertThat(unblocked.isEmpty()).isTrue();
            assertThat(when(unblocked, new SendRequest(BOB, "c3", ANN))).isEqualTo(thenFacts(new RequestSent(BOB, ANN)));
        }

        @Test
        void refusesUnblockingSomeoneNotBlocked() {
            assertThat(when(given(new Blocked(BOB, ANN)), new Unblock(ANN, "c2", BOB))).isEqualTo(refusedBecause(Refusal.NOT_BLOCKED));
        }
    }

    @Nested
    class NoOps {

        @Test
        void resentCommandIsANoOpAndChangesNothing() {
            FriendshipDecider.Step sent = decider.handle(given(), new SendRequest(ANN, "c1", BOB), KNOWN, KNOWN);

            FriendshipDecider.Step again = decider.handle(sent.state(), new SendRequest(ANN, "c1", BOB), KNOWN, KNOWN);

            assertThat(again.decision()).isEqualTo(new Decision.AlreadyApplied());
            assertThat(again.state()).isEqualTo(sent.state());
        }

        @Test
        void aRefusedCommandChangesNothing() {
            PairState pending = decider.handle(given(), new SendRequest(ANN, "c1", BOB), KNOWN, KNOWN).state();

            FriendshipDecider.Step refused = decider.handle(pending, new CancelRequest(BOB, "c9", ANN), KNOWN, KNOWN);

            assertThat(refused.decision()).isEqualTo(refusedBecause(Refusal.NO_PENDING_REQUEST));
            assertThat(refused.state()).isEqualTo(pending);
        }

        @Test
        void handleAppliesEveryFactOfTheDecision() {
            PairState friends = decider.handle(given(new RequestSent(ANN, BOB)), new AcceptRequest(BOB, "c2", ANN), KNOWN, KNOWN).state();

            PairState blocked = decider.handle(friends, new Block(ANN, "c3", BOB), KNOWN, KNOWN).state();

            assertThat(blocked.status()).isEqualTo(PairState.Status.NONE);
            assertThat(blocked.blocks(ANN)).isTrue();
            assertThat(blocked.blocks(BOB)).isFalse();
            assertThat(blocked.lastCommandIdOf(ANN)).isEqualTo("c3");
            assertThat(blocked.lastCommandIdOf(BOB)).isEqualTo("c2");
        }
    }
}
