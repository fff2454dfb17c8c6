package dialer.core.lead;

/** A list of debtors, with the region its numbers default to and how its files name their columns. */
public record ContactList(long id, String name, String defaultRegion, ColumnMapping mapping) {
}
