package dialer.ami.asterisk;

import dialer.ami.ConfigSection;
import org.asteriskjava.manager.action.UpdateConfigAction;
import org.junit.jupiter.api.Test;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigUpdatesTest {

    private static ConfigSection section(String name, int lines) {
        List<Map.Entry<String, String>> l = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            l.add(new AbstractMap.SimpleImmutableEntry<>("key" + i, "value" + i));
        }
        return new ConfigSection(name, l);
    }

    /** The commands of the actions, in order, as "Action/Cat/Var/Value". */
    private static List<String> commands(List<UpdateConfigAction> actions) {
        List<String> out = new ArrayList<>();
        for (UpdateConfigAction a : actions) {
            Map<String, String> attributes = a.getAttributes();
            for (int i = 0; attributes.containsKey(String.format("Action-%06d", i)); i++) {
                String n = String.format("%06d", i);
                out.add(attributes.get("Action-" + n) + "/" + attributes.get("Cat-" + n) + "/" + attributes.get("Var-" + n)
                        + "/" + attributes.get("Value-" + n));
            }
        }
        return out;
    }

    @Test
    void deletesWhatIsThereThenAddsEachSectionWithItsLinesInOrder() {
        List<UpdateConfigAction> actions = ConfigUpdates.replacing("pjsip_dialer_trunks.conf", List.of("old-a", "old-b", "old-a"),
                List.of(section("carrier", 2), section("carrier-aor", 1)));
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).getSrcFilename()).isEqualTo("pjsip_dialer_trunks.conf");
        assertThat(actions.get(0).getDstFilename()).isEqualTo("pjsip_dialer_trunks.conf");
        assertThat(commands(actions)).containsExactly("DelCat/old-a/null/null", "DelCat/old-b/null/null",
                "NewCat/carrier/null/null", "Append/carrier/key0/value0", "Append/carrier/key1/value1",
                "NewCat/carrier-aor/null/null", "Append/carrier-aor/key0/value0");
    }

    @Test
    void aFloorsWorthOfSectionsIsSplitSoThatNoActionPassesAsterisksHeaderLimit() {
        List<ConfigSection> phones = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            phones.add(section("agent" + (1000 + i), 15));
        }
        List<UpdateConfigAction> actions = ConfigUpdates.replacing("pjsip_dialer_phones.conf", List.of("agent999"), phones);
        int commands = 1 + 100 * 16;
        assertThat(actions).hasSize((commands + ConfigUpdates.COMMANDS_PER_ACTION - 1) / ConfigUpdates.COMMANDS_PER_ACTION);
        for (UpdateConfigAction a : actions) {
            // the action's own headers (Action, ActionID, SrcFilename, DstFilename, Reload) and the commands'
            assertThat(a.getAttributes().size() + 5).as("headers of one action").isLessThanOrEqualTo(128);
        }
        List<String> all = commands(actions);
        assertThat(all).hasSize(commands);
        assertThat(all.get(0)).isEqualTo("DelCat/agent999/null/null");
        assertThat(all.get(all.size() - 1)).isEqualTo("Append/agent1099/key14/value14");
    }

    @Test
    void nothingThereAndNothingToWriteIsNoAction() {
        assertThat(ConfigUpdates.replacing("pjsip_dialer_phones.conf", List.of(), List.of())).isEmpty();
    }
}
