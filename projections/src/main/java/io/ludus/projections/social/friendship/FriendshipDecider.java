package io.ludus.projections.social.friendship;

import io.ludus.projections.social.friendship.PairState.Status;
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

import java.util.ArrayList;
import java.util.List;

/**
 * The friendship state machine of one unordered pair, as {@code decide(state, command, parties) -> decision} and
 * {@code evolve(state, fact) -> state}. {@code friendCap} bounds each player's friends.
 */
public record FriendshipDecider(int friendCap) {

    public static final int DEFAULT_FRIEND_CAP = 200;

    public FriendshipDecider {
        if (friendCap < 1) {
            throw new IllegalArgumentException("friendCap must be at least 1, was " + friendCap);
        }
    }

    /** The command's outcome given the pair's state and what is known about the actor and the other player. */
    public Decision decide(PairState state, SocialCommand command, Party actor, Party other) {
        String a = command.actorId();
        String b = command.otherId();
        if (a.equals(b)) {
            return new Decision.Refused(Refusal.SELF_TARGET);
        }
        if (command.commandId().equals(state.lastCommandIdOf(a))) {
            return new Decision.AlreadyApplied();
        }
        if (actor.banned()) {
            return new Decision.Refused(Refusal.ACCOUNT_BANNED);
        }
        return switch (command) {
            case SendRequest c -> sendRequest(state, a, b, actor, other);
            case AcceptRequest c -> {
                if (state.pendingFrom(b)) {
                    yield accept(b, a, actor, other);
                }
                yield refused(state.status() == Status.FRIENDS ? Refusal.ALREADY_FRIENDS : Refusal.NO_PENDING_REQUEST);
            }
            case DeclineRequest c -> state.pendingFrom(b)
                    ? applied(new RequestDeclined(b, a)) : refused(Refusal.NO_PENDING_REQUEST);
            case CancelRequest c -> state.pendingFrom(a)
                    ? applied(new RequestCancelled(a, b)) : refused(Refusal.NO_PENDING_REQUEST);
            case RemoveFriend c -> state.status() == Status.FRIENDS
                    ? applied(new FriendRemoved(a, b)) : refused(Refusal.NOT_FRIENDS);
            case Block c -> block(state, a, b, other);
            case Unblock c -> state.blocks(a) ? applied(new Unblocked(a, b)) : refused(Refusal.NOT_BLOCKED);
        };
    }

    public PairState evolve(PairState state, SocialFact fact) {
        return switch (fact) {
            case RequestSent f -> state.withStatus(Status.PENDING, f.requesterId());
            case RequestAccepted f -> state.withStatus(Status.FRIENDS, null);
            case RequestDeclined f -> state.withStatus(Status.NONE, null);
            case RequestCancelled f -> state.withStatus(Status.NONE, null);
            case FriendRemoved f -> state.withStatus(Status.NONE, null);
            case Blocked f -> state.withBlock(f.blockerId(), true);
            case Unblocked f -> state.withBlock(f.blockerId(), false);
        };
    }

    /** Decides, and when applied evolves the state through every fact and remembers the actor's command id. */
    public Step handle(PairState state, SocialCommand command, Party actor, Party other) {
        Decision decision = decide(state, command, actor, other);
        if (!(decision instanceof Decision.Applied applied)) {
            return new Step(decision, state);
        }
        PairState next = state;
        for (SocialFact fact : applied.facts()) {
            next = evolve(next, fact);
        }
        return new Step(decision, next.withLastCommand(command.actorId(), command.commandId()));
    }

    /** A decision and the pair's state after it. */
    public record Step(Decision decision, PairState state) {}

    private Decision sendRequest(PairState state, String a, String b, Party actor, Party other) {
        if (!other.known()) {
            return refused(Refusal.UNKNOWN_PLAYER);
        }
        if (other.banned()) {
            return refused(Refusal.ACCOUNT_BANNED);
        }
        if (state.blockedEitherWay()) {
            return refused(Refusal.PLAYER_BLOCKED);
        }
        if (state.status() == Status.FRIENDS) {
            return refused(Refusal.ALREADY_FRIENDS);
        }
        if (state.pendingFrom(a)) {
            return refused(Refusal.REQUEST_ALREADY_PENDING);
        }
        if (state.pendingFrom(b)) {
            // both want it: the crossing request is an acceptance
            return accept(b, a, actor, other);
        }
        if (actor.friends() >= friendCap || other.friends() >= friendCap) {
            return refused(Refusal.FRIEND_LIMIT_REACHED);
        }
        return applied(new RequestSent(a, b));
    }

    private Decision accept(String requesterId, String recipientId, Party recipient, Party requester) {
        if (requester.banned()) {
            return refused(Refusal.ACCOUNT_BANNED);
        }
        if (recipient.friends() >= friendCap || requester.friends() >= friendCap) {
            return refused(Refusal.FRIEND_LIMIT_REACHED);
        }
        return applied(new RequestAccepted(requesterId, recipientId));
    }

    private Decision block(PairState state, String a, String b, Party other) {
        if (state.blocks(a)) {
            return refused(Refusal.ALREADY_BLOCKED);
        }
        if (!other.known() && state.isEmpty()) {
            return refused(Refusal.UNKNOWN_PLAYER);
        }
        List<SocialFact> facts = new ArrayList<>(2);
        if (state.status() == Status.FRIENDS) {
            facts.add(new FriendRemoved(a, b));
        } else if (state.pendingFrom(a)) {
            facts.add(new RequestCancelled(a, b));
        } else if (state.pendingFrom(b)) {
            facts.add(new RequestDeclined(b, a));
        }
        facts.add(new Blocked(a, b));
        return new Decision.Applied(facts);
    }

    private static Decision applied(SocialFact fact) {
        return new Decision.Applied(List.of(fact));
    }

    private static Decision refused(Refusal reason) {
        return new Decision.Refused(reason);
    }
}
