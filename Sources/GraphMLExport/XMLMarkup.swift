/// Tags laid out as libxml2's `xmlTextWriter` laid them out with one space of indentation per
/// level (the file was written with it before rendering moved to the worker threads, and its
/// bytes must not change): an element with element children gets its start tag and its end
/// tag on lines of their own, indented by depth; a text element is one line
/// (`<data key="kind">Gene</data>`), its text escaped by ``XMLText``. GraphML never needs an
/// empty element here (every node and edge has data, every key a `<desc>`); an empty value is
/// written `<data key="x"></data>`, as libxml2 wrote it.
enum XMLMarkup {
    /// `depth` spaces, `<name`, the attributes, `>` and a line feed: the start of an element
    /// with element children. Returns the characters XML 1.0 forbids removed from the values.
    static func appendStartTag(
        _ name: String, _ attributes: KeyValuePairs<String, String>, depth: Int, to out: inout [UInt8]
    ) -> Int {
        let removed = appendOpening(name, attributes, depth: depth, to: &out)
        out.append(">\n")
        return removed
    }

    /// `depth` spaces, `</name>` and a line feed.
    static func appendEndTag(_ name: String, depth: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth))
        out.append("</")
        out.append(utf8: name)
        out.append(">\n")
    }

    /// `depth` spaces, then `<name attribute="value">`: a text element up to its text.
    static func appendTextStart(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], depth: Int, to out: inout [UInt8]
    ) -> Int {
        let removed = appendOpening(name, attributes, depth: depth, to: &out)
        out.append(">")
        return removed
    }

    /// `</name>` and a line feed: the end of a text element.
    static func appendTextEnd(_ name: String, to out: inout [UInt8]) {
        out.append("</")
        out.append(utf8: name)
        out.append(">\n")
    }

    /// A whole text element on its line: start, `text` escaped as content, end.
    static func appendTextElement(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String, depth: Int,
        to out: inout [UInt8]
    ) -> Int {
        var removed = appendTextStart(name, attributes, depth: depth, to: &out)
        removed += XMLText.appendContent(text, to: &out)
        appendTextEnd(name, to: &out)
        return removed
    }

    private static func appendOpening(
        _ name: String, _ attributes: KeyValuePairs<String, String>, depth: Int, to out: inout [UInt8]
    ) -> Int {
        var removed = 0
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth))
        out.append(UInt8(ascii: "<"))
        out.append(utf8: name)
        for (attribute, value) in attributes {
            out.append(UInt8(ascii: " "))
            out.append(utf8: attribute)
            out.append("=\"")
            removed += XMLText.appendAttribute(value, to: &out)
            out.append(UInt8(ascii: "\""))
        }
        return removed
    }
}
