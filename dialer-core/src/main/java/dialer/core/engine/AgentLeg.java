package dialer.core.engine;

/**
 * An agent's phone leg as others may reach it (a supervisor listening in): where it is and which channel.
 *
 * @param channelId  the leg's channel id on its PBX (the unique id Asterisk knows it by)
 * @param conference the agent's conference, {@code agent-<extension>}
 * @param up         the phone answered and the leg is in the dialplan's hands now
 * @param onCall     the agent is connected to a person now
 */
public record AgentLeg(long agentId, long campaignId, String pbx, String channelId, String conference, boolean up,
                       boolean onCall) {
}
