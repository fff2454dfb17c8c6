package dialer.core.phone;

import dialer.core.db.Sql;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Agents' phones defined in the dialer, kept in step with each PBX: every write puts all of a PBX's
 * accounts into its configuration (so a restarted Asterisk or a lost write is mended by the next
 * one), at the server's start, whenever an account is made, and whenever a PBX comes back.
 *
 * @param writers  by PBX name
 * @param pbxHosts by PBX name: where browsers find its WebSocket and SIP domain
 */
public record PhoneProvisioning(Map<String, PhoneConfigWriter> writers, Map<String, String> pbxHosts, PhoneSettings settings) {

    private static final Logger log = LoggerFactory.getLogger(PhoneProvisioning.class);

    /**
     * Blocking, inside the caller's transaction: writes the PBX's phones as this transaction sees
     * them; a PBX that does not take them is {@link dialer.core.Unavailable} (503, the transaction rolls back).
     */
    public void write(Connection c, String pbx) throws Exception {
        PhoneConfigWriter writer = writers.get(pbx);
        if (writer == null) {
            throw new IllegalStateException("no PBX named '" + pbx + "' to write phones into");
        }
        dialer.core.db.PbxConfigLock.hold(c, pbx, PbxPhoneConfigWriter.FILE);
        List<PhoneAccount> accounts = new PhoneAccounts().onPbx(c, pbx);
        try {
            writer.write(accounts);
        } catch (Exception e) {
            throw new dialer.core.Unavailable("Asterisk '" + pbx + "' did not take the agents' phones: " + e.getMessage(), 10);
        }
        log.info("PBX {}: {} agent phone(s) written", pbx, accounts.size());
    }

    /** At the start: every PBX gets its phones; one that cannot be written now is logged, and mended by the next write. */
    public Future<Void> writeAll(Sql sql) {
        List<Future<Void>> all = new ArrayList<>();
        for (String pbx : writers.keySet()) {
            all.add(rewrite(sql, pbx));
        }
        return Future.all(all).mapEmpty();
    }

    /**
     * Writes one PBX's phones again in a transaction of its own (after the PBX came back: a
     * restarted Asterisk may have lost the file); a failure is logged, never thrown.
     */
    public Future<Void> rewrite(Sql sql, String pbx) {
        return sql.tx(c -> {
            write(c, pbx);
            return (Void) null;
        }).recover(e -> {
            log.warn("PBX {}: the agents' phones could not be written ({}); agents with a dialer-made phone there "
                    + "cannot be rung until the next write", pbx, e.getMessage());
            return Future.succeededFuture();
        });
    }

    public String wsUrl(String pbx) {
        return settings.wsUrlFor(pbxHosts.getOrDefault(pbx, "127.0.0.1"));
    }

    /** Where the browser phones connect ({@code ws://host:port}), for the agent console's content policy. */
    public java.util.Set<String> wsOrigins() {
        java.util.Set<String> origins = new java.util.TreeSet<>();
        for (String pbx : writers.keySet()) {
            java.net.URI uri = java.net.URI.create(wsUrl(pbx));
            origins.add(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
        }
        return origins;
    }

    public String sipDomain(String pbx) {
        return pbxHosts.getOrDefault(pbx, "127.0.0.1");
    }
}
