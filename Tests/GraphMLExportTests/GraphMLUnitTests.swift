import PFOCRGraph
import Testing

@testable import GraphMLExport

@Suite("GraphML pieces")
struct GraphMLUnitTests {
    @Test("Node ids are name tokens, readable when plain, one-to-one when encoded")
    func nodeIDs() {
        #expect(GraphMLNodeID.make(.gene, Identifier(.ncbigene, "2915")) == "ncbigene:2915")
        #expect(
            GraphMLNodeID.make(.figure, Identifier(.figure, "PMC3246694__nihms-340346-f0001.x_y"))
                == "figure:PMC3246694__nihms-340346-f0001.x_y")
        #expect(GraphMLNodeID.make(.figure, Identifier(.figure, "PMC1__fig 1")) == "figure:PMC1__fig:201")
        #expect(GraphMLNodeID.make(.figure, Identifier(.figure, "PMC1__fig:201")) == "figure:PMC1__fig:3A201")
        #expect(GraphMLNodeID.make(.figure, Identifier(.figure, "a/b#c")) == "figure:a:2Fb:23c")
        #expect(
            GraphMLNodeID.make(.figure, Identifier(.figure, "é"))
                == "figure:é".replacingOccurrences(of: "é", with: ":C3:A9"))
        #expect(
            GraphMLNodeID.make(.chemical, Identifier(.mesh, "D1"))
                != GraphMLNodeID.make(.chemical, Identifier(.chebi, "D1")))
        // One MeSH id as a Chemical node and as a Disease node: two ids.
        #expect(GraphMLNodeID.make(.chemical, Identifier(.mesh, "D1")) == "chemical.mesh:D1")
        #expect(GraphMLNodeID.make(.disease, Identifier(.mesh, "D1")) == "disease.mesh:D1")
    }

    @Test("Only the characters XML 1.0 forbids are removed; & < > and CR are escaped")
    func text() {
        #expect(content("plain \"q\" 'a' \t\n é \u{1F600}") == Rendered("plain \"q\" 'a' \t\n é \u{1F600}", 0))
        #expect(content("a\u{01}b\u{0B}c\u{0C}d\u{1F}e\u{FFFE}f\u{FFFF}g\u{00}") == Rendered("abcdefg", 7))
        #expect(content("<&>\r\n") == Rendered("&lt;&amp;&gt;&#13;\n", 0))
        #expect(
            content("\u{7F}\u{85}\u{FFFD}\u{1FFFE}\u{FFBE}\u{FFFC}")
                == Rendered("\u{7F}\u{85}\u{FFFD}\u{1FFFE}\u{FFBE}\u{FFFC}", 0))
        // A U+FFFF cut short at the end is not one: a Swift string cannot end in a partial one.
        #expect(content("\u{FFFF}\u{FFFF}x\u{FFFE}") == Rendered("x", 3))
        #expect(attribute("x\u{02}<y>\"\t\n\r") == Rendered("x&lt;y&gt;&quot;&#9;&#10;&#13;", 1))
        #expect(list(["a\u{01}", "\"b\"", "<\\>\t\r\n\u{FFFE}"]) == Rendered(#"["a","\"b\"","&lt;\\&gt;\t\r\n"]"#, 2))
        #expect(list([]) == Rendered("[]", 0))
    }

    @Test("Keys come from the vocabulary: one per name and type, typed, lists as JSON text")
    func keysFromBundledVocabulary() throws {
        let keys = GraphMLKeys(vocabulary: try Mapping.bundled().vocabulary)
        let byID = Dictionary(uniqueKeysWithValues: keys.keys.map { ($0.id, $0) })
        #expect(keys.keys.count == byID.count)
        #expect(Array(keys.keys.prefix(6).map(\.id)) == ["labels", "kind", "name", "curie", "iri", "label"])
        #expect(byID["label"]?.domain == .edge)
        #expect(byID["year"]?.type == .long)
        #expect(byID["pathwayScore"]?.type == .double)
        #expect(byID["evidenceCount"]?.type == .long)
        #expect(byID["evidenceCount"]?.domain == .edge)
        #expect(byID["words"]?.type == .string)
        #expect(byID["words"]?.isJSONList == true)
        #expect(byID["words"]?.description.contains("JSON array") == true)
        // Figure and Paper share `title`; Chemical and Disease share `meshID`.
        #expect(byID["title"]?.descriptions.count == 2)
        #expect(byID["meshID"]?.descriptions == ["Chemical: MeSH id", "Disease: MeSH id"])
        #expect(keys.nodeColumns[.paper]?.first { $0.property == "title" }?.key == "title")
        #expect(keys.edgeColumns[.mentions]?.map(\.key) == ["words", "matchedTerms", "sources", "evidenceCount"])
    }

    @Test("A name used with two types, or a reserved name, gets a key of its own")
    func keyConflicts() throws {
        var vocabulary = try Mapping.bundled().vocabulary
        let template = vocabulary.node(.paper).properties[0]
        var yearText = template
        yearText.name = "year"
        yearText.type = .string
        var name = template
        name.name = "name"
        var edgeTitle = template
        edgeTitle.name = "title"
        var odd = template
        odd.name = "odd name/#"
        odd.type = .boolean
        vocabulary.nodes[.gene]?.properties += [yearText, name, odd]
        vocabulary.edges[.mentions]?.properties.append(edgeTitle)
        let keys = GraphMLKeys(vocabulary: vocabulary)
        let byID = Dictionary(uniqueKeysWithValues: keys.keys.map { ($0.id, $0) })
        #expect(byID["year"]?.type == .long)
        #expect(byID["year_string"]?.type == .string)
        #expect(byID["name_string"] != nil)
        #expect(byID["title"]?.domain == .all)
        #expect(byID["odd_name__"]?.type == .boolean)
        #expect(keys.nodeColumns[.gene]?.map(\.key).suffix(3) == ["year_string", "name_string", "odd_name__"])
    }

    @Test("Values go to keys of their type; a value of another type is left out")
    func values() {
        let long = GraphMLColumn(property: "p", key: "p", type: .long, isJSONList: false)
        let double = GraphMLColumn(property: "p", key: "p", type: .double, isJSONList: false)
        let list = GraphMLColumn(property: "p", key: "p", type: .string, isJSONList: true)
        let string = GraphMLColumn(property: "p", key: "p", type: .string, isJSONList: false)
        #expect(value(.integer(3_000_000_000), long) == Rendered("3000000000", 0))
        #expect(value(.string("x"), long) == nil)
        #expect(value(.double(2), double) == Rendered("2.0", 0))
        #expect(value(.integer(2), double) == Rendered("2.0", 0))
        #expect(value(.double(.nan), double) == nil)
        #expect(value(.stringList(["a\u{01}", "\"b\""]), list) == Rendered(#"["a","\"b\""]"#, 1))
        // A single value in a list key: JSON escapes its control character, nothing is removed.
        #expect(value(.string("a\u{01}&"), list) == Rendered(#"["a\u0001&amp;"]"#, 0))
        #expect(value(.iri("http://x/?a&b"), string) == Rendered("http://x/?a&amp;b", 0))
        #expect(value(.boolean(true), string) == Rendered("true", 0))
    }

    /// Rendered text and the characters removed from it.
    struct Rendered: Equatable {
        var text: String
        var removed: Int

        init(_ text: String, _ removed: Int) {
            self.text = text
            self.removed = removed
        }
    }

    private func content(_ text: String) -> Rendered {
        var out: [UInt8] = []
        let removed = XMLText.appendContent(text, to: &out)
        return Rendered(String(decoding: out, as: UTF8.self), removed)
    }

    private func attribute(_ text: String) -> Rendered {
        var out: [UInt8] = []
        let removed = XMLText.appendAttribute(text, to: &out)
        return Rendered(String(decoding: out, as: UTF8.self), removed)
    }

    private func list(_ items: [String]) -> Rendered {
        var out: [UInt8] = []
        let removed = XMLText.appendJSONArray(items, to: &out)
        return Rendered(String(decoding: out, as: UTF8.self), removed)
    }

    /// The text `value` gets in `column`'s key and the characters removed; nil when left out.
    private func value(_ value: PropertyValue, _ column: GraphMLColumn) -> Rendered? {
        guard GraphMLRenderer.fits(value, column.type) else { return nil }
        var out: [UInt8] = []
        let removed = GraphMLRenderer.appendText(of: value, as: column.type, isJSONList: column.isJSONList, to: &out)
        return Rendered(String(decoding: out, as: UTF8.self), removed)
    }
}
