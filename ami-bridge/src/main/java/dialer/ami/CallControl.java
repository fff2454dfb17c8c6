package dialer.ami;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the dialer needs from a PBX, and nothing more: place a call, move it, end it, list the
 * live channels, and hear what happens to every call it placed.
 *
 * <p>Every call placed through {@link #originate} carries a call id chosen by the caller; all
 * events about it carry that id back, so nothing is matched by guessing.
 *
 * <p>Commands never block: each returns a future that completes when Asterisk has answered the
 * command, or fails with {@link PbxCommandException} (refused, timed out, or not connected).
 * Listeners are called one after another on the bridge's own event thread (never on the AMI
 * library's dispatch thread); they must not block either.
 */
public interface CallControl extends AutoCloseable {

    /** Connects, and keeps reconnecting until {@link #close()}. Returns at once. */
    void start();

    /** Completes when logged in to Asterisk, or fails after {@code timeout}. */
    CompletableFuture<Void> whenConnected(Duration timeout);

    boolean isConnected();

    /** Places a call; completes when Asterisk has queued it. What happens next arrives as events. */
    CompletableFuture<Void> originate(OriginateRequest request);

    /**
     * Follows a call an earlier run of this process placed (found open in its records after a
     * crash): at the next log-in what the dialplan recorded about it and whether it is still up are
     * told as after a reconnect, and its events are heard from then on. {@code placedAt}: when the
     * call was recorded, before its originate (what Asterisk recorded under the same id before
     * then belongs to an earlier call; null if not known). {@code classified}: its
     * machine-detection outcome (or answer) was told already; {@code joined}: its joining of an
     * agent's conference was. A call Asterisk never created (the earlier run stopped before the
     * originate) ends {@link CallOutcome#NOT_PLACED}. Call before {@link #start()}.
     */
    void adopt(String callId, Instant placedAt, boolean detectMachine, boolean classified, boolean joined);

    /** Moves a live channel (by its channel id) to a dialplan location. */
    CompletableFuture<Void> redirect(String channelId, DialplanLocation target);

    /**
     * Moves two live channels at once, in one command (a person and the agent's phone leg into the
     * call's conference): each to its own location. Fails, moving neither, when either channel is gone.
     */
    CompletableFuture<Void> redirect(String channelId, DialplanLocation target, String extraChannelId, DialplanLocation extraTarget);

    /** Hangs a channel up (by its channel id) with a Q.850 cause (16 = normal clearing). */
    CompletableFuture<Void> hangup(String channelId, int cause);

    /** Sets a channel variable on a live channel (AMI Setvar), for the dialplan to read later. */
    default CompletableFuture<Void> setVariable(String channelId, String name, String value) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("setVariable"));
    }

    /**
     * Starts recording a live channel (by its channel id) with MixMonitor into {@code file}
     * (relative to Asterisk's monitor directory): both directions mixed, until the channel hangs
     * up. Fails with {@link PbxCommandRefused} when the channel is gone.
     * A PBX link that cannot record refuses.
     */
    default CompletableFuture<Void> startRecording(String channelId, String file) {
        return CompletableFuture.failedFuture(new PbxCommandRefused("this PBX link does not record calls"));
    }

    /**
     * Mutes (or unmutes) both directions of a channel's recording: while muted, MixMonitor writes
     * silence, so the file keeps its length and nothing said meanwhile is in it.
     */
    default CompletableFuture<Void> muteRecording(String channelId, boolean mute) {
        return CompletableFuture.failedFuture(new PbxCommandRefused("this PBX link does not record calls"));
    }

    /**
     * Checks the link now, as the periodic ping does: when Asterisk refuses (it is shutting down) or
     * does not answer, the connection is dropped and its loss reported like any other. Completes when
     * Asterisk answered.
     */
    CompletableFuture<Void> ping();

    /**
     * Replaces every section of the Asterisk configuration file {@code file} (which must exist, e.g.
     * an empty file another one {@code #tryinclude}s) with {@code sections}, over AMI (UpdateConfig:
     * no file system shared with Asterisk), then runs {@code reloads} (CLI commands such as {@code
     * module reload res_pjsip.so}) in order. A PBX link that cannot write configuration refuses.
     */
    default CompletableFuture<Void> replaceConfig(String file, List<ConfigSection> sections, List<String> reloads) {
        return CompletableFuture.failedFuture(new PbxCommandRefused("this PBX link does not write configuration"));
    }

    /** The channels Asterisk has now. */
    CompletableFuture<List<LiveChannel>> liveChannels();

    void addListener(CallEventListener listener);

    @Override
    void close();
}
