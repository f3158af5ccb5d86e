// The genes that the most figures mention, with their figure counts.
// Neo4j (cypher-shell) and Kuzu alike; no parameters.
MATCH (f:Figure)-[:MENTIONS]->(g:Gene)
RETURN g.id AS gene, g.symbol AS symbol, count(f) AS figures
ORDER BY figures DESC, gene
LIMIT 20;
