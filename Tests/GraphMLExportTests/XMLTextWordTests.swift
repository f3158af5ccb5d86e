import PFOCRGraph
import Testing

@testable import GraphMLExport

/// ``XMLText`` copies a text whole when its eight-byte word test finds nothing to do: the
/// test must find every byte that needs something, wherever it is in the text. Checked
/// against the escaping spelled out one scalar at a time, for every ASCII scalar and the
/// scalars whose UTF-8 starts with 0xEF, at every position of texts of every length up to 17.
@Suite("XMLText word test")
struct XMLTextWordTests {
    static let fillers: [Character] = ["a", "%", "'", "=", "?", "[", "~", "\u{7F}", "é", "\u{FFFD}"]
    static let scalars: [Unicode.Scalar] =
        (0..<0x80).compactMap { Unicode.Scalar(UInt32($0)) } + ["\u{FFFE}", "\u{FFFF}", "\u{FFBE}", "\u{F000}"]

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
            || scalar == "\u{FFFE}" || scalar == "\u{FFFF}"
    }

    static func markup(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "&": "&amp;"
        case "<": "&lt;"
        case ">": "&gt;"
        default: nil
        }
    }

    /// Element content, scalar by scalar.
    static func content(_ text: String) -> (String, Int) {
        var out = ""
        var removed = 0
        for scalar in text.unicodeScalars {
            if isForbidden(scalar) {
                removed += 1
            } else if scalar == "\r" {
                out += "&#13;"
            } else {
                out += markup(scalar) ?? String(scalar)
            }
        }
        return (out, removed)
    }

    /// A one-item JSON list as element content, scalar by scalar.
    static func list(_ text: String) -> (String, Int) {
        var out = "[\""
        var removed = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case _ where isForbidden(scalar): removed += 1
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out += markup(scalar) ?? String(scalar)
            }
        }
        return (out + "\"]", removed)
    }

    @Test("Every byte that needs escaping or removal is found at every position", arguments: fillers)
    func everyPosition(_ filler: Character) {
        for length in 1...17 {
            for position in 0..<length {
                for scalar in Self.scalars {
                    var characters = Array(repeating: filler, count: length)
                    characters[position] = Character(scalar)
                    let text = String(characters)
                    var content: [UInt8] = []
                    let contentRemoved = XMLText.appendContent(text, to: &content)
                    let expectedContent = Self.content(text)
                    #expect(String(decoding: content, as: UTF8.self) == expectedContent.0)
                    #expect(contentRemoved == expectedContent.1)
                    var list: [UInt8] = []
                    let listRemoved = XMLText.appendJSONArray([text], to: &list)
                    let expectedList = Self.list(text)
                    #expect(String(decoding: list, as: UTF8.self) == expectedList.0)
                    #expect(listRemoved == expectedList.1)
                }
            }
        }
    }
}
