package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule's packet capture in the reports: named in conformance.json, linked from its evidence, copied by a merge. */
class CaptureReportTest {

    private static Document.Cell failedWith(String id, Document.Capture capture) {
        Document.Cell c = ReportDocumentTest.cell(id, "FAIL", "received 25 bytes");
        return new Document.Cell(c.id(), c.level(), c.area(), c.title(), c.check(), c.verdict(), c.fatal(), c.skippedBecause(), c.note(),
                c.expected(), c.observed(), c.trace(), c.millis(), null, null, null, null, capture);
    }

    private static Document withCaptures(Document.Capture first, Document.Capture second) {
        return ReportDocumentTest.doc(1.0, "2.0", ReportDocumentTest.column("s", "server", failedWith("2.2", first), failedWith("2.3", second)));
    }

    @Test
    void theEvidenceLinksTheCaptureAndSaysItWasTruncated() {
        String html = HtmlReport.render(withCaptures(new Document.Capture("captures/2.2-s.pcap", 18, 1654, 0, false, null),
                new Document.Capture("captures/2.3-s.pcap", 72263, 4194250, 46399, true, null)));

        assertThat(html).as("a link to the file, in the report directory").contains("<a class=\"pcap\" href=\"captures/2.2-s.pcap\">");
        assertThat(html).as("its size").contains("18 packets, 1654 bytes");
        assertThat(html).as("the truncated one says so").contains("truncated at the bound of 4 MiB: 46399 more packets were seen and not kept");
    }

    @Test
    void aCaptureNamedOtherwiseThanTheHarnessNamesItIsNeverALink() {
        String html = HtmlReport.render(withCaptures(new Document.Capture("javascript:alert(1)//captures/x.pcap", 1, 40, 0, false, null),
                new Document.Capture("../../etc/passwd", 1, 40, 0, false, "<b>problem</b>")));

        assertThat(html).as("no link but the page's own anchors").doesNotContain("href=\"javascript", "href=\"../");
        assertThat(html).as("the problem escaped").contains("&lt;b&gt;problem&lt;/b&gt;");
    }

    @Test
    void conformanceJsonKeepsTheCaptureAndAMergeCopiesItsFile(@TempDir Path tmp) throws Exception {
        Path shard = Files.createDirectory(tmp.resolve("shard"));
        Document doc = withCaptures(new Document.Capture("captures/2.2-s.pcap", 18, 1654, 0, false, null),
                new Document.Capture(null, 0, 0, 0, false, "the holder could not capture"));
        ReportDir.write(doc, shard);
        Files.createDirectories(shard.resolve("captures"));
        Files.write(shard.resolve("captures/2.2-s.pcap"), new byte[] {1, 2, 3});

        Document read = JsonReport.read(shard.resolve(JsonReport.FILE));
        List<Document.Cell> cells = read.implementations().get(0).rules();
        assertThat(cells.get(0).capture()).as("the capture read back").isEqualTo(doc.implementations().get(0).rules().get(0).capture());
        assertThat(cells.get(1).capture().problem()).as("a missing capture's problem read back").isEqualTo("the holder could not capture");

        Path merged = tmp.resolve("merged");
        ReportDir.write(read, merged);
        ReportDir.copyCaptures(List.of(shard), merged);
        assertThat(merged.resolve("captures/2.2-s.pcap")).as("the shard's capture beside the merged report").hasBinaryContent(new byte[] {1, 2, 3});
    }
}
