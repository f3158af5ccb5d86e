import PFOCRRecords

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole files on the worker threads: the per-figure files of a format with one file
/// per figure (CX), which the consumer thread then only adopts (``OutputDirectory/adopt(_:as:)``).
///
/// Why: creating a file is the dearest step of such a format (the file system allocates an
/// inode; on ext4 without a journal, right after an earlier export's files were removed, each
/// allocation scans past every recently freed inode), and on the one ordered consumer thread it
/// held back the whole export while the workers waited (an all-format export at 5,000 figures
/// spent 40% of its samples in `open(2)` there). The workers write each file under a name of its
/// own in the staging folder (`.prewritten/<figure mod 64>/<figure>-<segment>`), hashing it as
/// it goes. Spread over 64 folders, because every create in a folder takes the folder's lock
/// and searches its entries: in one folder of 40,000 files the two workers spun on each other's
/// lock (`rwsem_spin_on_owner`) and the export's system time doubled. The
/// consumer records it under its final name without touching the disk, and the commit renames
/// it like any other file. A figure the consumer rejects (a duplicate figid) leaves its files
/// in the staging folder, which the commit removes, so nothing reaches the export unless the
/// consumer adopted it.
public final class FilePrewriter: Sendable {
    /// `<staging>/.prewritten`, holding the subfolders `0` to `63`.
    let folder: String
    /// The number of subfolders files are spread over, by figure.
    static let subfolders = 64

    /// A writer into `folder`, which it creates; nil when it cannot. The subfolders are made
    /// when first written to, so an export without per-figure files makes none.
    init?(folder: String) {
        self.folder = folder
        guard mkdir(folder, 0o755) == 0 || errno == EEXIST else { return nil }
    }

    /// Writes `bytes` to a new file for segment `segment` of figure `figure`; nil when anything fails (the
    /// consumer then writes the file itself and reports the error with its real name).
    func write(_ bytes: UnsafeRawBufferPointer, figure: Int, segment: Int) -> PrewrittenFile? {
        let path = folder + "/\(figure % FilePrewriter.subfolders)/\(figure)-\(segment)"
        var descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            // The subfolder's first file. Two workers may make it at once: one gets EEXIST.
            let subfolder = folder + "/\(figure % FilePrewriter.subfolders)"
            guard mkdir(subfolder, 0o755) == 0 || errno == EEXIST else { return nil }
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else { return nil }
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = systemWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { break }
            offset += written
        }
        let closed = systemClose(descriptor) == 0
        guard offset == bytes.count, closed else {
            unlink(path)
            return nil
        }
        let digest = SHA256Digest()
        digest.update(bytes)
        return PrewrittenFile(path: path, size: bytes.count, sha256: digest.finishHex())
    }
}

/// A file a worker wrote (``FilePrewriter``): where, how many bytes, their hex SHA-256.
public struct PrewrittenFile: Sendable, Hashable {
    public let path: String
    public let size: Int
    public let sha256: String
}
