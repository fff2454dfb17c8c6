package dialer.core.campaign;

public enum CampaignStatus {
    STOPPED,
    RUNNING,
    /** No new calls; calls in progress finish. */
    PAUSED
}
