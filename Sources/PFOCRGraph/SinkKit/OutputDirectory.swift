import Foundation
import PFOCRRecords

/// The export's output folder: files are written under a staging folder inside it and moved
/// to their final names only when the whole export succeeded.
///
/// Guarantees (Docs/architecture.md, "The output folder"):
/// - A killed run never leaves a partial file under a final name; the next run removes its
///   stale staging folder (`.pfocr-kg-staging-*`).
/// - The folder must be empty, absent, or hold an earlier pfocr-kg export (it has a
///   `.pfocr-kg-manifest`); anything else is refused unless `force`.
/// - Replacing an earlier export removes the files it created that this one does not write
///   again, and nothing else; nothing is written outside the folder.
public final class OutputDirectory {
    public let path: String
    let stagingPath: String
    private var files: [OutputFile] = []
    private var previousFiles: [String] = []
    /// Folders known to exist (staging and final), so a format with a file per figure costs
    /// one `stat` per folder, not per file.
    private var existingFolders = Set<String>()
    private let fileManager = FileManager.default
    /// True when this run created the folder: ``discard()`` then removes it again (if empty),
    /// so a run that writes nothing leaves nothing behind.
    private var createdFolder = false
    /// How data files are written (`--compress`).
    public let compression: OutputCompression
    /// Whether plain files may write their full pages with direct I/O (``OutputFile``); false
    /// with `--buffered-io`.
    public let directIO: Bool
    /// Threads compressing gzip members or zstd frames; made with the first compressed file.
    private let compressionThreads: Int
    private var members: BlockCompressor?
    /// The first error of any file, reported by the files themselves.
    private let errors = FirstError()

    /// Writes per-figure files on the worker threads (``FilePrewriter``); nil when data files
    /// are compressed (the pool compresses them as they are written here).
    public let prewriter: FilePrewriter?

    public static let manifestName = ".pfocr-kg-manifest"
    static let stagingPrefix = ".pfocr-kg-staging-"
    static let manifestHeader = "# Files written by the last pfocr-kg export into this folder."

    /// Opens `path` for an export. `compression` applies to the files sinks create with
    /// ``createFile(_:)``; gzip members are compressed on `threads` threads. `directIO` lets
    /// large plain files bypass the page cache (``OutputFile``).
    public init(
        path: String, force: Bool, compression: OutputCompression = .none, threads: Int = 1, directIO: Bool = true
    ) throws(ExportError) {
        self.path = path
        self.compression = compression
        compressionThreads = max(1, threads)
        self.directIO = directIO
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ExportError.cannotCreateOutput(path: path, reason: "it exists and is not a folder")
            }
        } else {
            do {
                try fileManager.createDirectory(atPath: path, withIntermediateDirectories: true)
                createdFolder = true
            } catch {
                throw ExportError.cannotCreateOutput(path: path, reason: OutputDirectory.reason(error))
            }
        }
        let entries: [String]
        do {
            entries = try fileManager.contentsOfDirectory(atPath: path)
        } catch {
            throw ExportError.cannotCreateOutput(path: path, reason: OutputDirectory.reason(error))
        }
        for entry in entries where entry.hasPrefix(OutputDirectory.stagingPrefix) {
            try? fileManager.removeItem(atPath: path + "/" + entry)
        }
        let remaining = entries.filter { !$0.hasPrefix(OutputDirectory.stagingPrefix) }
        let manifest = path + "/" + OutputDirectory.manifestName
        if let text = try? String(contentsOfFile: manifest, encoding: .utf8),
            text.hasPrefix(OutputDirectory.manifestHeader)
        {
            previousFiles = text.split(separator: "\n").dropFirst().map(String.init).filter(
                OutputDirectory.isSafeRelativePath)
        } else if !remaining.isEmpty && !force {
            throw ExportError.usage(
                "output folder '\(path)' is not empty and holds no earlier pfocr-kg export; choose an empty folder or pass --force"
            )
        }
        stagingPath = path + "/" + OutputDirectory.stagingPrefix + String(getpid())
        do {
            try fileManager.createDirectory(atPath: stagingPath, withIntermediateDirectories: true)
        } catch {
            throw ExportError.cannotCreateOutput(path: stagingPath, reason: OutputDirectory.reason(error))
        }
        prewriter = compression == .none ? FilePrewriter(folder: stagingPath + "/.prewritten") : nil
    }

    /// Creates the data file `relativePath` (such as `cx2/PMC1__x.cx2`) in the staging
    /// folder, compressed as ``compression`` says: its name then gets the suffix
    /// (``publishedPath(_:)``). Every sink creates its data files here, so no sink knows about
    /// compression.
    public func createFile(_ relativePath: String) throws(ExportError) -> OutputFile {
        try create(publishedPath(relativePath), codec: compression)
    }

    /// Creates `relativePath` uncompressed whatever ``compression`` is: for files people run
    /// or read before anything else (`import.sh`, `load.cypher`, `SHA256SUMS`).
    public func createPlainFile(_ relativePath: String) throws(ExportError) -> OutputFile {
        try create(relativePath, codec: .none)
    }

    /// Takes a file a worker wrote (``FilePrewriter``) as the data file `relativePath`, as if
    /// ``createFile(_:)`` had made it and its bytes had been written: it is listed, checked and
    /// moved to its final name with the others. No system call: the file stays where the worker
    /// wrote it until the commit renames it.
    public func adopt(_ prewritten: PrewrittenFile, as relativePath: String) throws(ExportError) {
        guard OutputDirectory.isSafeRelativePath(relativePath) else {
            throw ExportError.io(path: relativePath, reason: "unsafe output file name")
        }
        files.append(OutputFile(adopting: prewritten, as: publishedPath(relativePath), errors: errors))
    }

    /// The name under which ``createFile(_:)`` writes `relativePath` (`neo4j/nodes-Gene.csv`
    /// → `neo4j/nodes-Gene.csv.gz` with gzip), for scripts that name the data files.
    public func publishedPath(_ relativePath: String) -> String {
        relativePath + compression.suffix
    }

    private func create(_ relativePath: String, codec: OutputCompression) throws(ExportError) -> OutputFile {
        guard OutputDirectory.isSafeRelativePath(relativePath) else {
            throw ExportError.io(path: relativePath, reason: "unsafe output file name")
        }
        let staged = stagingPath + "/" + relativePath
        try ensureFolder((staged as NSString).deletingLastPathComponent)
        let pool = codec == .none ? nil : (members ?? BlockCompressor(threads: compressionThreads))
        if let pool { members = pool }
        let file = try OutputFile(
            relativePath: relativePath, stagingPath: staged, codec: codec, pool: pool, errors: errors,
            directIO: directIO)
        files.append(file)
        return file
    }

    /// The first write error of any file so far, so the driver can stop early (it asks after
    /// every figure, so this does not visit the files).
    public var firstError: ExportError? { errors.value }

    /// One file an export wrote: path relative to the folder, size and hex SHA-256.
    public struct WrittenFile: Sendable, Hashable {
        public var path: String
        public var bytes: Int
        public var sha256: String
    }

    /// What a commit did: the files written (sorted by path) and the files of the earlier
    /// export in this folder that it removed (sorted).
    public struct Listing: Sendable {
        public var written: [WrittenFile]
        public var removed: [String]
    }

    /// Closes every file created so far (an error of any is thrown) and lists them, sorted
    /// by path, with sizes and checksums. Files may still be created and closed afterwards.
    public func closeFiles() throws(ExportError) -> [WrittenFile] {
        for file in files { try file.close() }
        // Gzip files are finished by the pool's workers.
        members?.waitUntilIdle()
        for file in files { if let error = file.error { throw error } }
        return files.map { WrittenFile(path: $0.relativePath, bytes: $0.size, sha256: $0.sha256) }.sorted {
            $0.path < $1.path
        }
    }

    /// Closes every file and moves them to their final names, removes the earlier export's
    /// files that this one does not write again, then writes `report` (`report.json`) last.
    public func commit(report: (_ listing: Listing) -> [UInt8]) throws(ExportError) -> Listing {
        let written = try closeFiles()
        stopCompression()
        let newPaths = Set(written.map(\.path) + ["report.json"])
        // The manifest names old and new files while files move, so a kill now loses track
        // of nothing this tool created.
        try writeManifest(Array(newPaths.union(previousFiles)).sorted())
        for file in files {
            let final = path + "/" + file.relativePath
            try ensureFolder((final as NSString).deletingLastPathComponent)
            guard rename(file.stagingPath, final) == 0 else {
                throw ExportError.io(path: final, reason: FileBytes.systemMessage(errno))
            }
        }
        var removed: [String] = []
        for old in previousFiles where !newPaths.contains(old) {
            let full = path + "/" + old
            if FileBytes.isRegularFile(full) && unlink(full) == 0 { removed.append(old) }
            removeEmptyFolders(of: old)
        }
        let listing = Listing(written: written, removed: removed.sorted())
        try writeAtomically("report.json", bytes: report(listing))
        try writeManifest(newPaths.sorted())
        try? fileManager.removeItem(atPath: stagingPath)
        return listing
    }

    /// Ends the compressing threads after their last member.
    private func stopCompression() {
        members?.waitUntilIdle()
        members?.stop()
        members = nil
    }

    /// One archive to write: its name in the folder (`pfocr-kgx.tar.gz`) and the paths of the
    /// files it holds (as created, relative to the folder).
    public struct Archive: Sendable, Hashable {
        public var name: String
        public var members: [String]

        public init(name: String, members: [String]) {
            self.name = name
            self.members = members
        }
    }

    /// Packs files into gzip'd tar archives (`--archive`, KG-Hub's layout) and drops them from
    /// the export: the archives replace them. Call after ``closeFiles()``. Each archive is a
    /// ``TarStream`` of its members in the order given, written as gzip members like any
    /// compressed file (deterministic, compressed in parallel); a file may be in several
    /// archives (`void.ttl` in Turtle's and N-Triples'). Only the archives reach the final
    /// folder; the staged files are removed.
    public func archive(_ archives: [Archive]) throws(ExportError) {
        let staged = Dictionary(files.map { ($0.relativePath, $0) }, uniquingKeysWith: { first, _ in first })
        var packed = Set<String>()
        for archive in archives {
            let file = try create(archive.name, codec: .gzip)
            let tar = TarStream(into: file)
            for member in archive.members {
                guard let source = staged[member] else {
                    throw ExportError.io(path: member, reason: "no such file in the export to archive")
                }
                try tar.append(name: member, sourcePath: source.stagingPath)
                packed.insert(member)
            }
            tar.finish()
            try file.close()
        }
        _ = try closeFiles()
        for file in files where packed.contains(file.relativePath) { unlink(file.stagingPath) }
        files.removeAll { packed.contains($0.relativePath) }
    }

    /// Creates `folder` (and its parents) unless it is known to exist.
    private func ensureFolder(_ folder: String) throws(ExportError) {
        guard !existingFolders.contains(folder) else { return }
        if !fileManager.fileExists(atPath: folder) {
            do {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ExportError.io(path: folder, reason: OutputDirectory.reason(error))
            }
        }
        existingFolders.insert(folder)
    }

    /// Throws away everything written (strict mode with errors, or a failed export).
    public func discard() {
        for file in files { try? file.close() }
        stopCompression()
        try? fileManager.removeItem(atPath: stagingPath)
        if createdFolder { rmdir(path) }
    }

    private func writeManifest(_ paths: [String]) throws(ExportError) {
        let text = ([OutputDirectory.manifestHeader] + paths).joined(separator: "\n") + "\n"
        try writeAtomically(OutputDirectory.manifestName, bytes: Array(text.utf8))
    }

    private func writeAtomically(_ name: String, bytes: [UInt8]) throws(ExportError) {
        let temporary = stagingPath + "/" + name + ".tmp"
        let final = path + "/" + name
        guard fileManager.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw ExportError.io(path: temporary, reason: "cannot create file")
        }
        guard rename(temporary, final) == 0 else {
            throw ExportError.io(path: final, reason: FileBytes.systemMessage(errno))
        }
    }

    private func removeEmptyFolders(of relativePath: String) {
        var components = relativePath.split(separator: "/").dropLast()
        while !components.isEmpty {
            let folder = path + "/" + components.joined(separator: "/")
            guard rmdir(folder) == 0 else { return }
            components = components.dropLast()
        }
    }

    /// Relative, no `..` or empty components, no control characters.
    /// Checked on the UTF-8 bytes (every per-figure file's name is checked; splitting the
    /// `String` cost about 9,000 instructions a name): a control character is one byte below
    /// 0x20 or 0x7F, as no byte of a multi-byte character is below 0x80.
    static func isSafeRelativePath(_ path: String) -> Bool {
        withUTF8Bytes(of: path) { bytes in
            guard !bytes.isEmpty, bytes.count < 4096, bytes[0] != UInt8(ascii: "/") else { return false }
            var componentStart = 0
            for index in 0...bytes.count {
                if index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                    let component = bytes[componentStart..<index]
                    if component.isEmpty || component.allSatisfy({ $0 == UInt8(ascii: ".") }) && component.count <= 2 {
                        return false
                    }
                    componentStart = index + 1
                } else if bytes[index] < 0x20 || bytes[index] == 0x7F {
                    return false
                }
            }
            return true
        }
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
