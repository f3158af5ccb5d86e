import Foundation
import PFOCRFormats
import PFOCRGraph
import PFOCRRecords

/// Runs a format's ``FigureRenderer`` over Examples in-process, the way the driver does, and
/// returns what would be written, so tests can show that the workers' skip hint
/// (``GraphRegistry/settledNodes(in:)``) never changes a byte.
public enum RendererCheck {
    /// The bytes `format` writes for Examples, per file index of its sink, with every figure
    /// rendered either without the hint or with the largest hint a worker can see (every
    /// earlier figure settled). Nil when the format's sink has no renderer.
    public static func output(format name: String, hinted: Bool, options: [String: String] = [:]) throws -> [Int:
        [UInt8]]?
    {
        guard let format = FormatRegistry.format(named: name) else { throw CocoaError(.featureUnsupported) }
        let mapping = try Mapping.bundled()
        let folder = TestPaths.temporaryFolder("renderer-check")
        let output = try OutputDirectory(path: folder, force: true)
        defer {
            output.discard()
            try? FileManager.default.removeItem(atPath: folder)
        }
        let context = SinkContext(
            mapping: mapping, output: output, options: try FormatRegistry.optionValues(options), toolVersion: "test")
        guard let renderer = try format.makeSink(context: context, formats: [name]).renderer else { return nil }
        let reader = RecordReader()
        let builder = GraphBuilder(mapping: mapping)
        let registry = GraphRegistry()
        var files: [Int: [UInt8]] = [:]
        for source in Corpus(paths: [TestPaths.examples]).sources {
            guard let record = reader.read(source).record else { continue }
            let subgraph = builder.build(record)
            var fragment = FigureFragment(settled: hinted ? registry.settledNodes(in: subgraph) : [])
            renderer.render(subgraph, into: &fragment)
            let news = registry.settle(subgraph)
            for segment in fragment.segments where segment.condition.holds(news) {
                files[segment.file, default: []].append(contentsOf: fragment.bytes[segment.range])
            }
        }
        return files
    }
}
