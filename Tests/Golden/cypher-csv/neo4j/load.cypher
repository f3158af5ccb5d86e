// Loads the PFOCR graph in this folder into a running Neo4j server (5.23 or later)
// with LOAD CSV. Written by pfocr-kg test.
//
// 1. Copy the nodes-*.csv and rels-*.csv files into the server's import folder
//    (server.directories.import; the files are read as file:///<name>).
// 2. cypher-shell -u neo4j -p <password> -f load.cypher
//    (Neo4j Browser: run each statement on its own, prefixed with :auto).
//
// LOAD CSV reads every value as text and names columns by their full header
// (row.`year:long`): the statements convert types themselves (toInteger, toFloat,
// toBoolean, split on the array delimiter U+001F). MERGE makes a second run
// harmless. A value with a backslash before a quote needs the server setting
// dbms.import.csv.legacy_quote_escaping=false (report.json counts them as
// backslashQuoteFields). Servers older than 5.23: write CALL { WITH row ... }.

// Constraints first: they make every MERGE and MATCH on id an index lookup.
CREATE CONSTRAINT figure_id IF NOT EXISTS FOR (n:Figure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gene_id IF NOT EXISTS FOR (n:Gene) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT chemical_id IF NOT EXISTS FOR (n:Chemical) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT disease_id IF NOT EXISTS FOR (n:Disease) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organism_id IF NOT EXISTS FOR (n:Organism) REQUIRE n.id IS UNIQUE;

// Figure nodes
LOAD CSV WITH HEADERS FROM 'file:///nodes-Figure.csv' AS row
CALL (row) {
  MERGE (n:Figure {id: row.`id:ID(Figure)`})
  SET n.name = row.name,
      n.figid = row.figid,
      n.title = row.title,
      n.caption = row.caption,
      n.number = row.number,
      n.figureType = row.figureType,
      n.filename = row.filename,
      n.imageURL = row.imageURL,
      n.figureLink = row.figureLink,
      n.pathwayScore = toFloat(row.`pathwayScore:double`),
      n.pmcRankedResultIndex = toInteger(row.`pmcRankedResultIndex:long`),
      n.organisms = CASE WHEN row.`organisms:string[]` = '' THEN null ELSE split(row.`organisms:string[]`, '\u001F') END,
      n.unmappedOrganisms = CASE WHEN row.`unmappedOrganisms:string[]` = '' THEN null ELSE split(row.`unmappedOrganisms:string[]`, '\u001F') END,
      n.organismsNER = CASE WHEN row.`organismsNER:string[]` = '' THEN null ELSE split(row.`organismsNER:string[]`, '\u001F') END,
      n.ndexUUID = row.ndexUUID,
      n.wikiPathwaysID = row.wikiPathwaysID,
      n.wikiPathways = row.wikiPathways,
      n.figidAliases = CASE WHEN row.`figidAliases:string[]` = '' THEN null ELSE split(row.`figidAliases:string[]`, '\u001F') END,
      n.redirectFrom = CASE WHEN row.`redirectFrom:string[]` = '' THEN null ELSE split(row.`redirectFrom:string[]`, '\u001F') END,
      n.unidentifiedGenes = CASE WHEN row.`unidentifiedGenes:string[]` = '' THEN null ELSE split(row.`unidentifiedGenes:string[]`, '\u001F') END,
      n.unidentifiedChemicals = CASE WHEN row.`unidentifiedChemicals:string[]` = '' THEN null ELSE split(row.`unidentifiedChemicals:string[]`, '\u001F') END,
      n.unidentifiedDiseases = CASE WHEN row.`unidentifiedDiseases:string[]` = '' THEN null ELSE split(row.`unidentifiedDiseases:string[]`, '\u001F') END,
      n.recordLayout = row.recordLayout
} IN TRANSACTIONS OF 10000 ROWS;

// Paper nodes
LOAD CSV WITH HEADERS FROM 'file:///nodes-Paper.csv' AS row
CALL (row) {
  MERGE (n:Paper {id: row.`id:ID(Paper)`})
  SET n.name = row.name,
      n.pmcid = row.pmcid,
      n.title = row.title,
      n.reference = row.reference,
      n.year = toInteger(row.`year:long`),
      n.doi = row.doi,
      n.doiLink = row.doiLink,
      n.journalTitle = row.journalTitle,
      n.journalAbbreviation = row.journalAbbreviation,
      n.publisher = row.publisher,
      n.keywords = CASE WHEN row.`keywords:string[]` = '' THEN null ELSE split(row.`keywords:string[]`, '\u001F') END
} IN TRANSACTIONS OF 10000 ROWS;

// Gene nodes
LOAD CSV WITH HEADERS FROM 'file:///nodes-Gene.csv' AS row
CALL (row) {
  MERGE (n:Gene {id: row.`id:ID(Gene)`})
  SET n.name = row.name,
      n.ncbiGeneID = row.ncbiGeneID,
      n.symbol = row.symbol
} IN TRANSACTIONS OF 10000 ROWS;

// Chemical nodes
LOAD CSV WITH HEADERS FROM 'file:///nodes-Chemical.csv' AS row
CALL (row) {
  MERGE (n:Chemical {id: row.`id:ID(Chemical)`})
  SET n.name = row.name,
      n.meshID = row.meshID,
      n.chebiID = row.chebiID
} IN TRANSACTIONS OF 10000 ROWS;

// Disease nodes
LOAD CSV WITH HEADERS FROM 'file:///nodes-Disease.csv' AS row
CALL (row) {
  MERGE (n:Disease {id: row.`id:ID(Disease)`})
  SET n.name = row.name,
      n.meshID = row.meshID,
      n.doid = row.doid
} IN TRANSACTIONS OF 10000 ROWS;

// Organism nodes
LOAD CSV WITH HEADERS FROM 'file:///nodes-Organism.csv' AS row
CALL (row) {
  MERGE (n:Organism {id: row.`id:ID(Organism)`})
  SET n.name = row.name,
      n.taxonID = row.taxonID
} IN TRANSACTIONS OF 10000 ROWS;

// PART_OF relationships from Figure to Paper
LOAD CSV WITH HEADERS FROM 'file:///rels-PART_OF-Paper.csv' AS row
CALL (row) {
  MATCH (a:Figure {id: row.`:START_ID(Figure)`})
  MATCH (b:Paper {id: row.`:END_ID(Paper)`})
  MERGE (a)-[r:PART_OF]->(b)
} IN TRANSACTIONS OF 10000 ROWS;

// MENTIONS relationships from Figure to Gene
LOAD CSV WITH HEADERS FROM 'file:///rels-MENTIONS-Gene.csv' AS row
CALL (row) {
  MATCH (a:Figure {id: row.`:START_ID(Figure)`})
  MATCH (b:Gene {id: row.`:END_ID(Gene)`})
  MERGE (a)-[r:MENTIONS]->(b)
  SET r.words = CASE WHEN row.`words:string[]` = '' THEN null ELSE split(row.`words:string[]`, '\u001F') END,
      r.matchedTerms = CASE WHEN row.`matchedTerms:string[]` = '' THEN null ELSE split(row.`matchedTerms:string[]`, '\u001F') END,
      r.sources = CASE WHEN row.`sources:string[]` = '' THEN null ELSE split(row.`sources:string[]`, '\u001F') END,
      r.evidenceCount = toInteger(row.`evidenceCount:long`)
} IN TRANSACTIONS OF 10000 ROWS;

// MENTIONS relationships from Figure to Chemical
LOAD CSV WITH HEADERS FROM 'file:///rels-MENTIONS-Chemical.csv' AS row
CALL (row) {
  MATCH (a:Figure {id: row.`:START_ID(Figure)`})
  MATCH (b:Chemical {id: row.`:END_ID(Chemical)`})
  MERGE (a)-[r:MENTIONS]->(b)
  SET r.words = CASE WHEN row.`words:string[]` = '' THEN null ELSE split(row.`words:string[]`, '\u001F') END,
      r.matchedTerms = CASE WHEN row.`matchedTerms:string[]` = '' THEN null ELSE split(row.`matchedTerms:string[]`, '\u001F') END,
      r.sources = CASE WHEN row.`sources:string[]` = '' THEN null ELSE split(row.`sources:string[]`, '\u001F') END,
      r.evidenceCount = toInteger(row.`evidenceCount:long`)
} IN TRANSACTIONS OF 10000 ROWS;

// MENTIONS relationships from Figure to Disease
LOAD CSV WITH HEADERS FROM 'file:///rels-MENTIONS-Disease.csv' AS row
CALL (row) {
  MATCH (a:Figure {id: row.`:START_ID(Figure)`})
  MATCH (b:Disease {id: row.`:END_ID(Disease)`})
  MERGE (a)-[r:MENTIONS]->(b)
  SET r.words = CASE WHEN row.`words:string[]` = '' THEN null ELSE split(row.`words:string[]`, '\u001F') END,
      r.matchedTerms = CASE WHEN row.`matchedTerms:string[]` = '' THEN null ELSE split(row.`matchedTerms:string[]`, '\u001F') END,
      r.sources = CASE WHEN row.`sources:string[]` = '' THEN null ELSE split(row.`sources:string[]`, '\u001F') END,
      r.evidenceCount = toInteger(row.`evidenceCount:long`)
} IN TRANSACTIONS OF 10000 ROWS;

// ABOUT relationships from Figure to Organism
LOAD CSV WITH HEADERS FROM 'file:///rels-ABOUT-Organism.csv' AS row
CALL (row) {
  MATCH (a:Figure {id: row.`:START_ID(Figure)`})
  MATCH (b:Organism {id: row.`:END_ID(Organism)`})
  MERGE (a)-[r:ABOUT]->(b)
} IN TRANSACTIONS OF 10000 ROWS;

// IN_TAXON relationships from Gene to Organism
LOAD CSV WITH HEADERS FROM 'file:///rels-IN_TAXON-Organism.csv' AS row
CALL (row) {
  MATCH (a:Gene {id: row.`:START_ID(Gene)`})
  MATCH (b:Organism {id: row.`:END_ID(Organism)`})
  MERGE (a)-[r:IN_TAXON]->(b)
} IN TRANSACTIONS OF 10000 ROWS;
