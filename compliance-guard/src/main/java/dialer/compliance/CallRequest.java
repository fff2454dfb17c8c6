package dialer.compliance;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A proposed call: who, which debts, which number, by which path, and what the server knows about
 * the callee. Build with {@link #builder()}; {@link Builder#build()} rejects bad input with a message
 * naming the problem (the message masks the phone number).
 *
 * @param debtIds the debts/accounts the call is about (Reg F counts per debt); empty = count per debtor
 * @param explicitZone a time zone the server knows for the callee, or null
 * @param addressCountry ISO 3166-1 alpha-2 country of the callee's address, or null
 * @param addressState state/province/territory code of the address (e.g. "TX", "NSW"), or null
 * @param addressPostalCode postal code of the address, or null
 * @param consent consent the server holds for this number, or null (stored consents are looked up too)
 * @param debtorOwnNumbersExhausted the debtor's own numbers were all tried and are unreachable
 *        (gate for dialing THIRD_PARTY numbers)
 * @param agentOnLine a live agent is guaranteed to be on the line when the callee answers
 * @param creditorId the creditor whose debts the campaign collects, or null: list entries held for that
 *        creditor (e.g. a do-not-call request "for all of this creditor's campaigns") then apply
 * @param debtorOwnNumbers the debtor's own valid numbers (E.164) as the server knows them, for the
 *        third-party gate, which checks in the history that each was tried; empty when none are known
 */
public record CallRequest(
        String campaignId,
        String debtorId,
        Set<String> debtIds,
        String leadId,
        String phone,
        PhoneType phoneType,
        ZoneId explicitZone,
        String addressCountry,
        String addressState,
        String addressPostalCode,
        Set<AccountFlag> flags,
        Consent consent,
        CallPath path,
        boolean debtorOwnNumbersExhausted,
        boolean agentOnLine,
        String creditorId,
        Set<String> debtorOwnNumbers) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern ID = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public CallRequest {
        requireId("campaignId", campaignId);
        requireId("debtorId", debtorId);
        requireId("leadId", leadId);
        debtIds = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNullElse(debtIds, Set.of())));
        for (String d : debtIds) {
            requireId("debt id", d);
        }
        if (phone == null || !E164.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone must be an E.164 number like +12025550123, got "
                    + (phone == null ? "null" : "'" + Masking.phone(phone) + "' (" + phone.length() + " characters)"));
        }
        if (!possible(phone)) {
            throw new IllegalArgumentException("phone " + Masking.phone(phone) + " is not a possible number for its country code");
        }
        if (phoneType == null) {
            throw new IllegalArgumentException("phoneType is required (OWN_MOBILE, HOME, WORK or THIRD_PARTY)");
        }
        if (path == null) {
            throw new IllegalArgumentException("path is required (AUTOMATIC, CALLBACK, MANUAL, PREVIEW or RETRY)");
        }
        if (addressCountry != null) {
            addressCountry = addressCountry.trim().toUpperCase(Locale.ROOT);
            if (!COUNTRY.matcher(addressCountry).matches()) {
                throw new IllegalArgumentException("addressCountry must be an ISO 3166-1 alpha-2 code like US, got '" + addressCountry + "'");
            }
        }
        if (addressState != null) {
            addressState = addressState.trim().toUpperCase(Locale.ROOT);
            if (addressState.isEmpty()) {
                addressState = null;
            }
        }
        if (addressPostalCode != null) {
            addressPostalCode = addressPostalCode.trim().toUpperCase(Locale.ROOT);
            if (addressPostalCode.isEmpty()) {
                addressPostalCode = null;
            }
        }
        flags = flags == null || flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (creditorId != null) {
            requireId("creditorId", creditorId);
        }
        debtorOwnNumbers = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNullElse(debtorOwnNumbers, Set.of())));
        for (String n : debtorOwnNumbers) {
            if (n == null || !E164.matcher(n).matches()) {
                throw new IllegalArgumentException("debtorOwnNumbers must be E.164 numbers, got "
                        + (n == null ? "null" : "'" + Masking.phone(n) + "'"));
            }
        }
    }

    /** The request as it was before it knew the creditor and the debtor's own numbers. */
    public CallRequest(String campaignId, String debtorId, Set<String> debtIds, String leadId, String phone,
                       PhoneType phoneType, ZoneId explicitZone, String addressCountry, String addressState,
                       String addressPostalCode, Set<AccountFlag> flags, Consent consent, CallPath path,
                       boolean debtorOwnNumbersExhausted, boolean agentOnLine) {
        this(campaignId, debtorId, debtIds, leadId, phone, phoneType, explicitZone, addressCountry, addressState,
                addressPostalCode, flags, consent, path, debtorOwnNumbersExhausted, agentOnLine, null, Set.of());
    }

    private static boolean possible(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.isPossibleNumber(util.parse(e164, null));
        } catch (NumberParseException e) {
            return false;
        }
    }

    private static void requireId(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required and must not be blank");
        }
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-200 characters without control characters");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A copy with another path, e.g. to ask about a manual call instead of an automatic one. */
    public CallRequest withPath(CallPath newPath) {
        return new CallRequest(campaignId, debtorId, debtIds, leadId, phone, phoneType, explicitZone, addressCountry,
                addressState, addressPostalCode, flags, consent, newPath, debtorOwnNumbersExhausted, agentOnLine, creditorId,
                debtorOwnNumbers);
    }

    @Override
    public String toString() {
        return "CallRequest[campaign=" + campaignId + ", debtor=" + debtorId + ", debts=" + debtIds + ", lead=" + leadId
                + ", phone=" + Masking.phone(phone) + " (" + phoneType + "), path=" + path + "]";
    }

    public static final class Builder {
        private String campaignId;
        private String debtorId;
        private final List<String> debtIds = new ArrayList<>();
        private String leadId;
        private String phone;
        private PhoneType phoneType;
        private ZoneId explicitZone;
        private String addressCountry;
        private String addressState;
        private String addressPostalCode;
        private final Set<AccountFlag> flags = EnumSet.noneOf(AccountFlag.class);
        private Consent consent;
        private CallPath path = CallPath.AUTOMATIC;
        private boolean debtorOwnNumbersExhausted;
        private boolean agentOnLine;
        private String creditorId;
        private final List<String> debtorOwnNumbers = new ArrayList<>();

        public Builder campaign(String id) { this.campaignId = id; return this; }
        public Builder debtor(String id) { this.debtorId = id; return this; }
        public Builder debts(String... ids) { this.debtIds.addAll(List.of(ids)); return this; }
        public Builder debts(Collection<String> ids) { this.debtIds.addAll(ids); return this; }
        public Builder lead(String id) { this.leadId = id; return this; }
        public Builder phone(String e164, PhoneType type) { this.phone = e164; this.phoneType = type; return this; }
        public Builder zone(ZoneId zone) { this.explicitZone = zone; return this; }

        /** An explicit IANA zone id; a bad id is rejected naming it. */
        public Builder zone(String zoneId) {
            try {
                this.explicitZone = zoneId == null ? null : ZoneId.of(zoneId);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("explicit time zone '" + zoneId + "' is not a known IANA zone id", e);
            }
            return this;
        }

        public Builder address(String country, String state, String postalCode) {
            this.addressCountry = country;
            this.addressState = state;
            this.addressPostalCode = postalCode;
            return this;
        }

        public Builder flags(AccountFlag... f) { this.flags.addAll(List.of(f)); return this; }
        public Builder flags(Collection<AccountFlag> f) { this.flags.addAll(f); return this; }
        public Builder consent(Consent c) { this.consent = c; return this; }
        public Builder path(CallPath p) { this.path = p; return this; }
        public Builder debtorOwnNumbersExhausted(boolean b) { this.debtorOwnNumbersExhausted = b; return this; }
        public Builder agentOnLine(boolean b) { this.agentOnLine = b; return this; }
        /** The creditor whose debts the campaign collects (list entries held for the creditor then apply). */
        public Builder creditor(String id) { this.creditorId = id; return this; }
        /** The debtor's own valid numbers (E.164), for the third-party gate. */
        public Builder debtorOwnNumbers(Collection<String> numbers) { this.debtorOwnNumbers.addAll(numbers); return this; }
        public Builder debtorOwnNumbers(String... numbers) { this.debtorOwnNumbers.addAll(List.of(numbers)); return this; }

        public CallRequest build() {
            return new CallRequest(campaignId, debtorId, new LinkedHashSet<>(debtIds), leadId, phone, phoneType,
                    explicitZone, addressCountry, addressState, addressPostalCode, flags, consent, path,
                    debtorOwnNumbersExhausted, agentOnLine, creditorId, new LinkedHashSet<>(debtorOwnNumbers));
        }
    }
}
