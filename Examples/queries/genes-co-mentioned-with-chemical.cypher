// The genes that appear in the same figures as a chemical, by number of shared figures.
// Parameter: $chemical, a chemical name (Glucose) or node id (mesh:D005947, chebi:17234).
// cypher-shell: :param chemical => 'mesh:D005947'
MATCH (c:Chemical)<-[:MENTIONS]-(f:Figure)-[:MENTIONS]->(g:Gene)
WHERE c.id = $chemical OR c.name = $chemical
RETURN g.id AS gene, g.symbol AS symbol, count(DISTINCT f) AS figures
ORDER BY figures DESC, gene
LIMIT 25;
