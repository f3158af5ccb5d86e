import CYaml

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A YAML problem, worded and placed as Yams worded and placed it (so diagnostics did not
/// change when the reader stopped building Yams nodes): `line` is 1-based within the YAML text.
struct YAMLProblem: Error {
    var line: Int
    var message: String
}

/// One parse event: what ``FrontMatterDecoder`` reads, from libyaml (``YAMLEventStream``) or
/// from ``BlockScanner``. The scalar's, anchor's and tag's bytes are borrowed: valid until the
/// source's next event.
///
/// The event holds no reference-counted value, so passing and copying one (once per node of
/// every record) costs no retain or release; an anchor or tag becomes a `String` only when the
/// decoder asks for it, which for PFOCR's records is never.
struct YAMLEvent {
    enum Kind {
        case scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd, alias, streamEnd
        /// Stream start, document start and end.
        case other
    }

    var kind: Kind
    /// The 1-based line where the event starts (Yams' node mark).
    var line: Int
    /// The anchor's name (an alias's target), nil when there is none.
    var anchorBytes: UnsafeBufferPointer<UInt8>?
    /// The explicit tag, nil when there is none or it is the non-specific `!`.
    var tagBytes: UnsafeBufferPointer<UInt8>?
    /// A scalar's value as Yams' `String` had it: Foundation drops one leading byte order mark
    /// when it decodes UTF-8, so it is dropped here too.
    var scalar: UnsafeBufferPointer<UInt8>

    init(
        _ kind: Kind, line: Int, anchor: UnsafeBufferPointer<UInt8>? = nil, tag: UnsafeBufferPointer<UInt8>? = nil,
        scalar: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    ) {
        self.kind = kind
        self.line = line
        self.anchorBytes = anchor
        // The non-specific tag resolves to the kind's default (`str`, `seq` or `map`), as in
        // Yams: the same as no tag.
        if let tag, tag.count == 1, tag[0] == UInt8(ascii: "!") {
            self.tagBytes = nil
        } else {
            self.tagBytes = tag
        }
        if scalar.count >= 3, scalar[0] == 0xEF, scalar[1] == 0xBB, scalar[2] == 0xBF {
            self.scalar = UnsafeBufferPointer(rebasing: scalar[3...])
        } else {
            self.scalar = scalar
        }
    }

    /// The anchor's name, nil when there is none.
    var anchor: String? { anchorBytes.map { String(decoding: $0, as: UTF8.self) } }

    /// The explicit tag, nil when there is none or it is the non-specific `!` (both resolve
    /// to the kind's default, `str`, `seq` or `map`, as in Yams).
    var tag: String? { tagBytes.map { String(decoding: $0, as: UTF8.self) } }

    /// The bytes of libyaml's NUL-terminated `text`, nil for a null pointer.
    fileprivate static func text(_ pointer: UnsafeMutablePointer<UInt8>?) -> UnsafeBufferPointer<UInt8>? {
        pointer.map { text in
            UnsafeBufferPointer(start: text, count: strlen(UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self)))
        }
    }
}

/// libyaml's event parser, reading UTF-8 bytes in place: no `String` of the text is made, and
/// no node tree is built.
///
/// This is the libyaml that Yams vendors (its `CYaml` module), so parse errors, their marks and
/// its nesting limit (1,000 levels, a parser error beyond) are the ones Yams gave.
/// One event is held at a time: the bytes of its scalar, anchor and tag are valid until the next
/// call to ``next()``.
struct YAMLEventStream: ~Copyable {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let held: UnsafeMutablePointer<yaml_event_t>
    private let initialized: Bool
    /// Backs an empty text, which may come without an address (libyaml requires one).
    private let emptyInput: UnsafeMutablePointer<UInt8>?
    private var holdsEvent = false

    /// A stream over `bytes`, which must stay valid and unchanged while the stream lives.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        parser = .allocate(capacity: 1)
        held = .allocate(capacity: 1)
        initialized = yaml_parser_initialize(parser) == 1
        emptyInput = bytes.baseAddress == nil ? .allocate(capacity: 1) : nil
        guard initialized, let input = bytes.baseAddress ?? emptyInput.map({ UnsafePointer($0) }) else { return }
        // As Yams did: the encoding is set, never guessed from a byte order mark.
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input, bytes.count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(held) }
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        held.deallocate()
        emptyInput?.deallocate()
    }

    /// Parses the next event, releasing the one held.
    mutating func next() throws(YAMLProblem) {
        if holdsEvent {
            yaml_event_delete(held)
            holdsEvent = false
        }
        guard initialized else { throw YAMLProblem(line: 1, message: "Memory error") }
        guard yaml_parser_parse(parser, held) == 1 else { throw problem() }
        holdsEvent = true
    }

    /// The event held, as the decoder reads it.
    var event: YAMLEvent {
        let data = held.pointee.data
        let line = Int(held.pointee.start_mark.line) + 1
        switch held.pointee.type {
        case YAML_SCALAR_EVENT:
            return YAMLEvent(
                .scalar, line: line, anchor: YAMLEvent.text(data.scalar.anchor), tag: YAMLEvent.text(data.scalar.tag),
                scalar: UnsafeBufferPointer(start: data.scalar.value, count: data.scalar.length))
        case YAML_SEQUENCE_START_EVENT:
            let start = data.sequence_start
            return YAMLEvent(
                .sequenceStart, line: line, anchor: YAMLEvent.text(start.anchor),
                tag: start.implicit != 0 ? nil : YAMLEvent.text(start.tag))
        case YAML_MAPPING_START_EVENT:
            let start = data.mapping_start
            return YAMLEvent(
                .mappingStart, line: line, anchor: YAMLEvent.text(start.anchor),
                tag: start.implicit != 0 ? nil : YAMLEvent.text(start.tag))
        case YAML_SEQUENCE_END_EVENT: return YAMLEvent(.sequenceEnd, line: line)
        case YAML_MAPPING_END_EVENT: return YAMLEvent(.mappingEnd, line: line)
        case YAML_ALIAS_EVENT: return YAMLEvent(.alias, line: line, anchor: YAMLEvent.text(data.alias.anchor))
        case YAML_STREAM_END_EVENT: return YAMLEvent(.streamEnd, line: line)
        default: return YAMLEvent(.other, line: line)
        }
    }

    /// libyaml's error, worded as Yams' `YamlError` and `YAMLErrorText` gave it.
    private func problem() -> YAMLProblem {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? ""
        switch state.error {
        case YAML_MEMORY_ERROR:
            return YAMLProblem(line: 1, message: "Memory error")
        case YAML_READER_ERROR:
            // Yams kept no line for reader errors.
            return YAMLProblem(line: 1, message: problem)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
            let context = state.context.map { String(cString: $0) + " " } ?? ""
            return YAMLProblem(line: Int(state.problem_mark.line) + 1, message: context + problem)
        default:
            return YAMLProblem(line: 1, message: "libyaml error \(state.error.rawValue)")
        }
    }
}

/// The characters libyaml's reader refuses ("control characters are not allowed"): YAML 1.1's
/// printable set is tab, LF, CR, U+0020–U+007E, U+0085, U+00A0–U+D7FF, U+E000–U+FFFD and
/// U+10000–U+10FFFF.
enum YAMLReaderRules {
    /// The offset of the first refused character in `range` of `text` (valid UTF-8), or nil.
    static func firstRefused(in text: ByteText, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            let lead = text.bytes[index]
            var value = UInt32(lead)
            var length = 1
            if lead >= 0xF0 {
                length = 4
                value &= 0x07
            } else if lead >= 0xE0 {
                length = 3
                value &= 0x0F
            } else if lead >= 0xC0 {
                length = 2
                value &= 0x1F
            }
            var offset = 1
            while offset < length, index + offset < range.upperBound {
                value = value << 6 | UInt32(text.bytes[index + offset] & 0x3F)
                offset += 1
            }
            switch value {
            case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: break
            default: return index
            }
            index += length
        }
        return nil
    }
}
