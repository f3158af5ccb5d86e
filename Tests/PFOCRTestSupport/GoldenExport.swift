import Foundation
import PFOCRFormats
import PFOCRGraph
import PFOCRRecords

/// Helpers the test targets share: paths of the repository, running an export in-process,
/// and comparing an export with golden files.
public enum TestPaths {
    /// The package root (found from this file's location).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `Examples/pfocr-database`, the example corpus.
    public static let examples = root.appendingPathComponent("Examples/pfocr-database").path
    /// `Tests/Golden`.
    public static let golden = root.appendingPathComponent("Tests/Golden").path
    /// `../shared/pfocr-sample`, when present.
    public static let sharedSample: String? = {
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/pfocr-sample").path
        return FileManager.default.fileExists(atPath: path + "/_figures") ? path : nil
    }()

    /// A new empty temporary folder.
    public static func temporaryFolder(_ name: String = "pfocr-kg-test") -> String {
        let path = NSTemporaryDirectory() + "/\(name)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs exports in-process, the way the command line does.
public enum TestExport {
    /// Exports `inputs` with `formats` into a new temporary folder; returns the folder, the
    /// outcome and the diagnostics.
    public static func run(
        _ inputs: [String], formats: [String], jobs: Int = 1, options: [String: String] = [:],
        strict: Bool = false, mapping: Mapping? = nil, output: String? = nil,
        compression: OutputCompression = .none, archive: Bool = false
    ) throws -> (output: String, outcome: ExportOutcome, diagnostics: [Diagnostic]) {
        let folder = output ?? TestPaths.temporaryFolder()
        let chosen = formats.compactMap { FormatRegistry.format(named: $0) }
        precondition(chosen.count == formats.count, "unknown format in \(formats)")
        var request = ExportRequest(
            inputs: inputs, formats: chosen, outputPath: folder, jobs: jobs,
            mapping: try mapping ?? Mapping.bundled(), toolVersion: "test")
        request.formatOptions = try FormatRegistry.optionValues(options)
        request.strict = strict
        request.compression = compression
        request.archive = archive
        var diagnostics: [Diagnostic] = []
        let outcome = try ExportDriver(request).run(diagnostic: { diagnostics.append($0) })
        return (folder, outcome, diagnostics)
    }

    /// Every file of an export but report.json and the manifest: relative path → bytes.
    public static func files(in folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let full = folder + "/" + relative
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            if relative == "report.json" || relative.hasPrefix(".") { continue }
            result[relative] = FileManager.default.contents(atPath: full)
        }
        return result
    }
}

/// Golden files: `Tests/Golden/<name>/` holds the expected export of `Examples/`.
/// Set `PFOCR_UPDATE_GOLDEN=1` to rewrite them (then review the diff before committing).
public enum Golden {
    /// Exports Examples with `formats` at `--jobs 1` and `--jobs 2`; returns the problems
    /// found (empty when both runs equal the golden files byte for byte).
    public static func check(_ name: String, formats: [String], options: [String: String] = [:]) throws -> [String] {
        let first = try TestExport.run([TestPaths.examples], formats: formats, jobs: 1, options: options)
        let second = try TestExport.run([TestPaths.examples], formats: formats, jobs: 2, options: options)
        let one = TestExport.files(in: first.output)
        let two = TestExport.files(in: second.output)
        var problems: [String] = []
        if one != two {
            problems.append(
                "--jobs 1 and --jobs 2 differ in: \(Set(one.keys).symmetricDifference(two.keys).union(one.keys.filter { one[$0] != two[$0] }).sorted())"
            )
        }
        let goldenFolder = TestPaths.golden + "/" + name
        if ProcessInfo.processInfo.environment["PFOCR_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: goldenFolder)
            for (path, data) in one {
                let target = goldenFolder + "/" + path
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: target, contents: data)
            }
            return problems
        }
        let expected = TestExport.files(in: goldenFolder)
        if expected.isEmpty {
            problems.append("no golden files in \(goldenFolder): run with PFOCR_UPDATE_GOLDEN=1")
            return problems
        }
        for path in Set(expected.keys).union(one.keys).sorted() {
            switch (expected[path], one[path]) {
            case (nil, _): problems.append("\(path): written but not in the golden files")
            case (_, nil): problems.append("\(path): in the golden files but not written")
            case (let want?, let got?) where want != got:
                problems.append(
                    "\(path): differs from the golden file (\(want.count) bytes expected, \(got.count) written); "
                        + firstDifference(expected: want, written: got))
            default: break
            }
        }
        return problems
    }

    /// Where two versions of a file first differ: the line number with both lines (cut to 200
    /// bytes) for text, the byte offset for anything that is not UTF-8 (compressed output).
    public static func firstDifference(expected: Data, written: Data) -> String {
        let want = [UInt8](expected)
        let got = [UInt8](written)
        let common = zip(want, got).prefix { $0 == $1 }.count
        guard String(validating: want, as: UTF8.self) != nil, String(validating: got, as: UTF8.self) != nil else {
            return "first difference at byte \(common)"
        }
        let lineNumber = want[..<common].lazy.filter { $0 == UInt8(ascii: "\n") }.count + 1
        func line(_ bytes: [UInt8]) -> String {
            let start = bytes[..<common].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            return text.count > 200 ? String(text.prefix(200)) + "…" : text
        }
        return "first difference on line \(lineNumber):\n  expected: \(line(want))\n  written:  \(line(got))"
    }
}
