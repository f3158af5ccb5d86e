import PFOCRGraph

/// CX values as JSON bytes, typed exactly as declared: integers and doubles as JSON numbers,
/// lists as arrays, strings through ``JSONText`` (whose byte appenders write exactly this).
enum CXJSON {
    static func appendValue(_ value: PropertyValue, to out: inout [UInt8]) {
        JSONText.appendValue(value, to: &out)
    }

    /// An attribute's value; an evidence list as the JSON array of its rows' field (the bytes
    /// ``JSONText/appendArray(_:to:)`` writes for the list ``GraphSchema/mentions`` would make).
    static func appendValue(_ value: CXValue, to out: inout [UInt8]) {
        switch value {
        case .value(let value):
            JSONText.appendValue(value, to: &out)
        case .evidence(let rows, let field):
            let text = GraphSchema.evidenceFields[field].value
            out.append(UInt8(ascii: "["))
            for index in rows.indices {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(text(rows[index]), to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
    }

    /// A coordinate: whole numbers as `120.0`, so readers see a double. The layout only makes
    /// whole non-negative numbers, written here without formatting a `Double`; anything else
    /// goes through ``JSONText/double(_:)``, which gives the same text for those.
    static func appendCoordinate(_ value: Double, to out: inout [UInt8]) {
        if value.sign == .plus && value < 1e15 && value == value.rounded(.down) {
            out.append(decimal: Int(value))
            out.append(".0")
        } else {
            out.append(utf8: JSONText.double(value))
        }
    }

    /// An edge element's opening, `opening` (`{"id":` or `{"@id":`) then its id, `s` and `t`,
    /// the same in both dialects.
    static func appendEdgeStart(_ opening: StaticString, _ id: Int, _ edge: CXEdge, to out: inout [UInt8]) {
        out.append(opening)
        out.append(decimal: id)
        out.append(",\"s\":")
        out.append(decimal: edge.source)
        out.append(",\"t\":")
        out.append(decimal: edge.target)
    }
}
