package dialer.core.lead;

import dialer.core.Invalid;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CSV file's records: the header names the columns (through the list's mapping). */
final class CsvRecords implements RecordSource {

    private static final List<String> PHONE_FIELDS = List.of("phone", "phone_mobile", "phone_home", "phone_work", "phone_third_party");

    private final Reader in;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<String, Integer> fields = new HashMap<>();
    private final Map<String, Integer> customs = new LinkedHashMap<>();
    private final int needed;
    private final String region;
    private final List<String> unknown;

    CsvRecords(Path file, ColumnMapping mapping, String region) throws IOException {
        this.region = region;
        ImportText.Csv text = ImportText.csv(file);
        this.in = text.reader();
        // no header in the format: the header line is read here, so duplicate names are refused, not dropped
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(text.separator())
                .setIgnoreEmptyLines(true).setTrim(true).setIgnoreSurroundingSpaces(true).get();
        Map<String, Integer> header;
        try {
            this.parser = CSVParser.builder().setReader(in).setFormat(format).get();
            this.records = parser.iterator();
            header = records.hasNext() ? ImportText.header(records.next().toList()) : Map.of();
        } catch (UncheckedIOException | IllegalStateException e) {
            in.close();
            throw Invalid.of("file", "not readable as CSV: " + rootMessage(e));
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
        if (header.isEmpty()) {
            close();
            throw Invalid.of("file", "is empty; the first line must be the header, e.g. id,name,phone,amount,days_overdue");
        }
        Map<String, String> columnOfField = new HashMap<>();
        for (var e : header.entrySet()) {
            String field = mapping.fieldOf(e.getKey());
            if (field == null || field.equals("ignore")) {
                continue;
            }
            String earlier = columnOfField.put(field, e.getKey());
            if (earlier != null) {
                close();
                throw Invalid.of("file", "the columns '" + dialer.core.Masked.excerpt(earlier) + "' and '"
                        + dialer.core.Masked.excerpt(e.getKey()) + "' both mean " + field + "; keep one");
            }
            if (field.startsWith("custom:")) {
                customs.put(field.substring(7), e.getValue());
            } else {
                fields.put(field, e.getValue());
            }
        }
        this.unknown = mapping.unknown(header.keySet());
        List<String> missing = new java.util.ArrayList<>(LeadRow.REQUIRED.stream().filter(k -> !fields.containsKey(k)).toList());
        if (PHONE_FIELDS.stream().noneMatch(fields::containsKey)) {
            missing.add("a phone column (phone, phone_mobile, phone_home or phone_work)");
        }
        if (!missing.isEmpty()) {
            close();
            throw Invalid.of("file", "the header lacks " + String.join(", ", missing)
                    + "; needed: id,name,phone,amount,days_overdue (other header names can be mapped to these)");
        }
        this.needed = java.util.stream.Stream.concat(fields.values().stream(), customs.values().stream())
                .mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    @Override
    public Numbered next() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord r = records.next();
            long line = r.getRecordNumber(); // the header is record 1
            if (r.size() < needed) {
                return new Numbered(line, LeadRow.refused("has " + r.size() + " fields, fewer than the header"));
            }
            for (var f : fields.entrySet()) {
                String problem = ImportText.fieldProblem(f.getKey(), r.get(f.getValue()));
                if (problem != null) {
                    return new Numbered(line, LeadRow.refused(problem));
                }
            }
            Map<String, String> custom = new LinkedHashMap<>();
            for (var c : customs.entrySet()) {
                String problem = ImportText.fieldProblem("custom field " + c.getKey(), r.get(c.getValue()));
                if (problem != null) {
                    return new Numbered(line, LeadRow.refused(problem));
                }
                custom.put(c.getKey(), r.get(c.getValue()));
            }
            return new Numbered(line, LeadRow.check(f -> fields.containsKey(f) ? r.get(fields.get(f)) : "", custom, region));
        } catch (UncheckedIOException | IllegalStateException e) {
            throw Invalid.of("file", "not readable as CSV after line " + parser.getCurrentLineNumber() + ": " + rootMessage(e));
        }
    }

    @Override
    public List<String> unknownColumns() {
        return unknown;
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
        in.close();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
