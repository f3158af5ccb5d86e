import PFOCRGraph

/// Appending CX values as JSON into a reused buffer, typed exactly as declared: integers and
/// doubles as JSON numbers, lists as arrays, strings through ``JSONText``.
enum CXJSON {
    static func appendValue(_ value: PropertyValue, to out: inout String) {
        switch value {
        case .string(let text), .iri(let text):
            JSONText.appendString(text, to: &out)
        case .integer(let number):
            out.append(String(number))
        case .double(let number):
            out.append(JSONText.double(number))
        case .boolean(let flag):
            out.append(flag ? "true" : "false")
        case .stringList(let items):
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(",") }
                JSONText.appendString(item, to: &out)
            }
            out.append("]")
        }
    }

    /// A coordinate: whole numbers as `120.0`, so readers see a double.
    static func appendCoordinate(_ value: Double, to out: inout String) {
        out.append(JSONText.double(value))
    }
}
