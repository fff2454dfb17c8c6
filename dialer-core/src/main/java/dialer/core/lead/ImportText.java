package dialer.core.lead;

import dialer.core.Invalid;
import dialer.core.Masked;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An uploaded import file as text, the way spreadsheet programs write it: UTF-8 with or without a
 * byte-order mark (Excel's "CSV UTF-8"), UTF-16 LE or BE with a byte-order mark (Excel's "Unicode
 * text"), CRLF or LF. Anything else is refused with a 400 that says what to send instead: a
 * compressed or binary file, bytes that are not UTF-8 (Latin-1, Windows-1252), a NUL character, or
 * a CSV line longer than {@link #LINE_LIMIT} characters (so a huge value is refused as it streams in,
 * before any parser sees it). Every value an importer then checks is capped at {@link #FIELD_LIMIT}.
 */
public final class ImportText {

    /** The longest physical line a file may have. */
    public static final int LINE_LIMIT = 65_536;
    /** The longest value of one field; longer ones are refused before any number or date parser sees them. */
    public static final int FIELD_LIMIT = 1000;

    private static final String SEND = "save it as \"CSV UTF-8\" (Excel) or UTF-8 text, or UTF-16 with a byte-order mark";

    private ImportText() {
    }

    /** Opens the file as text, by its byte-order mark (none: strict UTF-8), refusing what is not text. */
    public static Reader open(Path file) throws IOException {
        return open(file, LINE_LIMIT);
    }

    /**
     * {@link #open(Path)} with lines of any length (JSON is often written on one line; its parser
     * caps numbers and names itself, and every value is capped before it is checked).
     */
    public static Reader openJson(Path file) throws IOException {
        return open(file, Integer.MAX_VALUE);
    }

    private static Reader open(Path file, int lineLimit) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            byte[] head = in.readNBytes(4);
            int skip = 0;
            Charset charset = StandardCharsets.UTF_8;
            if (starts(head, 0x1f, 0x8b)) {
                throw Invalid.of("file", "is gzip-compressed; send the file itself, uncompressed");
            } else if (starts(head, 'P', 'K', 3, 4)) {
                throw Invalid.of("file", "is a ZIP archive (an .xlsx workbook?); " + SEND);
            } else if (starts(head, 0xef, 0xbb, 0xbf)) {
                skip = 3;
            } else if (starts(head, 0xff, 0xfe)) {
                charset = StandardCharsets.UTF_16LE;
                skip = 2;
            } else if (starts(head, 0xfe, 0xff)) {
                charset = StandardCharsets.UTF_16BE;
                skip = 2;
            }
            in.close();
            InputStream body = Files.newInputStream(file);
            body.skipNBytes(skip);
            return new CheckedReader(body, charset, lineLimit);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static boolean starts(byte[] head, int... bytes) {
        if (head.length < bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xff) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** A CSV file opened as text, its separator found from its header line. */
    public record Csv(BufferedReader reader, char separator) {
    }

    /** Opens a CSV file: {@link #open}, and the separator its header line uses. */
    public static Csv csv(Path file) throws IOException {
        BufferedReader reader = new BufferedReader(open(file), LINE_LIMIT + 2);
        try {
            reader.mark(LINE_LIMIT + 1);
            String first = reader.readLine();
            reader.reset();
            return new Csv(reader, separator(first));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The separator of a header line: the one of {@code ,}, {@code ;} and tab it has most of outside
     * quotes ({@code ;} is what spreadsheets write where the decimal mark is a comma); a comma if none.
     */
    public static char separator(String headerLine) {
        if (headerLine == null) {
            return ',';
        }
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char ch = headerLine.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (ch) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /**
     * The header's columns by trimmed name; blank names (a spreadsheet's trailing empty columns) are
     * left out. The same name twice (ignoring case) is refused, naming it: one of the two columns
     * would otherwise be dropped without a word.
     */
    public static Map<String, Integer> header(List<String> names) {
        Map<String, Integer> columns = new java.util.LinkedHashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i).trim();
            if (name.isEmpty()) {
                continue;
            }
            if (name.length() > 200) {
                throw Invalid.of("file", "header column " + (i + 1) + " is longer than 200 characters: '"
                        + Masked.excerpt(name) + "'");
            }
            String earlier = seen.put(name.toLowerCase(Locale.ROOT), name);
            if (earlier != null) {
                throw Invalid.of("file", "the header has the column '" + Masked.excerpt(name)
                        + "' twice; each column needs its own name");
            }
            columns.put(name, i);
        }
        return columns;
    }

    /** A field value over {@link #FIELD_LIMIT} characters, or with a NUL or other control character: what is wrong, else null. */
    public static String fieldProblem(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > FIELD_LIMIT) {
            return field + " is longer than " + FIELD_LIMIT + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0x7f) {
                return field + " contains a control character";
            }
        }
        return null;
    }

    /**
     * Decodes strictly and refuses, with the line, what is not text: bytes that are not the
     * encoding's, a NUL character, a line longer than {@link #LINE_LIMIT}. It decodes itself (not
     * through an InputStreamReader, which reads ahead) so the line it names is the one at fault.
     */
    private static final class CheckedReader extends Reader {
        private final InputStream in;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private boolean eof;
        private boolean flushed;
        private boolean bad;
        private final int lineLimit;
        private long line = 1;
        private int lineLength;

        CheckedReader(InputStream in, Charset charset, int lineLimit) {
            this.in = in;
            this.lineLimit = lineLimit;
            this.charset = charset;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(buf, off, len);
            while (true) {
                if (!bad && !flushed) {
                    CoderResult r = decoder.decode(bytes, out, eof);
                    if (r.isError()) {
                        bad = true; // what came before it is handed out first, so the line is right
                    } else if (r.isUnderflow() && eof && !flushed) {
                        flushed = decoder.flush(out).isUnderflow();
                    }
                }
                int n = out.position() - off;
                if (n > 0) {
                    check(buf, off, n);
                    return n;
                }
                if (bad) {
                    throw Invalid.of("file", charset == StandardCharsets.UTF_8
                            ? "is not UTF-8 text (line " + line + " has a byte that is not UTF-8: Latin-1 or Windows-1252?); " + SEND
                            : "is not valid " + charset.name() + " text (line " + line + "); " + SEND);
                }
                if (eof) {
                    return -1;
                }
                bytes.compact();
                int k = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (k < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + k);
                }
                bytes.flip();
            }
        }

        private void check(char[] buf, int off, int n) {
            for (int i = off; i < off + n; i++) {
                char ch = buf[i];
                if (ch == '\n') {
                    line++;
                    lineLength = 0;
                } else if (ch == 0) {
                    throw Invalid.of("file", "has a NUL character on line " + line
                            + ": it is not a text file, or UTF-16 without a byte-order mark; " + SEND);
                } else if (++lineLength > lineLimit) {
                    throw Invalid.of("file", "line " + line + " is longer than " + lineLimit
                            + " characters; no field may be longer than " + FIELD_LIMIT);
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
