import ArgumentParser
import Foundation

/// `pfocr-kg-bench`: generates a synthetic corpus and measures `pfocr-kg` on it.
@main
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pfocr-kg-bench",
        abstract: "Measure pfocr-kg throughput and peak memory on a generated corpus.",
        discussion: """
            Generates (once, cached by size and seed) a deterministic corpus shaped like PFOCR, then \
            runs `pfocr-kg validate`, one `pfocr-kg export --format F` per format and one export of \
            every format together (plain, then with --compress gzip) as child processes, printing wall and CPU seconds, records/s, \
            input MB/s, output MB and peak RSS for each; then times `dd` writing as many bytes as \
            the all-format export wrote, the disk's own floor for that export.
            Build in release mode first: swift build -c release.
            """)

    @Option(help: "Figures in the generated corpus.")
    var figures: Int = 10_000

    @Option(help: "Generator seed.")
    var seed: UInt64 = 20_231_126

    @Option(help: "Where generated corpora and outputs go.")
    var workDirectory: String = ".build-bench"

    @Option(help: "The pfocr-kg binary to measure.")
    var tool: String = ".build/release/pfocr-kg"

    @Option(help: "Comma-separated formats (default: every format the tool lists).")
    var formats: String?

    @Option(help: "Only generate the corpus into this folder, then stop (for tests).")
    var generateOnly: String?

    @Option(help: "Worker threads passed to pfocr-kg (--jobs).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        if let generateOnly {
            try CorpusGenerator(figures: figures, seed: seed).write(to: generateOnly)
            return
        }
        // v2: records with the SEO block and R-style folding (the generator changed shape).
        let corpus = "\(workDirectory)/corpus-v2-\(figures)-\(seed)"
        if !FileManager.default.fileExists(atPath: corpus + "/.complete") {
            try? FileManager.default.removeItem(atPath: corpus)
            print("generating \(figures) figures into \(corpus) ...")
            try CorpusGenerator(figures: figures, seed: seed).write(to: corpus)
            _ = FileManager.default.createFile(atPath: corpus + "/.complete", contents: Data())
        }
        let inputBytes = folderSize(corpus)
        // Every run, the first included, reads the corpus from the page cache: a cold first
        // run would time the disk, not pfocr-kg.
        warmPageCache(corpus)
        let formatList = try formats.map { $0.split(separator: ",").map(String.init) } ?? listFormats()
        print(
            "corpus: \(figures) figures, \(String(format: "%.1f", Double(inputBytes) / 1e6)) MB input, jobs \(jobs), \(ProcessInfo.processInfo.activeProcessorCount) cores"
        )
        print(
            pad("run", 14) + pad("seconds", 10) + pad("CPU s", 9) + pad("records/s", 12) + pad("input MB/s", 12)
                + pad("output MB", 11) + pad("peak RSS MB", 12) + "extra")
        let validate = try ChildProcess.run([tool, "validate", corpus, "--jobs", "\(jobs)"])
        report("validate", validate, inputBytes: inputBytes, outputBytes: 0, extra: "")
        for format in formatList {
            let output = "\(workDirectory)/out-\(format)"
            try? FileManager.default.removeItem(atPath: output)
            let measurement = try ChildProcess.run([
                tool, "export", corpus, "--output", output, "--format", format, "--jobs", "\(jobs)",
            ])
            let outputBytes = folderSize(output) - fileSize(output + "/report.json")
            report(
                format, measurement, inputBytes: inputBytes, outputBytes: outputBytes,
                extra: sinkCounts(output, format: format, seconds: measurement.seconds))
            try? FileManager.default.removeItem(atPath: output)
        }
        guard formats == nil else { return }
        let output = "\(workDirectory)/out-all"
        try? FileManager.default.removeItem(atPath: output)
        let all = try ChildProcess.run([tool, "export", corpus, "--output", output, "--jobs", "\(jobs)"])
        let allBytes = folderSize(output) - fileSize(output + "/report.json")
        report("all formats", all, inputBytes: inputBytes, outputBytes: allBytes, extra: "")
        try? FileManager.default.removeItem(atPath: output)
        // The same export with --compress gzip: the issue's targets are ≤ 1.3x the wall time
        // and ≤ 1/6 of the bytes of the uncompressed one.
        let gzipped = try ChildProcess.run([
            tool, "export", corpus, "--output", output, "--jobs", "\(jobs)", "--compress", "gzip",
        ])
        let gzippedBytes = folderSize(output) - fileSize(output + "/report.json")
        report(
            "all, gzip", gzipped, inputBytes: inputBytes, outputBytes: gzippedBytes,
            extra: String(
                format: "%.2fx wall, 1/%.1f bytes", gzipped.seconds / all.seconds,
                Double(allBytes) / Double(max(1, gzippedBytes))))
        try? FileManager.default.removeItem(atPath: output)
        // The disk's floor: dd writing the same number of bytes, the way the issue measures it.
        let megabytes = max(1, allBytes >> 20)
        let zeros = "\(workDirectory)/dd-zeros"
        let dd = try ChildProcess.run(["dd", "if=/dev/zero", "of=\(zeros)", "bs=1M", "count=\(megabytes)"])
        try? FileManager.default.removeItem(atPath: zeros)
        print(
            pad("dd \(megabytes) MiB", 14) + pad(String(format: "%.2f", dd.seconds), 10)
                + pad(String(format: "%.2f", dd.cpuSeconds), 9)
                + String(format: "all formats / dd: %.2fx wall", all.seconds / dd.seconds))
    }

    func report(
        _ name: String, _ measurement: ChildProcess.Measurement, inputBytes: Int, outputBytes: Int, extra: String
    ) {
        let status = measurement.exitCode == 0 ? "" : " (exit \(measurement.exitCode))"
        print(
            pad(name, 14) + pad(String(format: "%.2f", measurement.seconds), 10)
                + pad(String(format: "%.2f", measurement.cpuSeconds), 9)
                + pad(String(format: "%.0f", Double(figures) / measurement.seconds), 12)
                + pad(String(format: "%.1f", Double(inputBytes) / 1e6 / measurement.seconds), 12)
                + pad(String(format: "%.1f", Double(outputBytes) / 1e6), 11)
                + pad(String(format: "%.0f", Double(measurement.peakRSS) / 1e6), 12) + extra + status)
    }

    /// Per-second rates of the counts the sink put in report.json (triples, nodes, ...).
    func sinkCounts(_ output: String, format: String, seconds: Double) -> String {
        guard let data = FileManager.default.contents(atPath: output + "/report.json"),
            let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let sinks = report["sinks"] as? [String: Any], let sink = sinks[format] as? [String: Any],
            let counts = sink["counts"] as? [String: Int]
        else { return "" }
        return counts.keys.sorted().filter { ["triples", "nodes", "edges", "networks", "rows"].contains($0) }
            .map { "\($0) \(counts[$0] ?? 0) (\(String(format: "%.0f", Double(counts[$0] ?? 0) / seconds))/s)" }
            .joined(separator: ", ")
    }

    func listFormats() throws -> [String] {
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["formats"]
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map(String.init)
    }

    /// Reads every file of `path` once.
    func warmPageCache(_ path: String) {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return }
        while let relative = enumerator.nextObject() as? String {
            _ = FileManager.default.contents(atPath: path + "/" + relative)
        }
    }

    func folderSize(_ path: String) -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return 0 }
        var total = 0
        while let relative = enumerator.nextObject() as? String { total += fileSize(path + "/" + relative) }
        return total
    }

    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
