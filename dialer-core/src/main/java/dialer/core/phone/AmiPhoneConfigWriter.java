package dialer.core.phone;

import dialer.ami.asterisk.AmiSettings;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.UpdateConfigAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;

import java.util.List;

/**
 * Writes the phones into Asterisk over AMI, no shared file system needed: one UpdateConfig that
 * reads the empty {@code dialer_blank.conf}, adds every phone's wizard section and saves the result
 * as {@code pjsip_dialer_phones.conf} (which pjsip_wizard.conf includes), then reloads res_pjsip.
 * A connection of its own for each write (writes are rare: a start, a phone added), so the call
 * control's connection and its event thread never wait on it. Asterisk must let the AMI user write
 * config (manager.conf {@code write = ...,config}) and the file must exist (it ships empty).
 */
public final class AmiPhoneConfigWriter implements PhoneConfigWriter {

    static final String SOURCE = "dialer_blank.conf";
    static final String TARGET = "pjsip_dialer_phones.conf";
    private static final long TIMEOUT_MILLIS = 15_000;

    private final AmiSettings ami;
    private final WizardSections sections;

    public AmiPhoneConfigWriter(AmiSettings ami, WizardSections sections) {
        this.ami = ami;
        this.sections = sections;
    }

    @Override
    public void write(List<PhoneAccount> accounts) throws Exception {
        UpdateConfigAction action = new UpdateConfigAction(SOURCE, TARGET, false);
        action.setReload("res_pjsip.so");
        String created = null;
        for (WizardSections.Line line : sections.of(accounts)) {
            if (!line.category().equals(created)) {
                action.addCommand(UpdateConfigAction.ACTION_NEWCAT, line.category(), null, null, null);
                created = line.category();
            }
            action.addCommand(UpdateConfigAction.ACTION_APPEND, line.category(), line.variable(), line.value(), null);
        }
        if (accounts.isEmpty()) {
            // UpdateConfig wants at least one change: an empty category made and removed again
            action.addCommand(UpdateConfigAction.ACTION_NEWCAT, "dialer-no-phones", null, null, null);
            action.addCommand(UpdateConfigAction.ACTION_DELCAT, "dialer-no-phones", null, null, null);
        }
        ManagerConnection connection = new ManagerConnectionFactory(ami.host(), ami.port(), ami.username(), ami.secret())
                .createManagerConnection();
        connection.login("off");
        try {
            ManagerResponse response = connection.sendAction(action, TIMEOUT_MILLIS);
            if (response instanceof ManagerError || response == null) {
                throw new IllegalStateException("Asterisk refused to write " + TARGET + ": "
                        + (response == null ? "no answer" : response.getMessage()));
            }
        } finally {
            connection.logoff();
        }
    }
}
