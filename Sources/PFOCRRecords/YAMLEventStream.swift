import CYaml

/// A YAML problem, worded and placed as Yams worded and placed it (so diagnostics did not
/// change when the reader stopped building Yams nodes): `line` is 1-based within the YAML text.
struct YAMLProblem: Error {
    var line: Int
    var message: String
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
    private let event: UnsafeMutablePointer<yaml_event_t>
    private let initialized: Bool
    /// Backs an empty text, which may come without an address (libyaml requires one).
    private let emptyInput: UnsafeMutablePointer<UInt8>?
    private var holdsEvent = false

    /// A stream over `bytes`, which must stay valid and unchanged while the stream lives.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        initialized = yaml_parser_initialize(parser) == 1
        emptyInput = bytes.baseAddress == nil ? .allocate(capacity: 1) : nil
        guard initialized, let input = bytes.baseAddress ?? emptyInput.map({ UnsafePointer($0) }) else { return }
        // As Yams did: the encoding is set, never guessed from a byte order mark.
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input, bytes.count)
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        if initialized { yaml_parser_delete(parser) }
        parser.deallocate()
        event.deallocate()
        emptyInput?.deallocate()
    }

    /// Parses the next event, releasing the one held.
    mutating func next() throws(YAMLProblem) {
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard initialized else { throw YAMLProblem(line: 1, message: "Memory error") }
        guard yaml_parser_parse(parser, event) == 1 else { throw problem() }
        holdsEvent = true
    }

    var type: yaml_event_type_t { event.pointee.type }

    /// The 1-based line where the event starts (Yams' node mark).
    var line: Int { Int(event.pointee.start_mark.line) + 1 }

    /// The scalar's value as Yams' `String` had it: Foundation drops one leading byte order
    /// mark when it decodes UTF-8, so it is dropped here too.
    var scalarBytes: UnsafeBufferPointer<UInt8> {
        let value = UnsafeBufferPointer(start: event.pointee.data.scalar.value, count: event.pointee.data.scalar.length)
        guard value.count >= 3, value[0] == 0xEF, value[1] == 0xBB, value[2] == 0xBF else { return value }
        return UnsafeBufferPointer(rebasing: value[3...])
    }

    /// The anchor of a scalar, collection start or alias event.
    var anchor: String? {
        let pointer: UnsafeMutablePointer<UInt8>?
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: pointer = event.pointee.data.scalar.anchor
        case YAML_SEQUENCE_START_EVENT: pointer = event.pointee.data.sequence_start.anchor
        case YAML_MAPPING_START_EVENT: pointer = event.pointee.data.mapping_start.anchor
        case YAML_ALIAS_EVENT: pointer = event.pointee.data.alias.anchor
        default: pointer = nil
        }
        return pointer.map { String(cString: $0) }
    }

    /// The explicit tag of a scalar or collection start, nil when it has none or has the
    /// non-specific `!` (both resolve to the kind's default, `str`, `seq` or `map`, as in Yams).
    var explicitTag: String? {
        let pointer: UnsafeMutablePointer<UInt8>?
        switch event.pointee.type {
        case YAML_SCALAR_EVENT: pointer = event.pointee.data.scalar.tag
        case YAML_SEQUENCE_START_EVENT: pointer = event.pointee.data.sequence_start.implicit != 0 ? nil : event.pointee.data.sequence_start.tag
        case YAML_MAPPING_START_EVENT: pointer = event.pointee.data.mapping_start.implicit != 0 ? nil : event.pointee.data.mapping_start.tag
        default: pointer = nil
        }
        guard let pointer else { return nil }
        let tag = String(cString: pointer)
        return tag == "!" ? nil : tag
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
