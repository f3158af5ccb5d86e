/// A fast reader for the block style that PFOCR's R emitter (R `yaml`, libyaml's emitter) writes:
/// block mappings and sequences (sequences of a mapping value indentless or indented), plain and
/// single-quoted scalars folded over lines, `[]`. For a text made of nothing else it produces
/// exactly the events libyaml would, with the same lines, and feeds them to a
/// ``FrontMatterDecoder``; for anything else it gives up and the caller uses libyaml.
///
/// "Nothing else" is checked before anything is trusted: a byte libyaml treats specially or
/// refuses (CR, tab and other controls, NEL, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF), a comment,
/// a document marker, a directive, a tag, an anchor, an alias, a flow collection other than `[]`,
/// a double-quoted or block scalar, an empty sequence entry, a quoted scalar continued on a line
/// indented no more than its collection, a plain scalar that starts with an
/// indicator or holds `: `, ` #` or a final `:`, a key that spans lines, ends in a space or
/// reaches 1,000 bytes (libyaml takes keys of up to 1,024 characters), indentation libyaml
/// would reject, nesting deeper than ``maxDepth``: each makes the scanner give up. A text it accepts is therefore
/// valid YAML (libyaml reports no error on it), so a problem the decoder raises on its events
/// (a duplicate key) is the one it raises on libyaml's. The scanner reads the whole text even
/// after such a problem, and gives up if anything later is beyond it, as the error libyaml
/// would give first is then unknown.
struct BlockScanner {
    /// Deepest collection the scanner follows (PFOCR records nest four deep).
    static let maxDepth = 32

    private let text: UnsafeBufferPointer<UInt8>
    private(set) var decoder: FrontMatterDecoder
    /// The first problem the decoder raised; the scan goes on without it.
    private(set) var problem: YAMLProblem?
    /// The current line.
    private var line: Line
    /// Folded and unescaped scalar values.
    private var scratch: [UInt8] = []

    /// A line of the text: where it starts and ends (its LF, or the end of the text), its
    /// indentation (leading spaces) and its 1-based number.
    private struct Line {
        var start: Int
        var end: Int
        var content: Int
        var number: Int

        var indent: Int { content - start }
        var isBlank: Bool { content == end }
    }

    private struct Unsupported: Error {}

    init(_ text: UnsafeBufferPointer<UInt8>, decoder: FrontMatterDecoder) {
        self.text = text
        self.decoder = decoder
        self.line = Line(start: 0, end: 0, content: 0, number: 1)
    }

    /// Scans the whole text. False when the text is beyond the scanner (the decoder then holds
    /// a partial document and must be discarded).
    mutating func scan() -> Bool {
        guard BlockScanner.isPlainText(text) else { return false }
        do throws(Unsupported) {
            line = lineAt(0, number: 1)
            skipBlankLines()
            guard !atEnd, line.indent == 0 else { return false }
            emit(YAMLEvent(.mappingStart, line: line.number))
            try mapping(indent: 0, from: line.content, depth: 1)
            emit(YAMLEvent(.mappingEnd, line: line.number))
            return atEnd
        } catch {
            return false
        }
    }

    // MARK: Lines

    private var atEnd: Bool { line.start >= text.count }

    // The helpers that read the text are static, each with an inlined instance method that
    // passes it the text and the line: called from a mutating method, an instance method that
    // is not inlined gets a copy of the whole scanner (216 bytes, a `memcpy`) as its `self`,
    // which cost more than some of these helpers' work (one or two per scalar and per line).

    @inline(__always)
    private func lineAt(_ start: Int, number: Int) -> Line {
        BlockScanner.lineAt(start, number: number, in: text)
    }

    private static func lineAt(_ start: Int, number: Int, in text: UnsafeBufferPointer<UInt8>) -> Line {
        let end = ByteText.find(0x0A, in: text, from: start, to: text.count) ?? text.count
        var content = start
        while content < end, text[content] == 0x20 { content += 1 }
        return Line(start: start, end: end, content: content, number: number)
    }

    private mutating func nextLine() {
        line = lineAt(min(line.end + 1, text.count), number: line.number + 1)
    }

    private mutating func skipBlankLines() {
        while !atEnd, line.isBlank { nextLine() }
    }

    // MARK: Collections

    /// A block mapping at column `indent`, whose first key starts at `start` on the current
    /// line; ends at the first line indented less. Leaves the current line after it.
    /// `firstColon` is ``keyColon(at:)`` of `start` when the caller found it already (a
    /// sequence entry that is a mapping): each entry's first key is not searched twice.
    private mutating func mapping(indent: Int, from start: Int, depth: Int, firstColon: Int? = nil)
        throws(Unsupported)
    {
        guard depth <= BlockScanner.maxDepth else { throw Unsupported() }
        var start = start
        var knownColon = firstColon
        while true {
            let colon = try key(at: start, colon: knownColon)
            knownColon = nil
            try value(after: colon + 1, collectionIndent: indent, depth: depth)
            if atEnd || line.indent < indent { return }
            guard line.indent == indent, !isEntry(line.content) else { throw Unsupported() }
            start = line.content
        }
    }

    /// A block sequence whose entries start at column `indent`, the current line being the
    /// first; `indentless` when it is a mapping value at the mapping's own column. Leaves the
    /// current line after it.
    private mutating func sequence(indent: Int, indentless: Bool, depth: Int) throws(Unsupported) {
        guard depth <= BlockScanner.maxDepth else { throw Unsupported() }
        while true {
            var start = line.content + 1
            while start < line.end, text[start] == 0x20 { start += 1 }
            guard start < line.end else { throw Unsupported() }  // an empty entry
            if let colon = keyColon(at: start) {
                emit(YAMLEvent(.mappingStart, line: line.number))
                try mapping(indent: start - line.start, from: start, depth: depth + 1, firstColon: colon)
                emit(YAMLEvent(.mappingEnd, line: line.number))
            } else {
                try inlineValue(at: start, collectionIndent: indent)
            }
            if atEnd || line.indent < indent { return }
            guard line.indent == indent else { throw Unsupported() }
            if !isEntry(line.content) {
                guard indentless else { throw Unsupported() }
                return
            }
        }
    }

    /// True when a sequence entry (`-` and a space) starts at `index`.
    private func isEntry(_ index: Int) -> Bool {
        index + 1 < line.end && text[index] == UInt8(ascii: "-") && text[index + 1] == 0x20
    }

    // MARK: Keys and values

    /// The key at `start` on the current line, emitted; returns the offset of its `:`
    /// (`known`, when the caller found it already).
    private mutating func key(at start: Int, colon known: Int?) throws(Unsupported) -> Int {
        guard let colon = known ?? keyColon(at: start) else { throw Unsupported() }
        if text[start] == UInt8(ascii: "'") {
            scratch.removeAll(keepingCapacity: true)
            var index = start + 1
            while index < colon - 1 {
                scratch.append(text[index])
                index += text[index] == UInt8(ascii: "'") ? 2 : 1
            }
            emitScratch(line: line.number)
        } else {
            emit(YAMLEvent(.scalar, line: line.number, scalar: UnsafeBufferPointer(rebasing: text[start..<colon])))
        }
        return colon
    }

    /// The offset of the `:` that ends a key starting at `start` on the current line (a
    /// single-quoted key, or a plain one that does not start with an indicator, holds no ` #`
    /// and has no space before its `:`), followed by a space or the end of the line; nil when
    /// no key starts there.
    @inline(__always)
    private func keyColon(at start: Int) -> Int? {
        BlockScanner.keyColon(at: start, lineEnd: line.end, in: text)
    }

    private static func keyColon(at start: Int, lineEnd: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        let end = min(lineEnd, start + 1000)
        var index = start
        if text[start] == UInt8(ascii: "'") {
            index += 1
            while index < end {
                if text[index] == UInt8(ascii: "'") {
                    if index + 1 < end, text[index + 1] == UInt8(ascii: "'") {
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                index += 1
            }
            guard index < end, text[index] == UInt8(ascii: ":") else { return nil }
        } else {
            guard !BlockScanner.isIndicator(text[start]) else { return nil }
            while index < end, text[index] != UInt8(ascii: ":") || (index + 1 < lineEnd && text[index + 1] != 0x20) {
                if text[index] == UInt8(ascii: "#"), text[index - 1] == 0x20 { return nil }
                index += 1
            }
            guard index < end, text[index - 1] != 0x20 else { return nil }
        }
        guard index + 1 == lineEnd || text[index + 1] == 0x20 else { return nil }
        return index
    }

    /// The value of a mapping key whose `:` ends at `start`: on the same line, or the block
    /// collection on the lines after, or empty. Leaves the current line after it.
    private mutating func value(after start: Int, collectionIndent indent: Int, depth: Int) throws(Unsupported) {
        var index = start
        while index < line.end, text[index] == 0x20 { index += 1 }
        if index < line.end {
            try inlineValue(at: index, collectionIndent: indent)
            return
        }
        let keyLine = line.number
        nextLine()
        skipBlankLines()
        if !atEnd, line.indent == indent, isEntry(line.content) {
            emit(YAMLEvent(.sequenceStart, line: line.number))
            try sequence(indent: indent, indentless: true, depth: depth + 1)
            emit(YAMLEvent(.sequenceEnd, line: line.number))
        } else if !atEnd, line.indent > indent {
            if isEntry(line.content) {
                emit(YAMLEvent(.sequenceStart, line: line.number))
                try sequence(indent: line.indent, indentless: false, depth: depth + 1)
                emit(YAMLEvent(.sequenceEnd, line: line.number))
            } else {
                guard keyColon(at: line.content) != nil else { throw Unsupported() }
                emit(YAMLEvent(.mappingStart, line: line.number))
                try mapping(indent: line.indent, from: line.content, depth: depth + 1)
                emit(YAMLEvent(.mappingEnd, line: line.number))
            }
        } else {
            emit(YAMLEvent(.scalar, line: keyLine))
        }
    }

    /// A scalar or `[]` starting at `start` on the current line, inside a block collection at
    /// column `indent`. Leaves the current line after it.
    private mutating func inlineValue(at start: Int, collectionIndent indent: Int) throws(Unsupported) {
        let first = text[start]
        if first == UInt8(ascii: "'") {
            try singleQuoted(at: start, minimumIndent: indent + 1)
        } else if first == UInt8(ascii: "[") {
            guard start + 1 < line.end, text[start + 1] == UInt8(ascii: "]"), isBlank(start + 2..<line.end) else {
                throw Unsupported()
            }
            emit(YAMLEvent(.sequenceStart, line: line.number))
            emit(YAMLEvent(.sequenceEnd, line: line.number))
            nextLine()
            skipBlankLines()
        } else {
            guard !BlockScanner.isIndicator(first) else { throw Unsupported() }
            try plain(at: start, minimumIndent: indent + 1)
        }
    }

    /// A plain scalar from `start`, continued on following lines indented at least
    /// `minimumIndent`, folded as libyaml folds: one line break becomes a space, n > 1 become
    /// n - 1 newlines, spaces around breaks go.
    private mutating func plain(at start: Int, minimumIndent: Int) throws(Unsupported) {
        let number = line.number
        var end = try plainLineEnd(from: start)
        nextLine()
        var breaks = 0
        while !atEnd, line.isBlank {
            breaks += 1
            nextLine()
        }
        if atEnd || line.indent < minimumIndent {
            emit(YAMLEvent(.scalar, line: number, scalar: UnsafeBufferPointer(rebasing: text[start..<end])))
            return
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
        while !atEnd, line.indent >= minimumIndent {
            guard text[line.content] != UInt8(ascii: "#") else { throw Unsupported() }
            end = try plainLineEnd(from: line.content)
            fold(breaks + 1)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[line.content..<end]))
            nextLine()
            breaks = 0
            while !atEnd, line.isBlank {
                breaks += 1
                nextLine()
            }
        }
        emitScratch(line: number)
    }

    /// Where the plain text of the current line from `start` ends (trailing spaces dropped);
    /// throws on `: `, a final `:` or ` #`, which end a plain scalar in libyaml.
    @inline(__always)
    private func plainLineEnd(from start: Int) throws(Unsupported) -> Int {
        try BlockScanner.plainLineEnd(from: start, lineEnd: line.end, in: text)
    }

    private static func plainLineEnd(from start: Int, lineEnd: Int, in text: UnsafeBufferPointer<UInt8>)
        throws(Unsupported) -> Int
    {
        var index = start
        // Plain text is most of a record's bytes and seldom holds `:` or `#`: skip sixteen,
        // then eight bytes at a time that hold neither (the classic has-zero-byte test on the
        // word XORed with each), and look at single bytes only around one.
        if let base = text.baseAddress {
            while index + 16 <= lineEnd {
                let first = ByteWord.load(base, at: index)
                let second = ByteWord.load(base, at: index + 8)
                if ByteWord.hasByte(0x3A, in: first) || ByteWord.hasByte(0x23, in: first)
                    || ByteWord.hasByte(0x3A, in: second) || ByteWord.hasByte(0x23, in: second)
                {
                    break
                }
                index += 16
            }
        }
        while index < lineEnd {
            if index + 8 <= lineEnd, let base = text.baseAddress {
                let word = ByteWord.load(base, at: index)
                if !ByteWord.hasByte(0x3A, in: word) && !ByteWord.hasByte(0x23, in: word) {
                    index += 8
                    continue
                }
            }
            let byte = text[index]
            if byte == UInt8(ascii: ":"), index + 1 == lineEnd || text[index + 1] == 0x20 { throw Unsupported() }
            if byte == UInt8(ascii: "#"), index > start, text[index - 1] == 0x20 { throw Unsupported() }
            index += 1
        }
        var end = lineEnd
        while end > start, text[end - 1] == 0x20 { end -= 1 }
        return end
    }

    /// A single-quoted scalar whose quote is at `start`, `''` an escaped quote, folded over
    /// lines as a plain scalar is; nothing but spaces may follow it on its last line. libyaml
    /// does not check the indentation of the lines it continues on; the scanner takes only
    /// those indented at least `minimumIndent`, as the emitter writes them.
    private mutating func singleQuoted(at start: Int, minimumIndent: Int) throws(Unsupported) {
        let number = line.number
        scratch.removeAll(keepingCapacity: true)
        var index = start + 1
        while true {
            // Where the text of this line ends in `scratch`, spaces before a break not counted.
            var lineEnd = scratch.count
            while index < line.end {
                // The run up to the next quote is copied at once, not byte by byte.
                let quote = ByteText.find(UInt8(ascii: "'"), in: text, from: index, to: line.end) ?? line.end
                if quote > index {
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<quote]))
                    var last = quote
                    while last > index, text[last - 1] == 0x20 { last -= 1 }
                    if last > index { lineEnd = scratch.count - (quote - last) }
                    index = quote
                }
                guard index < line.end else { break }
                // A quote: `''` is an escaped quote, a lone one ends the scalar.
                guard index + 1 < line.end, text[index + 1] == UInt8(ascii: "'") else { break }
                scratch.append(UInt8(ascii: "'"))
                index += 2
                lineEnd = scratch.count
            }
            if index < line.end {
                guard isBlank(index + 1..<line.end) else { throw Unsupported() }
                emitScratch(line: number)
                nextLine()
                skipBlankLines()
                return
            }
            // A line break inside the quotes: drop the spaces before it, fold the breaks.
            scratch.removeSubrange(lineEnd...)
            var breaks = 0
            repeat {
                nextLine()
                breaks += 1
                guard !atEnd else { throw Unsupported() }
            } while line.isBlank
            guard line.indent >= minimumIndent else { throw Unsupported() }
            fold(breaks)
            index = line.content
        }
    }

    /// Appends the folding of `breaks` line breaks between two pieces of a scalar.
    private mutating func fold(_ breaks: Int) {
        if breaks == 1 {
            scratch.append(0x20)
        } else {
            scratch.append(contentsOf: repeatElement(0x0A, count: breaks - 1))
        }
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        for index in range where text[index] != 0x20 { return false }
        return true
    }

    // MARK: Events

    private mutating func emit(_ event: YAMLEvent) {
        guard problem == nil else { return }
        do throws(YAMLProblem) {
            try decoder.take(event)
        } catch {
            problem = error
        }
    }

    private mutating func emitScratch(line number: Int) {
        let bytes = scratch
        bytes.withUnsafeBufferPointer { emit(YAMLEvent(.scalar, line: number, scalar: $0)) }
    }

    // MARK: Characters

    /// The characters that cannot start a plain scalar the scanner takes (YAML indicators, and
    /// `-`, `?`, `:` which may start one only in some contexts).
    ///
    /// Tested in line on two 64-bit masks of ``indicators`` (bytes below 64, bytes 64 to 127):
    /// the `switch` below was a call per scalar. A test holds the two equal.
    @inline(__always)
    static func isIndicator(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0xC400_34EF_0000_0000
        let high: UInt64 = 0x3800_0001_2800_0001
        switch byte {
        case 0..<64: return low >> UInt64(byte) & 1 != 0
        case 64..<128: return high >> UInt64(byte - 64) & 1 != 0
        default: return false
        }
    }

    /// ``isIndicator(_:)`` as the list of its characters.
    static func indicators(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
            UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
            UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), 0x20:
            true
        default:
            false
        }
    }

    /// True when `text` (valid UTF-8) holds no byte libyaml reads specially or refuses: CR,
    /// tab and other C0 and C1 controls, DEL, NEL, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF.
    static func isPlainText(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return true }
        var index = 0
        let count = text.count
        while index < count {
            // Eight printable ASCII bytes or LFs at a time: no high bit, none below 0x20 but
            // LF, no DEL. LFs are first turned into `*` (0x0A | 0x20), else the word holding
            // each line's LF would take the byte-by-byte path below.
            if index + 8 <= count {
                let raw = ByteWord.load(base, at: index)
                let low: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                let seven: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
                let lf = raw ^ 0x0A0A_0A0A_0A0A_0A0A
                // 0x80 in exactly the bytes that are LF (the exact zero-byte test of `lf`).
                let lfBytes = ~(((lf & seven) &+ seven) | lf | seven)
                let word = raw | (lfBytes >> 2)
                let belowSpace = (word &- 0x2020_2020_2020_2020) & ~word & high
                let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
                if (word & high) | belowSpace | ((delete &- low) & ~delete & high) == 0 {
                    index += 8
                    continue
                }
            }
            let byte = text[index]
            if byte < 0x80 {
                if byte < 0x20 && byte != 0x0A || byte == 0x7F { return false }
                index += 1
                continue
            }
            switch byte {
            case 0xC2:
                if index + 1 < count, text[index + 1] < 0xA0 { return false }
            case 0xE2:
                if index + 2 < count, text[index + 1] == 0x80, text[index + 2] == 0xA8 || text[index + 2] == 0xA9 {
                    return false
                }
            case 0xEF:
                if index + 2 < count, text[index + 1] == 0xBB, text[index + 2] == 0xBF { return false }
                if index + 2 < count, text[index + 1] == 0xBF, text[index + 2] >= 0xBE { return false }
            default:
                break
            }
            index += 1
        }
        return true
    }
}
