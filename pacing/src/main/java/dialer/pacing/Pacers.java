package dialer.pacing;

/** Creates the pacer for a campaign's selected mode. */
public final class Pacers {

    private Pacers() {
    }

    public static Pacer forMode(PacingMode mode) {
        return switch (mode) {
            case PREVIEW -> new PreviewPacer();
            case PROGRESSIVE -> new ProgressivePacer();
            case PREDICTIVE -> new PredictivePacer();
        };
    }
}
