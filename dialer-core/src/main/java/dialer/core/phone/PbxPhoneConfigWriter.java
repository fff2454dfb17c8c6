package dialer.core.phone;

import dialer.ami.CallControl;
import dialer.ami.ConfigSection;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes a PBX's phones into {@code pjsip_dialer_phones.conf} (which pjsip_wizard.conf includes)
 * through its call control's {@link CallControl#replaceConfig} (AMI UpdateConfig, no shared file
 * system; the same path as the carrier trunks), then reloads res_pjsip. Asterisk must let the AMI
 * user write config (manager.conf {@code write = ...,config}) and the file must exist (it ships empty).
 */
public final class PbxPhoneConfigWriter implements PhoneConfigWriter {

    static final String FILE = "pjsip_dialer_phones.conf";
    static final List<String> RELOADS = List.of("module reload res_pjsip.so");
    private static final long TIMEOUT_SECONDS = 15;

    private final CallControl control;
    private final WizardSections sections;

    public PbxPhoneConfigWriter(CallControl control, WizardSections sections) {
        this.control = control;
        this.sections = sections;
    }

    @Override
    public void write(List<PhoneAccount> accounts) throws Exception {
        control.replaceConfig(FILE, sectionsOf(accounts), RELOADS).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The wizard's lines, grouped into one section per account, in order. */
    List<ConfigSection> sectionsOf(List<PhoneAccount> accounts) {
        Map<String, List<Map.Entry<String, String>>> byName = new LinkedHashMap<>();
        for (WizardSections.Line line : sections.of(accounts)) {
            byName.computeIfAbsent(line.category(), k -> new ArrayList<>())
                    .add(new AbstractMap.SimpleImmutableEntry<>(line.variable(), line.value()));
        }
        List<ConfigSection> out = new ArrayList<>();
        byName.forEach((name, lines) -> out.add(new ConfigSection(name, lines)));
        return out;
    }
}
