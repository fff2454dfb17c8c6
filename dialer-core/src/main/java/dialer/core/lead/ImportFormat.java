package dialer.core.lead;

/** The file formats a list accepts. */
public enum ImportFormat {
    /** RFC 4180, header line first; columns named as {@link LeadRow}'s fields, aliases, or through a mapping. */
    CSV,
    /** An array of flat objects with the same field names, plus optional {@code phones} and {@code custom}. */
    JSON
}
