package dialer.core.phone;

import java.util.List;

/** Writes the phones of one PBX into its configuration and makes it take them, without a restart. */
public interface PhoneConfigWriter {

    /** Blocking: replaces every phone the dialer wrote before with these. */
    void write(List<PhoneAccount> accounts) throws Exception;
}
