#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The records named by the user's arguments, in figid order, with their side-file folders.
///
/// An argument may be a repository root (it has `_figures/`), a folder of records (usually
/// `_figures/`), or a single `.md` file; arguments mix freely. Side files are looked up in
/// the `_data/` folder beside the records' folder. Only folder listings happen here: no record
/// is opened until the reader gets it.
///
/// Order: by file name stem (the figid, by PFOCR convention), then by path, so the order is
/// known before any file is read and does not depend on the file system.
public struct Corpus: Sendable {
    public private(set) var sources: [RecordSource] = []
    /// Arguments that could not be used (missing paths, unreadable folders).
    public private(set) var diagnostics: [Diagnostic] = []
    /// The `_data/` folders of whole record folders named by the arguments: every side file
    /// in them should belong to one of ``sources`` (see ``orphanSideFiles(claimed:limits:)``).
    /// Folders of single-file arguments are not listed: the other records are not inputs.
    public private(set) var wholeDataDirectories: [String] = []

    public init(paths: [String]) {
        var seen = Set<String>()
        for argument in paths {
            let path = Corpus.normalise(argument)
            switch Corpus.kind(of: path) {
            case .directory:
                let figures = path + "/_figures"
                if Corpus.kind(of: figures) == .directory {
                    addDirectory(figures, dataDirectory: path + "/_data", seen: &seen)
                } else {
                    addDirectory(path, dataDirectory: Corpus.siblingData(of: path), seen: &seen)
                }
            case .file:
                add(path, dataDirectory: Corpus.siblingData(of: Corpus.folder(of: path)), seen: &seen)
            case .missing(let reason):
                diagnostics.append(.error(SourceLocation(file: argument, line: 0), "cannot read input: \(reason)"))
            }
        }
        sources.sort { ($0.stem, $0.path) < ($1.stem, $1.path) }
    }

    private mutating func addDirectory(_ directory: String, dataDirectory: String, seen: inout Set<String>) {
        guard let entries = Corpus.names(in: directory) else {
            diagnostics.append(
                .error(
                    SourceLocation(file: directory, line: 0),
                    "cannot list folder: \(FileBytes.systemMessage(errno))"))
            return
        }
        if !wholeDataDirectories.contains(dataDirectory) { wholeDataDirectories.append(dataDirectory) }
        for name in entries.filter({ $0.hasSuffix(".md") && !$0.hasPrefix(".") }).sorted() {
            // Every `.md` entry is handed to the reader, even a folder or a dangling link
            // named `x.md`: it then gets its own diagnostic instead of vanishing.
            add(directory + "/" + name, dataDirectory: dataDirectory, seen: &seen)
        }
    }

    /// The entry names of `directory` (no `.` and `..`); nil when it cannot be listed.
    static func names(in directory: String) -> [String]? {
        guard let stream = opendir(directory) else { return nil }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The side files (`<figid>-genes.tsv`, `-chemicals.tsv`, `-diseases.tsv`) in
    /// ``wholeDataDirectories`` whose figid is not in `claimed` (the figids and file stems of
    /// every record read), with their data rows, sorted by path. Nothing reads them, so they
    /// are reported instead of lost silently.
    public func orphanSideFiles(claimed: Set<String>, limits: ReadLimits) -> [IgnoredSideFile] {
        var orphans: [IgnoredSideFile] = []
        for directory in wholeDataDirectories {
            for name in Corpus.names(in: directory) ?? [] where !name.hasPrefix(".") {
                // The kinds' suffixes as constants: interpolating each per name cost more than
                // the test (a `_data` folder lists every side file).
                guard let kind = EntityKind.allCases.first(where: { name.hasSuffix($0.sideFileSuffix) }) else {
                    continue
                }
                // The suffix is ASCII and ends the name, so dropping its bytes drops its
                // characters (dropping characters walks grapheme breaks from the end).
                let figid = String(name.utf8.dropLast(kind.sideFileSuffix.utf8.count)) ?? name
                let path = directory + "/" + name
                guard !claimed.contains(figid), FileBytes.isRegularFile(path) else { continue }
                let rows =
                    (try? FileBytes.contents(of: path, limit: limits.maxSideFileBytes)).map(SideFileTable.countRows)
                    ?? 0
                orphans.append(IgnoredSideFile(path: path, kind: kind, rows: rows))
            }
        }
        return orphans.sorted { $0.path < $1.path }
    }

    private mutating func add(_ path: String, dataDirectory: String, seen: inout Set<String>) {
        guard seen.insert(path).inserted else { return }
        // A String, not the Substring: `hasSuffix` on a Substring compares reversed
        // collections generically, some 3,000 instructions per record.
        let name = String(Corpus.fileName(of: path))
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        sources.append(RecordSource(path: path, stem: stem, dataDirectory: dataDirectory))
    }

    enum PathKind: Equatable {
        case directory
        case file
        case missing(String)
    }

    static func kind(of path: String) -> PathKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing(FileBytes.systemMessage(errno)) }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// The last component of `path` (found on its UTF-8 bytes: a folder lists thousands).
    static func fileName(of path: String) -> Substring {
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), path.utf8.index(after: slash) != path.utf8.endIndex {
            return path[path.utf8.index(after: slash)...]
        }
        return path.split(separator: "/").last ?? path[...]
    }

    /// Drops trailing slashes (keeping `/`), so `_figures/` and `_figures` are one folder.
    static func normalise(_ path: String) -> String {
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// The folder holding file `path` (`.` for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The `_data` folder beside records folder `folder`.
    static func siblingData(of folder: String) -> String {
        let last = folder.split(separator: "/").last.map(String.init) ?? folder
        if last == "." || last == ".." || folder == "/" { return folder + "/../_data" }
        guard let slash = folder.lastIndex(of: "/") else { return "_data" }
        return String(folder[..<slash]) + "/_data"
    }
}
