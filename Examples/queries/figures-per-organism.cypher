// How many figures are curated as being about each organism (the records' `organisms`).
// Neo4j (cypher-shell) and Kuzu alike; no parameters.
MATCH (f:Figure)-[:ABOUT]->(o:Organism)
RETURN o.id AS organism, o.name AS name, count(f) AS figures
ORDER BY figures DESC, organism;
