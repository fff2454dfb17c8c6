package dialer.core.lead;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dialer.core.Invalid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON file's records: an array of flat objects named like CSV columns (through the list's
 * mapping), with optional {@code phones: [{number, type, relationship}]}, {@code custom: {...}}
 * and flags as arrays. Read with a streaming parser: one record in memory at a time.
 */
final class JsonRecords implements RecordSource {

    private final JsonParser parser;
    private final ColumnMapping mapping;
    private final String region;
    private final Set<String> unknown = new LinkedHashSet<>();
    private long position;

    JsonRecords(Path file, ColumnMapping mapping, String region) throws IOException {
        this.mapping = mapping;
        this.region = region;
        // the same text rules as CSV (a byte-order mark, UTF-16, strict UTF-8, no NUL) but lines of any length
        this.parser = new JsonFactory().createParser(ImportText.openJson(file));
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw Invalid.of("file", "must be a JSON array of debtor records");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            parser.close();
            throw Invalid.of("file", "not readable as JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public Numbered next() throws IOException {
        try {
            JsonToken t = parser.nextToken();
            if (t == JsonToken.END_ARRAY || t == null) {
                return null;
            }
            position++;
            if (t != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return new Numbered(position, LeadRow.refused("is not an object"));
            }
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, String> custom = new LinkedHashMap<>();
            List<LeadRow.RawPhone> phones = new ArrayList<>();
            String problem = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("phones")) {
                    problem = problem != null ? problem : readPhones(value, phones);
                } else if (name.equals("custom")) {
                    problem = problem != null ? problem : readCustom(value, custom);
                } else {
                    String field = mapping.fieldOf(name);
                    if (field == null) {
                        unknown.add(name);
                        parser.skipChildren();
                    } else if (field.equals("ignore")) {
                        parser.skipChildren();
                    } else if (value == JsonToken.START_ARRAY) {
                        List<String> items = new ArrayList<>();
                        while (parser.nextToken() != JsonToken.END_ARRAY) {
                            items.add(parser.getValueAsString(""));
                        }
                        put(field, String.join(";", items), fields, custom);
                    } else if (value == JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        problem = problem != null ? problem : name + " must be a value, not an object";
                    } else {
                        put(field, value == JsonToken.VALUE_NULL ? "" : parser.getValueAsString(""), fields, custom);
                    }
                }
            }
            if (problem != null) {
                return new Numbered(position, LeadRow.refused(problem));
            }
            return new Numbered(position, LeadRow.check(f -> fields.getOrDefault(f, ""), custom, phones, region));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw Invalid.of("file", "not readable as JSON at record " + position + ": " + e.getOriginalMessage());
        }
    }

    private static void put(String field, String value, Map<String, String> fields, Map<String, String> custom) {
        if (field.startsWith("custom:")) {
            custom.put(field.substring(7), value.trim());
        } else {
            fields.put(field, value.trim());
        }
    }

    private String readPhones(JsonToken value, List<LeadRow.RawPhone> phones) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return "phones must be an array of {number, type, relationship}";
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String number = null;
            String type = null;
            String relationship = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "number" -> number = parser.getValueAsString();
                    case "type" -> type = parser.getValueAsString();
                    case "relationship" -> relationship = parser.getValueAsString();
                    default -> parser.skipChildren();
                }
            }
            phones.add(new LeadRow.RawPhone(number, type, relationship));
        }
        return null;
    }

    private String readCustom(JsonToken value, Map<String, String> custom) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return "custom must be an object of names and values";
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            custom.put(name, parser.getValueAsString(""));
            parser.skipChildren();
        }
        return null;
    }

    @Override
    public List<String> unknownColumns() {
        return List.copyOf(unknown);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
