#!/usr/bin/env bash
# Bulk-imports the PFOCR graph in this folder into a new Neo4j database with
# `neo4j-admin database import full` (Neo4j 5 or later). Written by pfocr-kg test.
#
# Usage:  NEO4J_HOME=/path/to/neo4j bash import.sh [database] [more neo4j-admin options]
#   database defaults to "neo4j"; stop it first. Add --overwrite-destination=true to
#   replace an existing database. Without NEO4J_HOME, neo4j-admin is taken from PATH.
#   Afterwards, run the CREATE CONSTRAINT lines of load.cypher (uniqueness of `id`).
#
# How the files are written, and the flags that say so:
#   --delimiter=','             fields are separated by commas
#   --quote='"'                 every text field is in double quotes; a quote inside
#   --legacy-style-quoting=false  is doubled (""), a backslash is an ordinary character
#   --multiline-fields=false    no field holds a line break (pfocr-kg wrote each one as
#                               a space and counts them in report.json)
#   --array-delimiter='U+001F'  list elements (string[] columns) are separated by
#                               U+001F, the ASCII unit separator; pfocr-kg replaced it
#                               by a space in any element that held it (counted in
#                               report.json: cleanedArrayElements)
#   --id-type=string            ids are strings: the figid for figures, CURIEs such as
#                               ncbigene:2915 or mesh:D000255 for the rest, one ID
#                               space per label (id:ID(Gene), :END_ID(Gene))
# Each node is written once and every relationship's ends exist, so duplicate nodes
# and bad relationships are errors here, not skipped.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
admin="${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin"
database="${1:-neo4j}"
if [ "$#" -gt 0 ]; then shift; fi
exec "$admin" database import full "$database" \
  --delimiter=',' \
  --array-delimiter='U+001F' \
  --quote='"' \
  --legacy-style-quoting=false \
  --multiline-fields=false \
  --id-type=string \
  --input-encoding=UTF-8 \
  --trim-strings=false \
  --ignore-empty-strings=false \
  --skip-duplicate-nodes=false \
  --skip-bad-relationships=false \
  --nodes="$here/nodes-Figure.csv" \
  --nodes="$here/nodes-Paper.csv" \
  --nodes="$here/nodes-Gene.csv" \
  --nodes="$here/nodes-Chemical.csv" \
  --nodes="$here/nodes-Disease.csv" \
  --nodes="$here/nodes-Organism.csv" \
  --relationships="$here/rels-PART_OF-Paper.csv" \
  --relationships="$here/rels-MENTIONS-Gene.csv" \
  --relationships="$here/rels-MENTIONS-Chemical.csv" \
  --relationships="$here/rels-MENTIONS-Disease.csv" \
  --relationships="$here/rels-ABOUT-Organism.csv" \
  --relationships="$here/rels-IN_TAXON-Organism.csv" \
  "$@"
