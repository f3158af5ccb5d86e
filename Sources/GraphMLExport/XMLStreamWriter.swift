import CLibXML2
import PFOCRGraph

/// A thin wrapper over libxml2's `xmlTextWriter` that streams into an ``OutputFile``.
///
/// The writer's output buffer has write and close callbacks into the file, so the bytes go
/// straight into the staged file the export driver moves into place; libxml2 buffers a few KB,
/// the file 1 MB, and nothing grows with the corpus. Text content is escaped by ``XMLText`` (which also
/// removes the characters XML 1.0 forbids, which libxml2 would copy through) and counted;
/// attributes are escaped by libxml2. The first libxml2 failure is kept and reported by ``finish()``, the way
/// ``OutputFile`` reports I/O errors at `close()`.
final class XMLStreamWriter {
    private var writer: OpaquePointer?
    private let path: String
    private var failure: String?
    /// Characters XML 1.0 forbids, removed from text so far.
    private(set) var removedCharacters = 0

    /// Starts a UTF-8 document in `file`, indented one space per level.
    init(file: OutputFile) throws(ExportError) {
        path = file.relativePath
        // The output buffer holds a reference to the file until libxml2 closes it.
        let context = Unmanaged.passRetained(file).toOpaque()
        let output = xmlOutputBufferCreateIO(
            { context, bytes, length in
                guard let context, let bytes, length > 0 else { return length < 0 ? -1 : 0 }
                let file = Unmanaged<OutputFile>.fromOpaque(context).takeUnretainedValue()
                bytes.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { start in
                    file.write(bytes: UnsafeBufferPointer(start: start, count: Int(length)))
                }
                return length
            },
            { context in
                if let context { Unmanaged<OutputFile>.fromOpaque(context).release() }
                return 0
            },
            context, nil)
        guard let output else {
            Unmanaged<OutputFile>.fromOpaque(context).release()
            throw ExportError.io(path: path, reason: "libxml2 could not create an output buffer")
        }
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            throw ExportError.io(path: path, reason: "libxml2 could not create a text writer")
        }
        self.writer = writer
        check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        check(xmlTextWriterSetIndentString(writer, " "), "xmlTextWriterSetIndentString")
        check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
    }

    /// `<name`; attributes may follow.
    func startElement(_ name: String) {
        guard let writer else { return }
        check(xmlTextWriterStartElement(writer, name), "xmlTextWriterStartElement")
    }

    /// An attribute of the element just started. Only for names and values the sink controls
    /// (key ids, node ids, vocabulary names), which are stripped all the same.
    func attribute(_ name: String, _ value: String) {
        guard let writer else { return }
        check(xmlTextWriterWriteAttribute(writer, name, clean(value)), "xmlTextWriterWriteAttribute")
    }

    /// Text content, escaped by ``XMLText/content(_:)`` and written raw: without the
    /// characters XML 1.0 forbids, and without libxml2's `&quot;` for every quote.
    func text(_ value: String) {
        guard let writer else { return }
        let (content, removed) = XMLText.content(value)
        removedCharacters += removed
        check(xmlTextWriterWriteRaw(writer, content), "xmlTextWriterWriteRaw")
    }

    /// Closes the innermost open element.
    func endElement() {
        guard let writer else { return }
        check(xmlTextWriterEndElement(writer), "xmlTextWriterEndElement")
    }

    /// `<name key="value">text</name>`: GraphML's `<data>`.
    func element(_ name: String, attribute: String, _ value: String, text: String) {
        startElement(name)
        self.attribute(attribute, value)
        self.text(text)
        endElement()
    }

    /// Closes every open element, flushes everything into the file and frees the writer;
    /// throws the first libxml2 failure.
    func finish() throws(ExportError) {
        if let writer {
            check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
            // Freeing the writer flushes and closes the output buffer (and releases the file).
            xmlFreeTextWriter(writer)
            self.writer = nil
        }
        if let failure { throw ExportError.io(path: path, reason: failure) }
    }

    private func clean(_ text: String) -> String {
        let (stripped, removed) = XMLText.stripped(text)
        removedCharacters += removed
        return stripped
    }

    private func check(_ result: Int32, _ function: String) {
        if result < 0, failure == nil { failure = "libxml2 \(function) failed" }
    }
}
