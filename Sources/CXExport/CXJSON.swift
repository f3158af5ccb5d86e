import PFOCRGraph

/// CX values as JSON bytes, typed exactly as declared: integers and doubles as JSON numbers,
/// lists as arrays, strings escaped by ``ByteBuffer`` as ``JSONText`` escapes them: the bytes
/// ``JSONText``'s byte appenders write (CXBytesTests compares them).
enum CXJSON {
    /// A property value: the bytes ``JSONText/appendValue(_:to:)`` writes.
    static func appendValue(_ value: PropertyValue, to out: inout ByteBuffer) {
        switch value {
        case .string(let text), .iri(let text): JSONText.appendString(text, to: &out)
        case .integer(let number): out.append(decimal: number)
        case .double(let number): out.append(utf8: JSONText.double(number))
        case .boolean(let flag): flag ? out.append("true") : out.append("false")
        case .stringList(let items):
            out.append(UInt8(ascii: "["))
            for index in items.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(items[index], to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A MENTIONS list property still in its evidence rows: the JSON array of one field of
    /// every row of `rows` (not empty; `value` a list case of ``EvidenceProperty``), the bytes
    /// ``JSONText/appendArray(_:to:)`` writes for the list ``GraphSchema/mentions`` would make.
    ///
    /// Why from the rows: a figure network's gene, chemical and disease nodes each carry the
    /// MENTIONS lists (`words`, `matchedTerms`, `sources`); ``GraphEdge/value(_:)`` makes each
    /// an array of strings, allocated and freed per node, only to be written once as JSON.
    static func appendEvidence(_ rows: [MentionEvidence], _ value: EvidenceProperty, to out: inout ByteBuffer) {
        out.append(UInt8(ascii: "["))
        switch value {
        case .words:
            for index in rows.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(rows[index].word, to: &out)
            }
        case .matchedTerms:
            for index in rows.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(rows[index].matchedTerm, to: &out)
            }
        case .sources:
            for index in rows.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(rows[index].source, to: &out)
            }
        case .count:
            break
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A figure network attribute: the JSON string of ``CXNetworkBuilder/text(_:)`` of
    /// `value` (a list's JSON array text is made as bytes, not as a `String` of strings).
    static func appendText(_ value: PropertyValue, to out: inout ByteBuffer) {
        switch value {
        case .string(let text), .iri(let text):
            JSONText.appendString(text, to: &out)
        case .stringList:
            var array = ByteBuffer(capacity: 256)
            appendValue(value, to: &array)
            JSONText.appendString(String(decoding: array.bytes, as: UTF8.self), to: &out)
        default:
            JSONText.appendString(value.text(), to: &out)
        }
    }

    /// A coordinate: whole numbers as `120.0`, so readers see a double. The layout only makes
    /// whole non-negative numbers, written here without formatting a `Double`; anything else
    /// goes through ``JSONText/double(_:)``, which gives the same text for those.
    static func appendCoordinate(_ value: Double, to out: inout ByteBuffer) {
        if value.sign == .plus && value < 1e15 && value == value.rounded(.down) {
            out.append(decimal: Int(value))
            out.append(".0")
        } else {
            out.append(utf8: JSONText.double(value))
        }
    }

    /// An edge element's opening, `opening` (`{"id":` or `{"@id":`) then its id, `s` and `t`,
    /// the same in both dialects.
    static func appendEdgeStart(_ opening: StaticString, _ id: Int, _ edge: CXEdge, to out: inout ByteBuffer) {
        out.append(opening)
        out.append(decimal: id)
        out.append(",\"s\":")
        out.append(decimal: edge.source)
        out.append(",\"t\":")
        out.append(decimal: edge.target)
    }
}
