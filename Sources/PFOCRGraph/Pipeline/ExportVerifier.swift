import Foundation
import PFOCRRecords

/// `pfocr-kg verify`: re-checks an export folder against its report.json. Every file listed
/// there must have its size and SHA-256; every file of a summarised folder must match its
/// line in `SHA256SUMS` (itself checked through report.json) and the folder its file count.
public enum ExportVerifier {
    /// The part of report.json the check needs (so reports with other keys still verify).
    struct Listing: Decodable {
        var files: [ExportReport.FileEntry]
        var folders: [ExportReport.FolderEntry]?
    }

    /// The outcome: how many files were checked, and one error per mismatch.
    public struct Result: Sendable {
        public var checked = 0
        public var problems: [Diagnostic] = []
    }

    /// Checks `folder`; throws `noInput` (66) when it has no readable report.json.
    public static func verify(folder: String) throws(ExportError) -> Result {
        let reportPath = folder + "/report.json"
        let listing: Listing
        do {
            let bytes = try FileBytes.contents(of: reportPath, limit: 1 << 30)
            listing = try JSONDecoder().decode(Listing.self, from: Data(bytes))
        } catch let error as RecordError {
            throw ExportError.noInput("\(reportPath): cannot read: \(error.message)")
        } catch {
            throw ExportError.noInput("\(reportPath): not a pfocr-kg report: \(error)")
        }
        var result = Result()
        func problem(_ path: String, _ message: String) {
            result.problems.append(.error(SourceLocation(file: folder + "/" + path, line: 0), message))
        }
        func check(_ path: String, sha256: String, bytes: Int?) {
            result.checked += 1
            guard let found = digest(of: folder + "/" + path) else { return problem(path, "missing or unreadable") }
            if let bytes, found.bytes != bytes {
                return problem(path, "size \(found.bytes) bytes, report.json says \(bytes)")
            }
            if found.sha256 != sha256 { problem(path, "SHA-256 \(found.sha256) differs from the recorded \(sha256)") }
        }
        for file in listing.files { check(file.path, sha256: file.sha256, bytes: file.bytes) }
        var sums: [String: [(path: String, sha256: String)]] = [:]
        for name in Set((listing.folders ?? []).map(\.checksums)) {
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8) else {
                problem(name, "missing or unreadable")
                continue
            }
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1)
                guard parts.count == 2 else { continue }
                let path = String(parts[1].drop(while: { $0 == " " || $0 == "*" }))
                sums[ExportDriver.folder(of: path) ?? "", default: []].append((path, String(parts[0])))
            }
        }
        for entry in listing.folders ?? [] {
            let files = sums[entry.path] ?? []
            if files.count != entry.files {
                problem(
                    entry.path,
                    "\(entry.checksums) lists \(files.count) files of this folder, report.json says \(entry.files)")
            }
            for file in files { check(file.path, sha256: file.sha256, bytes: nil) }
        }
        return result
    }

    /// Size and hex SHA-256 of the file at `path`, read in 1 MiB chunks; nil if unreadable.
    static func digest(of path: String) -> (bytes: Int, sha256: String)? {
        guard FileBytes.isRegularFile(path), let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let digest = SHA256Digest()
        var size = 0
        while true {
            guard let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else { break }
            size += chunk.count
            chunk.withUnsafeBytes { digest.update($0) }
        }
        return (size, digest.finishHex())
    }
}
