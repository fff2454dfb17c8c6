package dialer.core.engine;

import dialer.core.campaign.Campaign;

/**
 * The caller id the agent's phone shows for its session call: the campaign's name (some phones
 * refuse an anonymous call, and the agent sees which campaign rings), with the campaign's caller
 * id number, or the agent's extension when the campaign has none.
 */
final class AgentLegCallerId {

    private static final int MAX_NAME = 40;

    private AgentLegCallerId() {
    }

    /** {@code "Name" <number>}; {@code campaign} is null when it is not running here (its id names it then). */
    static String of(Campaign campaign, long campaignId, String extension) {
        String name = campaign == null ? "Campaign " + campaignId : campaign.name();
        name = name.replaceAll("[\"<>\\\\\\p{Cntrl}]", " ").replaceAll("\\s+", " ").trim();
        if (name.isEmpty()) {
            name = "Campaign " + campaignId;
        }
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME).trim();
        }
        String number = campaign == null ? null : numberOf(campaign.callerId());
        return "\"" + name + "\" <" + (number == null ? extension : number) + ">";
    }

    /** The number of a caller id such as {@code +442071234567} or {@code "Acme" <442071234567>}, or null. */
    private static String numberOf(String callerId) {
        if (callerId == null) {
            return null;
        }
        int open = callerId.indexOf('<');
        int close = callerId.indexOf('>', open + 1);
        String number = (open >= 0 && close > open ? callerId.substring(open + 1, close) : callerId).trim();
        return number.matches("\\+?[0-9]{2,20}") ? number : null;
    }
}
