package dialer.pacing;

/**
 * Preview pacing: an agent looks at the lead and asks for the call; the dialer places exactly one call per
 * pending request, on that agent's behalf. The driver tracks the requests and reports them in
 * {@link PacingSnapshot#pendingPreviewRequests()}.
 */
public final class PreviewPacer implements Pacer {

    @Override
    public PacingDecision decide(PacingSnapshot snapshot) {
        int requests = snapshot.pendingPreviewRequests();
        return new PacingDecision(requests, "preview: " + requests + " agent request(s)");
    }
}
