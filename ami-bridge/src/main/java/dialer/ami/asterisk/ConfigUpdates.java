package dialer.ami.asterisk;

import dialer.ami.ConfigSection;
import org.asteriskjava.manager.action.UpdateConfigAction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The AMI UpdateConfig actions that make a configuration file hold exactly some sections: every
 * section now in it deleted, then each new one added with its lines, in order. Asterisk takes at most
 * 128 headers per AMI action and each command takes up to four, so the commands are split over as
 * many actions as they need, to be sent one after the other.
 */
final class ConfigUpdates {

    static final int COMMANDS_PER_ACTION = 25;

    private ConfigUpdates() {
    }

    /** The actions, in order; none when the file holds nothing and nothing is to be written. */
    static List<UpdateConfigAction> replacing(String file, Collection<String> present, List<ConfigSection> sections) {
        // each command: {action, category, variable, value}
        List<String[]> commands = new ArrayList<>();
        for (String old : new LinkedHashSet<>(present)) {
            commands.add(new String[] {UpdateConfigAction.ACTION_DELCAT, old, null, null});
        }
        for (ConfigSection section : sections) {
            commands.add(new String[] {UpdateConfigAction.ACTION_NEWCAT, section.name(), null, null});
            for (Map.Entry<String, String> line : section.lines()) {
                commands.add(new String[] {UpdateConfigAction.ACTION_APPEND, section.name(), line.getKey(), line.getValue()});
            }
        }
        List<UpdateConfigAction> actions = new ArrayList<>();
        for (int from = 0; from < commands.size(); from += COMMANDS_PER_ACTION) {
            UpdateConfigAction update = new UpdateConfigAction(file, file, false);
            for (String[] c : commands.subList(from, Math.min(commands.size(), from + COMMANDS_PER_ACTION))) {
                update.addCommand(c[0], c[1], c[2], c[3], null);
            }
            actions.add(update);
        }
        return actions;
    }
}
