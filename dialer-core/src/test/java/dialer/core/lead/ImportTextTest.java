package dialer.core.lead;

import dialer.core.Invalid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Import files as spreadsheet programs write them: encodings, separators, headers, caps. No database. */
class ImportTextTest {

    private static final String GOOD = "id,name,phone,amount,days_overdue\r\nD1,Ann Lee,(212) 555-0121,120.50,45\r\n";

    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws IOException {
        Path f = dir.resolve("upload-" + System.nanoTime());
        Files.write(f, bytes);
        return f;
    }

    private static byte[] with(byte[] bom, String text, Charset charset) {
        byte[] body = text.getBytes(charset);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    /** Every record of the file, each as the record's problem or "ok <id> <amount>". */
    private List<String> rows(Path f) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecords records = new CsvRecords(f, ColumnMapping.NONE, "US")) {
            RecordSource.Numbered n;
            while ((n = records.next()) != null) {
                LeadRow r = n.row();
                out.add(n.line() + " " + (r.problem() != null ? r.problem()
                        : "ok " + r.externalId() + " " + r.name() + " " + r.account().amount()));
            }
        }
        return out;
    }

    private static String problem(Throwable t) {
        assertThat(t).isInstanceOf(Invalid.class);
        return ((Invalid) t).problems().get(0).field() + ": " + ((Invalid) t).problems().get(0).problem();
    }

    @Test
    void readsExcelCsvUtf8WithItsByteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        assertThat(rows(file(with(bom, GOOD, StandardCharsets.UTF_8)))).containsExactly("2 ok D1 Ann Lee 120.50");
    }

    @Test
    void readsUtf16LittleAndBigEndianWithByteOrderMarks() throws IOException {
        String text = GOOD.replace("Ann Lee", "Zoë Ōtake");
        assertThat(rows(file(with(new byte[] {(byte) 0xff, (byte) 0xfe}, text, StandardCharsets.UTF_16LE))))
                .containsExactly("2 ok D1 Zoë Ōtake 120.50");
        assertThat(rows(file(with(new byte[] {(byte) 0xfe, (byte) 0xff}, text, StandardCharsets.UTF_16BE))))
                .containsExactly("2 ok D1 Zoë Ōtake 120.50");
    }

    @Test
    void detectsSemicolonAndTabSeparatorsFromTheHeaderLine() throws IOException {
        String semicolons = "id;name;phone;amount;days_overdue\r\nD1;\"Lee, Ann\";(212) 555-0121;\"1,120.50\";45\r\n";
        assertThat(rows(file(semicolons.getBytes(StandardCharsets.UTF_8)))).containsExactly("2 ok D1 Lee, Ann 1120.50");
        String tabs = "id\tname\tphone\tamount\tdays_overdue\nD1\tAnn; Lee\t(212) 555-0121\t99\t45\n";
        assertThat(rows(file(tabs.getBytes(StandardCharsets.UTF_8)))).containsExactly("2 ok D1 Ann; Lee 99");
        assertThat(ImportText.separator("a,b;c,d")).isEqualTo(',');
        assertThat(ImportText.separator("\"a;b\",c")).isEqualTo(',');
        assertThat(ImportText.separator("single")).isEqualTo(',');
    }

    @Test
    void refusesDuplicateHeaderNamesNamingTheColumn() {
        String csv = "id,name,phone,amount,days_overdue,Phone\nD1,Ann,(212) 555-0121,1,2,(212) 555-0122\n";
        assertThatThrownBy(() -> rows(file(csv.getBytes(StandardCharsets.UTF_8))))
                .satisfies(t -> assertThat(problem(t)).contains("file: ").contains("'Phone' twice"));
        String aliases = "id,external_id,name,phone,amount,days_overdue\nD1,E1,Ann,(212) 555-0121,1,2\n";
        assertThatThrownBy(() -> rows(file(aliases.getBytes(StandardCharsets.UTF_8))))
                .satisfies(t -> assertThat(problem(t)).contains("'id' and 'external_id' both mean id"));
    }

    @Test
    void ignoresBlankTrailingHeaderColumns() throws IOException {
        String csv = "id,name,phone,amount,days_overdue,,\nD1,Ann Lee,(212) 555-0121,7,45,,\n";
        assertThat(rows(file(csv.getBytes(StandardCharsets.UTF_8)))).containsExactly("2 ok D1 Ann Lee 7");
    }

    @Test
    void refusesGzipZipNulAndLatin1SayingWhatToSend() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(GOOD.getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> rows(file(gz.toByteArray()))).satisfies(t -> assertThat(problem(t)).contains("gzip"));
        assertThatThrownBy(() -> rows(file(new byte[] {'P', 'K', 3, 4, 0, 0})))
                .satisfies(t -> assertThat(problem(t)).contains("ZIP").contains("CSV UTF-8"));
        assertThatThrownBy(() -> rows(file(GOOD.replace("Ann", "A\0nn").getBytes(StandardCharsets.UTF_8))))
                .satisfies(t -> assertThat(problem(t)).contains("NUL character on line 2"));
        // UTF-16 without a byte-order mark is full of NULs
        assertThatThrownBy(() -> rows(file(GOOD.getBytes(StandardCharsets.UTF_16LE))))
                .satisfies(t -> assertThat(problem(t)).contains("NUL").contains("byte-order mark"));
        assertThatThrownBy(() -> rows(file(GOOD.replace("Ann Lee", "Zoë Müller").getBytes(StandardCharsets.ISO_8859_1))))
                .satisfies(t -> assertThat(problem(t)).contains("not UTF-8").contains("line 2").contains("CSV UTF-8"));
    }

    @Test
    void capsFieldsBeforeAnyParserAndQuotesOnlyAShortPrefix() throws IOException {
        String longAmount = "9".repeat(ImportText.FIELD_LIMIT + 1);
        String csv = "id,name,phone,amount,days_overdue\nD1,Ann,(212) 555-0121," + longAmount + ",45\n"
                + "D2,Bob,(212) 555-0122," + "x".repeat(500) + ",45\n"
                + "D3,Cy,(212) 555-0123,5," + "7".repeat(300) + "\n";
        List<String> rows = rows(file(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(rows.get(0)).isEqualTo("2 amount is longer than 1000 characters");
        assertThat(rows.get(1)).isEqualTo("3 amount '" + "x".repeat(40) + "…' is not a number");
        assertThat(rows.get(2)).startsWith("4 days_overdue '" + "7".repeat(40) + "…'");
    }

    @Test
    void refusesAMegabyteLineAsItStreamsIn() {
        String csv = "id,name,phone,amount,days_overdue\nD1,Ann,(212) 555-0121," + "9".repeat(1_000_000) + ",45\n";
        assertThatThrownBy(() -> rows(file(csv.getBytes(StandardCharsets.UTF_8))))
                .satisfies(t -> assertThat(problem(t)).contains("line 2 is longer than 65536 characters"));
    }

    @Test
    void jsonImportsFollowTheSameTextRules() throws IOException {
        String json = "[{\"id\":\"D1\",\"name\":\"Ann\",\"phone\":\"(212) 555-0121\",\"amount\":\"1\",\"days_overdue\":2},"
                + "{\"id\":\"D2\",\"name\":\"B\\u0000b\",\"phone\":\"(212) 555-0122\",\"amount\":\"1\",\"days_overdue\":2}]";
        Path f = file(with(new byte[] {(byte) 0xff, (byte) 0xfe}, json, StandardCharsets.UTF_16LE));
        List<String> out = new ArrayList<>();
        try (JsonRecords records = new JsonRecords(f, ColumnMapping.NONE, "US")) {
            RecordSource.Numbered n;
            while ((n = records.next()) != null) {
                out.add(n.row().problem() == null ? "ok " + n.row().externalId() : n.row().problem());
            }
        }
        assertThat(out).containsExactly("ok D1", "name contains a control character");
    }

    @Test
    void jsonOnOneLongLineIsReadAndAMegabyteValueRefusesOnlyItsRecord() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"J").append(i).append("\",\"name\":\"Ann Lee\",")
                    .append("\"phone\":\"(212) 555-0121\",\"amount\":\"").append(i == 7 ? "9".repeat(1 << 20) : "1")
                    .append("\",\"days_overdue\":2}");
        }
        json.append("]");
        assertThat(json.length()).isGreaterThan(ImportText.LINE_LIMIT);
        List<String> problems = new ArrayList<>();
        int ok = 0;
        try (JsonRecords records = new JsonRecords(file(json.toString().getBytes(StandardCharsets.UTF_8)), ColumnMapping.NONE, "US")) {
            RecordSource.Numbered n;
            while ((n = records.next()) != null) {
                if (n.row().problem() == null) {
                    ok++;
                } else {
                    problems.add(n.line() + " " + n.row().problem());
                }
            }
        }
        assertThat(ok).isEqualTo(999);
        assertThat(problems).containsExactly("8 amount is longer than 1000 characters");
    }

    @Test
    void aHeaderOnlyLineOfUnknownColumnsSaysWhatIsNeeded() {
        assertThatThrownBy(() -> rows(file("a;b;c\n1;2;3\n".getBytes(StandardCharsets.UTF_8))))
                .satisfies(t -> assertThat(problem(t)).contains("the header lacks id, name"));
        assertThatThrownBy(() -> rows(file(new byte[0])))
                .satisfies(t -> assertThat(problem(t)).contains("is empty"));
    }
}
