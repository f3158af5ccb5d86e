/// A record file split into its YAML front matter, with line numbers kept.
///
/// A record is `---\n<YAML>\n---\n` and nothing after. Valid variants are accepted silently:
/// a UTF-8 byte order mark, CRLF or CR line endings, a missing final newline, `...` as the
/// closing marker, and blank lines after it.
public struct FrontMatter: Sendable {
    /// The YAML text between the markers, with LF line endings.
    public var yaml: String
    /// The file line on which the YAML text starts (the line after the opening `---`).
    public var firstLine: Int

    /// Splits `bytes`, the whole record file at `path`.
    public init(bytes: [UInt8], path: String) throws(RecordError) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let whole = SourceLocation(file: path, line: 0)
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw RecordError(whole, "empty record: expected a YAML front matter between '---' lines")
        }
        if let nul = body.firstIndex(of: 0) {
            throw RecordError(
                SourceLocation(file: path, line: FrontMatter.lineNumber(of: nul, in: bytes)),
                "binary file: NUL byte in a record")
        }
        if let bad = UTF8Validation.firstInvalidOffset(in: body) {
            throw RecordError(
                SourceLocation(file: path, line: FrontMatter.lineNumber(of: bad, in: bytes)),
                "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))")
        }
        let lines = FrontMatter.splitLines(body)
        guard let first = lines.first, FrontMatter.isMarker(first, allowDots: false) else {
            throw RecordError(
                SourceLocation(file: path, line: 1),
                "record does not start with '---': a PFOCR record is YAML front matter only")
        }
        guard let closing = lines.indices.dropFirst().first(where: { FrontMatter.isMarker(lines[$0], allowDots: true) }) else {
            throw RecordError(
                SourceLocation(file: path, line: 1),
                "front matter opened by '---' is never closed (no closing '---' line)")
        }
        if let extra = lines.indices.dropFirst(closing + 1).first(where: { !FrontMatter.isBlank(lines[$0]) }) {
            throw RecordError(
                SourceLocation(file: path, line: extra + 1),
                "text after the closing '---': a PFOCR record is front matter only")
        }
        var yaml = String()
        yaml.reserveCapacity(body.count)
        for index in 1..<closing {
            yaml.append(contentsOf: String(decoding: lines[index], as: UTF8.self))
            yaml.append("\n")
        }
        self.yaml = yaml
        self.firstLine = 2
    }

    /// Splits on LF, CRLF and lone CR, without the terminators.
    static func splitLines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(bytes[start..<index])
                if byte == 0x0D, index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A { index += 1 }
                start = index + 1
            }
            index += 1
        }
        if start < bytes.endIndex { lines.append(bytes[start..<bytes.endIndex]) }
        return lines
    }

    /// The 1-based line of byte `offset`, counting LF, CRLF and CR as one break each.
    static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var index = 0
        while index < offset && index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
            } else if bytes[index] == 0x0D {
                line += 1
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            }
            index += 1
        }
        return line
    }

    static func isMarker(_ line: ArraySlice<UInt8>, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.elementsEqual("---".utf8) || (allowDots && trimmed.elementsEqual("...".utf8))
    }

    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
