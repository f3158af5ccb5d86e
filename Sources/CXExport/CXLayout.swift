import PFOCRGraph

/// A deterministic grid layout grouped by node type, so a network opens readable in NDEx
/// and Cytoscape without running a layout: one block per kind (figures, genes, chemicals,
/// diseases, in the kinds' order), stacked top to bottom, each a grid about twice as wide
/// as tall, nodes in network order. Whole-number coordinates only, so the output is the
/// same on every platform.
enum CXLayout {
    /// Horizontal distance between node centres (the style's nodes are 80 wide).
    static let columnSpacing = 100.0
    /// Vertical distance between node centres (the style's nodes are 30 high).
    static let rowSpacing = 50.0
    /// Extra space between two kinds' blocks.
    static let blockGap = 50.0

    /// Sets `x` and `y` of every node. The per-kind counts are SIMD values on the stack (a
    /// lane per ``NodeKind/order``; there are fewer kinds than lanes), so laying out a
    /// figure's network allocates nothing.
    static func arrange(_ nodes: inout [CXNode]) {
        var counts = SIMD8<Int>.zero
        for node in nodes { counts[node.kind.order] += 1 }
        var columns = SIMD8<Int>(repeating: 1)
        var top = SIMD8<Double>.zero
        var y = 0.0
        for kind in 0..<NodeKind.allCases.count where counts[kind] > 0 {
            let count = counts[kind]
            let width = columnCount(count)
            columns[kind] = width
            top[kind] = y
            let rows = (count + width - 1) / width
            y += Double(rows) * rowSpacing + blockGap
        }
        var placed = SIMD8<Int>.zero
        for index in nodes.indices {
            let kind = nodes[index].kind.order
            let position = placed[kind]
            placed[kind] += 1
            nodes[index].x = Double(position % columns[kind]) * columnSpacing
            nodes[index].y = top[kind] + Double(position / columns[kind]) * rowSpacing
        }
    }

    /// Columns for `count` nodes: the smallest c with c * c >= 2 * count (integer
    /// arithmetic, no floating-point rounding).
    static func columnCount(_ count: Int) -> Int {
        var columns = 1
        while columns * columns < 2 * count { columns += 1 }
        return columns
    }
}
