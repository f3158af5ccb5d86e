/// A record file split into its YAML front matter, with line numbers kept.
///
/// A record is `---\n<YAML>\n---\n` and nothing after. Valid variants are accepted silently:
/// a UTF-8 byte order mark, CRLF or CR line endings, a missing final newline, `...` as the
/// closing marker, and blank lines after it.
///
/// The YAML text is not copied: ``yaml`` is a slice of the file's own bytes, line endings as
/// they are. libyaml counts LF, CRLF and a lone CR as one line break each, as the line numbers
/// of the diagnostics here do, and folds all three to LF inside scalars, so a CRLF or CR file
/// reads exactly as its LF twin. The one exception is a record with a CR that also holds a
/// character libyaml's reader refuses: libyaml decodes its input in chunks of 16 KB and
/// reports such a character when its chunk is read, so where that happens depends on the
/// byte count. Those records (always rejected) get an LF copy, which keeps their diagnostic
/// the one the LF text gives.
public struct FrontMatter: Sendable {
    /// The bytes of the YAML text between the markers.
    public var yaml: ArraySlice<UInt8>
    /// The file line on which the YAML text starts (the line after the opening `---`).
    public var firstLine: Int

    /// Splits `bytes`, the whole record file at `path`.
    public init(bytes: [UInt8], path: String) throws(RecordError) {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let split = try bytes.withUnsafeBufferPointer { buffer throws(RecordError) in
            try FrontMatter.split(ByteText(buffer), from: start, path: path)
        }
        if split.needsLFCopy {
            yaml = ByteText.withLFLineEndings(bytes[split.yaml])[...]
        } else {
            yaml = bytes[split.yaml]
        }
        firstLine = 2
    }

    /// Checks the frame of a record and finds its YAML text, in one pass over the lines.
    private static func split(_ text: ByteText, from start: Int, path: String) throws(RecordError) -> (
        yaml: Range<Int>, needsLFCopy: Bool
    ) {
        if text.firstNonBlank(from: start) == nil {
            throw RecordError(
                SourceLocation(file: path, line: 0),
                "empty record: expected a YAML front matter between '---' lines")
        }
        if let nul = text.firstIndex(of: 0, from: start) {
            throw RecordError(
                SourceLocation(file: path, line: text.lineNumber(of: nul)), "binary file: NUL byte in a record")
        }
        if let bad = UTF8Validation.firstInvalidOffset(in: text.bytes, from: start) {
            throw RecordError(
                SourceLocation(file: path, line: text.lineNumber(of: bad)),
                "invalid UTF-8 (byte 0x\(String(text.bytes[bad], radix: 16, uppercase: true)))")
        }
        let opening = text.line(at: start)
        guard FrontMatter.isMarker(text, opening.content, allowDots: false) else {
            throw RecordError(
                SourceLocation(file: path, line: 1),
                "record does not start with '---': a PFOCR record is YAML front matter only")
        }
        var line = opening
        var lineNumber = 1
        repeat {
            guard line.next < text.count else {
                throw RecordError(
                    SourceLocation(file: path, line: 1),
                    "front matter opened by '---' is never closed (no closing '---' line)")
            }
            line = text.line(at: line.next)
            lineNumber += 1
        } while !FrontMatter.isMarker(text, line.content, allowDots: true)
        if let extra = text.firstNonBlank(from: line.next) {
            throw RecordError(
                SourceLocation(file: path, line: lineNumber + text.lineNumber(of: extra, from: line.next)),
                "text after the closing '---': a PFOCR record is front matter only")
        }
        let yaml = opening.next..<line.content.lowerBound
        let needsLFCopy = text.containsCR(in: yaml) && YAMLReaderRules.firstRefused(in: text, yaml) != nil
        return (yaml, needsLFCopy)
    }

    /// The 1-based line of byte `offset`, counting LF, CRLF and CR as one break each.
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { ByteText($0).lineNumber(of: offset) }
    }

    /// True when `line` is `---` (or `...` when `allowDots`), trailing spaces and tabs allowed.
    static func isMarker(_ text: ByteText, _ line: Range<Int>, allowDots: Bool) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, text.bytes[end - 1] == 0x20 || text.bytes[end - 1] == 0x09 { end -= 1 }
        guard end - line.lowerBound == 3 else { return false }
        let first = text.bytes[line.lowerBound]
        guard first == UInt8(ascii: "-") || (allowDots && first == UInt8(ascii: ".")) else { return false }
        return text.bytes[line.lowerBound + 1] == first && text.bytes[line.lowerBound + 2] == first
    }
}
