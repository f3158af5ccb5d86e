/// Deterministic JSON text, written by hand for speed and byte-stable output (keys in the
/// order given, numbers in one canonical form, no platform-dependent escaping).
public enum JSONText {
    /// Appends `text` as a JSON string literal: `"` `\` and controls escaped (`\n`, `\t`,
    /// `\u0001`), everything else as UTF-8.
    public static func appendString(_ text: String, to out: inout String) {
        out.append("\"")
        var needsEscape = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            needsEscape = true
            break
        }
        if !needsEscape {
            out.append(text)
            out.append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "\u{08}": out.append("\\b")
            case "\u{0C}": out.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var out = String()
        appendString(text, to: &out)
        return out
    }

    /// A JSON array of strings.
    public static func array(_ items: [String]) -> String {
        var out = "["
        for (index, item) in items.enumerated() {
            if index > 0 { out.append(",") }
            appendString(item, to: &out)
        }
        out.append("]")
        return out
    }

    /// A double as JSON: the shortest round-tripping form (never NaN or infinity, which the
    /// reader rejects), always with a fraction or exponent so it reads back as a double.
    public static func double(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = value.description
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    /// A property value as JSON: lists as arrays, numbers as numbers, IRIs as strings.
    public static func value(_ value: PropertyValue) -> String {
        switch value {
        case .string(let text), .iri(let text): string(text)
        case .integer(let number): String(number)
        case .double(let number): double(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .stringList(let items): array(items)
        }
    }
}
