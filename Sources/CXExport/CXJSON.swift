import PFOCRGraph

/// CX values as JSON bytes, typed exactly as declared: integers and doubles as JSON numbers,
/// lists as arrays, strings through ``JSONText`` (whose byte appenders write exactly this).
enum CXJSON {
    static func appendValue(_ value: PropertyValue, to out: inout [UInt8]) {
        JSONText.appendValue(value, to: &out)
    }

    /// A MENTIONS list property still in its evidence rows: the JSON array of field `field` (an
    /// index of ``GraphSchema/evidenceFields``) of every row of `rows` (not empty), the bytes
    /// ``JSONText/appendArray(_:to:)`` writes for the list ``GraphSchema/mentions`` would make.
    ///
    /// Why from the rows: a figure network's gene, chemical and disease nodes each carry the
    /// MENTIONS lists (`words`, `matchedTerms`, `sources`); ``GraphEdge/value(_:)`` makes each
    /// an array of strings, allocated and freed per node, only to be written once as JSON.
    static func appendEvidence(_ rows: [MentionEvidence], field: Int, to out: inout [UInt8]) {
        let text = GraphSchema.evidenceFields[field].value
        out.append(UInt8(ascii: "["))
        for index in rows.indices {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendString(text(rows[index]), to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    /// A figure network attribute: the JSON string of ``CXNetworkBuilder/text(_:)`` of
    /// `value` (a list's JSON array text is made as bytes, not as a `String` of strings).
    static func appendText(_ value: PropertyValue, to out: inout [UInt8]) {
        switch value {
        case .string(let text), .iri(let text):
            JSONText.appendString(text, to: &out)
        case .stringList(let items):
            var array: [UInt8] = []
            JSONText.appendArray(items, to: &array)
            JSONText.appendString(String(decoding: array, as: UTF8.self), to: &out)
        default:
            JSONText.appendString(value.text(), to: &out)
        }
    }

    /// A coordinate: whole numbers as `120.0`, so readers see a double. The layout only makes
    /// whole non-negative numbers, written here without formatting a `Double`; anything else
    /// goes through ``JSONText/double(_:)``, which gives the same text for those.
    static func appendCoordinate(_ value: Double, to out: inout CXOutput) {
        if value.sign == .plus && value < 1e15 && value == value.rounded(.down) {
            out.append(decimal: Int(value))
            out.append(".0")
        } else {
            out.append(utf8: JSONText.double(value))
        }
    }

    /// An edge element's opening, `opening` (`{"id":` or `{"@id":`) then its id, `s` and `t`,
    /// the same in both dialects.
    static func appendEdgeStart(_ opening: StaticString, _ id: Int, _ edge: CXEdge, to out: inout CXOutput) {
        out.append(opening)
        out.append(decimal: id)
        out.append(",\"s\":")
        out.append(decimal: edge.source)
        out.append(",\"t\":")
        out.append(decimal: edge.target)
    }
}
