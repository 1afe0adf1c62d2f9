package dev.greeter.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's image writes as root into a directory the host user made: the files must be that user's. */
class ReportDirTest {

    private static final int HOST_USER = 4321;

    @Test
    void filesWrittenAsRootTakeTheOwnerOfTheReportDirectory(@TempDir Path tmp) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give files away");
        Path dir = Files.createDirectory(tmp.resolve("report"));
        Files.setAttribute(dir, "unix:uid", HOST_USER);
        Files.setAttribute(dir, "unix:gid", HOST_USER);

        List<Path> written = ReportDir.write(ReportDocumentTest.sample(), dir);

        assertThat(written).hasSize(4);
        for (Path f : written) {
            assertThat(Files.getAttribute(f, "unix:uid")).as(f.toString()).isEqualTo(HOST_USER);
            assertThat(Files.getAttribute(f, "unix:gid")).as(f.toString()).isEqualTo(HOST_USER);
        }
    }

    @Test
    void filesInADirectoryOfTheWritersOwnKeepTheirOwner(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("report"));

        for (Path f : ReportDir.write(ReportDocumentTest.sample(), dir)) {
            assertThat(Files.getAttribute(f, "unix:uid")).isEqualTo(Files.getAttribute(dir, "unix:uid"));
        }
    }
}
