package dialer.core.lead;

import java.io.IOException;
import java.util.List;

/** Reads an import file one record at a time (bounded memory), checking each. */
interface RecordSource extends AutoCloseable {

    /** The next record with its line (CSV) or position (JSON), or null at the end. */
    Numbered next() throws IOException;

    /** Columns or fields the file has that mean nothing to the import. */
    List<String> unknownColumns();

    @Override
    void close() throws IOException;

    record Numbered(long line, LeadRow row) {
    }
}
