import CLibXML2

#if canImport(Glibc)
    import Glibc
#endif

/// libxml2's `xmlTextWriter` set up as the GraphML sink used it when it streamed the file
/// (indent one space per level, a UTF-8 document), writing into memory: the reference the
/// tests hold ``XMLText`` and ``XMLMarkup`` to, byte for byte.
///
/// As the sink did, it removes the characters XML 1.0 forbids before libxml2 sees them
/// (libxml2 copies them through) and counts them. Attributes are escaped by libxml2. Text is
/// libxml2's own escaping of element content (`xmlEncodeSpecialChars`, what
/// `xmlTextWriterWriteString` uses) with its `&quot;` put back to `"`, written raw: the one
/// difference the sink chose (content needs no quoting).
final class LibXML2Writer {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr
    private(set) var removed = 0

    init?() {
        guard let buffer = xmlBufferCreate() else { return nil }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            return nil
        }
        self.buffer = buffer
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, " ")
        xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil)
    }

    deinit {
        xmlBufferFree(buffer)
    }

    func start(_ name: String) {
        xmlTextWriterStartElement(writer, name)
    }

    func attribute(_ name: String, _ value: String) {
        xmlTextWriterWriteAttribute(writer, name, strip(value))
    }

    func text(_ value: String) {
        guard let escaped = xmlEncodeSpecialChars(nil, strip(value)) else { return }
        defer { free(escaped) }
        xmlTextWriterWriteRaw(writer, String(cString: escaped).replacingAll("&quot;", with: "\""))
    }

    func end() {
        xmlTextWriterEndElement(writer)
    }

    /// Ends the document (every open element) and returns the bytes; the writer is done.
    func finish() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// `text` without the characters XML 1.0 forbids, counted.
    private func strip(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...: kept.append(scalar)
            default: removed += 1
            }
        }
        return String(kept)
    }
}

extension String {
    /// Every `target` replaced by `replacement` (without Foundation).
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
