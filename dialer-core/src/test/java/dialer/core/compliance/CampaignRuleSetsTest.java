package dialer.core.compliance;

import dialer.compliance.CallOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the guard hears for each disposition code the engine writes, and whether Reg F's 7-in-7 then
 * counts the call (12 CFR 1006.14(b)(3)(ii): a call that does not connect to the dialed number is
 * not counted). The system codes come from the AMI bridge's OutcomeMapping.
 */
class CampaignRuleSetsTest {

    @ParameterizedTest(name = "{0} -> {3}, counted by Reg F: {4} ({5})")
    @CsvSource(delimiter = '|', textBlock = """
            BUSY           | false | false | BUSY                | false | 1006.14(b)(3)(ii): busy, not connected (Q.850 17, originate reason 5)
            INVALID_NUMBER | false | false | NOT_IN_SERVICE      | false | 1006.14(b)(3)(ii): unallocated / disconnected / changed number (Q.850 1, 2, 3, 22, 28)
            CONGESTION     | false | false | NETWORK_FAILURE     | false | 1006.14(b)(3)(ii): the network did not carry the call (Q.850 34, 38, 41, 42, 44, 47, reason 8)
            FAILED         | false | false | FAILED              | true  | unknown whether it connected: counted (conservative)
            NO_ANSWER      | false | false | NO_ANSWER           | true  | rang at the number unanswered: connected, counted
            MACHINE        | false | false | MACHINE             | true  | voicemail: connected, counted (1006.14(b)(3)(ii) commentary)
            ABANDONED      | false | false | ABANDONED           | true  | a person answered
            CALLEE_HUNG_UP | false | false | ANSWERED            | true  | a person answered
            PROMISE        | true  | true  | RIGHT_PARTY_CONTACT | true  | agent disposition, right party
            WRONG_PERSON   | true  | false | CONVERSATION        | true  | agent disposition, someone else
            NO_DISPOSITION | false | false | ANSWERED            | true  | connected to an agent, no disposition
            """)
    void dispositionMapsToTheGuardsOutcome(String code, boolean contact, boolean rightParty, CallOutcome expected,
                                           boolean countedByRegF, String source) {
        CallOutcome o = CampaignRuleSets.outcomeOf(code, contact, rightParty);
        assertThat(o).as(source).isEqualTo(expected);
        assertThat(o.connectedToNumber()).as(source).isEqualTo(countedByRegF);
    }
}
