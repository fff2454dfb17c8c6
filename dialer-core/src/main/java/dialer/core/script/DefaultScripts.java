package dialer.core.script;

import java.util.ArrayList;
import java.util.List;

/**
 * The scripts shipped with the dialer, for a campaign that has none that fits: one per situation,
 * and for a right-party call one per segment, because experienced collectors open differently
 * with each (a reminder for the forgetful, a plan for hardship, firmness and a date for an
 * avoider). Under a US preset every script for the debtor carries the "mini-Miranda" (FDCPA,
 * 15 U.S.C. 1692e(11); Regulation F, 12 CFR 1006.18(e)), which the agent must read and tick; a
 * call with a third party says nothing of the debt (15 U.S.C. 1692b and 1692c(b)). Other presets
 * ship no required disclosure: a campaign adds its own.
 */
public final class DefaultScripts {

    static final CallScript.Disclosure MINI_MIRANDA = new CallScript.Disclosure("mini-miranda",
            "This is {{campaign.name}}. This is an attempt to collect a debt, and any information obtained will be used for that "
                    + "purpose.", true, "FDCPA 15 U.S.C. 1692e(11); Regulation F 12 CFR 1006.18(e)");

    private DefaultScripts() {
    }

    public static List<CallScript> forCampaign(long campaignId, String preset) {
        boolean us = preset != null && preset.startsWith("US");
        List<CallScript.Disclosure> debtorDisclosures = us ? List.of(MINI_MIRANDA) : List.of();
        List<CallScript> out = new ArrayList<>();
        out.add(script(campaignId, "Right party", null, Situation.RIGHT_PARTY, debtorDisclosures,
                step("Identify", "May I speak with {{debtor.name}}? ... Thank you. My name is {{agent.name}}."),
                step("Disclose", "Read the disclosure below, word for word, before anything about the account."),
                step("State the balance", "Your account shows {{overdue.total}} overdue for {{overdue.days}} days."),
                step("Ask for payment", "Can you pay {{overdue.total}} today? If not, what can you pay, and when?"),
                step("Close", "Confirm the amount and the date; give the payment options; thank them.")));
        out.add(script(campaignId, "Right party: reminder", "forgetful", Situation.RIGHT_PARTY, debtorDisclosures,
                step("Identify", "May I speak with {{debtor.name}}? ... Thank you. My name is {{agent.name}}."),
                step("Disclose", "Read the disclosure below, word for word."),
                step("Remind", "It looks like the last payment was missed: {{overdue.total}}, {{overdue.days}} days overdue. "
                        + "It happens; can we settle it today?"),
                step("Close", "Take the payment or a date within the week; offer a reminder before the due date.")));
        out.add(script(campaignId, "Right party: hardship", "hardship", Situation.RIGHT_PARTY, debtorDisclosures,
                step("Identify", "May I speak with {{debtor.name}}? ... My name is {{agent.name}}."),
                step("Disclose", "Read the disclosure below, word for word."),
                step("Listen", "Ask how things are; let them explain. Do not push for the full {{overdue.total}}."),
                step("Offer a plan", "Offer instalments within the campaign's rules; a small first payment keeps the account "
                        + "from rolling further ({{overdue.bucket}} now)."),
                step("Close", "Confirm each instalment's amount and date; note the hardship reason.")));
        out.add(script(campaignId, "Right party: avoider", "avoider", Situation.RIGHT_PARTY, debtorDisclosures,
                step("Identify", "May I speak with {{debtor.name}}? ... My name is {{agent.name}}."),
                step("Disclose", "Read the disclosure below, word for word."),
                step("Be direct", "We have tried to reach you about {{overdue.total}}, now {{overdue.days}} days overdue."),
                step("Get a commitment", "Ask for a payment today, or a firm date this week. Note any reason given."),
                step("Close", "Repeat the amount and date back; say what happens next if the account stays unpaid, "
                        + "only as the campaign's policy allows.")));
        out.add(script(campaignId, "Broken promise", null, Situation.BROKEN_PROMISE, debtorDisclosures,
                step("Identify", "May I speak with {{debtor.name}}? ... My name is {{agent.name}}."),
                step("Disclose", "Read the disclosure below, word for word."),
                step("Recall the promise", "You promised {{promise.lastAmount}} by {{promise.lastDueDate}}; we have not received "
                        + "it ({{promises.brokenInARow}} promise(s) missed in a row)."),
                step("Ask why", "Ask what happened; listen. Offer a smaller amount sooner rather than a larger one later."),
                step("Close", "Agree a new amount and date the debtor is sure of.")));
        out.add(script(campaignId, "Hardship", null, Situation.HARDSHIP, debtorDisclosures,
                step("Acknowledge", "I am sorry to hear that. Let us find something that works for you."),
                step("Understand", "Ask what changed and what they can afford each month."),
                step("Offer a plan", "Offer instalments within the campaign's rules, starting small."),
                step("Close", "Confirm the plan; note the hardship reason; mention help available where the campaign lists it.")));
        out.add(script(campaignId, "Third party", null, Situation.THIRD_PARTY, List.of(),
                step("Identify yourself only", "My name is {{agent.name}}. I am trying to reach {{debtor.firstName}}."),
                step("Say nothing of the debt", "Do not say why you are calling, who the creditor is, or that there is a debt."),
                step("Leave a way back", "Ask when {{debtor.firstName}} can be reached, or leave your name and a number to call "
                        + "back."),
                step("Close", "Thank them; dispose the call as THIRD_PARTY.")));
        return List.copyOf(out);
    }

    private static CallScript script(long campaignId, String name, String segment, Situation situation,
                                     List<CallScript.Disclosure> disclosures, CallScript.Step... steps) {
        return new CallScript(null, campaignId, name, segment, situation, List.of(steps), disclosures, 0);
    }

    private static CallScript.Step step(String title, String text) {
        return new CallScript.Step(title, text);
    }
}
