package dialer.core.lead;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Turns what a list says into an E.164 number we may dial, or says why not. */
public final class PhoneNormalizer {

    /** Either {@code e164} or {@code problem} is set. */
    public record Result(String e164, String problem) {
        public boolean ok() {
            return e164 != null;
        }
    }

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNormalizer() {
    }

    public static Result normalize(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return new Result(null, "phone is empty");
        }
        String text = raw.trim();
        if (text.length() > 40) {
            return new Result(null, "phone is too long to be a number");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            return new Result(null, "phone is not a number (" + e.getErrorType().name().toLowerCase().replace('_', ' ') + ")");
        }
        if (!UTIL.isValidNumber(number)) {
            return new Result(null, text.startsWith("+") ? "phone is not a valid number"
                    : "phone is not a valid number for region " + defaultRegion);
        }
        PhoneNumberUtil.PhoneNumberType type = UTIL.getNumberType(number);
        switch (type) {
            case PREMIUM_RATE, SHARED_COST, TOLL_FREE, UAN, VOICEMAIL, PAGER:
                return new Result(null, "phone is a " + type.name().toLowerCase().replace('_', ' ') + " number, not a person's line");
            default:
                return new Result(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), null);
        }
    }
}
