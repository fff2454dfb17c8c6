package dialer.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Serialises the dialer nodes' writes of one configuration file of one Asterisk (its trunks, its
 * agents' phones): each write reads the file, deletes what it found and adds its own, so two nodes
 * writing at once (both starting, say) could leave it with duplicates. A transaction-scoped
 * advisory lock on the PBX and file, held while the write runs.
 */
public final class PbxConfigLock {

    private PbxConfigLock() {
    }

    /** Blocks until this transaction holds the lock of {@code pbx}'s {@code file}; released at its end. */
    public static void hold(Connection c, String pbx, String file) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtext('pbx-config'), hashtext(?))")) {
            ps.setString(1, pbx + "/" + file);
            ps.executeQuery().close();
        }
    }
}
