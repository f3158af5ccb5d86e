// The figures that mention a gene, with their papers and the OCR words that matched.
// Parameter: $gene, a gene symbol (TP53) or node id (ncbigene:7157).
// cypher-shell: :param gene => 'TP53'
MATCH (f:Figure)-[m:MENTIONS]->(g:Gene)
WHERE g.symbol = $gene OR g.id = $gene
OPTIONAL MATCH (f)-[:PART_OF]->(p:Paper)
RETURN g.id AS gene, f.id AS figure, f.title AS figureTitle, p.id AS paper, p.title AS paperTitle,
       p.year AS year, m.words AS words
ORDER BY gene, figure;
