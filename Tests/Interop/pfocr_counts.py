"""An independent count of what a PFOCR corpus holds, computed straight from the files.

It shares no code with pfocr-kg: PyYAML's BaseLoader (every scalar a string, like the rules
of DATA.md) and the csv module. Tests compare pfocr-kg's counts and outputs with it.
"""
import csv
import glob
import os

import yaml

MISSING = {"", ".na.character"}
MISSING_ID = MISSING | {"NA"}


def _front_matter(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read().replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("---\n")
    return yaml.load(parts[1], Loader=yaml.BaseLoader)


def _tsv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        text = handle.read().replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return []
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:] if len(line.split("\t")) == len(header)]


def _strip(value, prefix):
    value = value.strip()
    if value.lower().startswith(prefix + ":"):
        return value[len(prefix) + 1:]
    return value


def record_paths(root):
    figures = os.path.join(root, "_figures")
    return sorted(glob.glob(os.path.join(figures, "*.md")))


def figure_entities(path):
    """(figid, pmcid, genes, chemicals, diseases) of one record: sets of node keys."""
    record = _front_matter(path)
    figid = record["figid"]
    data = os.path.join(os.path.dirname(os.path.dirname(path)), "_data")
    genes, chemicals, diseases = set(), set(), set()
    inline = any(key in record for key in ("genes", "chemicals", "diseases"))
    if inline:
        for row in record.get("genes") or []:
            if isinstance(row, dict) and row.get("entrez", "").strip() not in MISSING_ID:
                genes.add(row["entrez"].strip())
        for kind, target in (("chemicals", chemicals), ("diseases", diseases)):
            for row in record.get(kind) or []:
                if isinstance(row, dict) and row.get("identifier", "").strip() not in MISSING_ID:
                    target.add("mesh:" + row["identifier"].strip())
    else:
        for row in _tsv(os.path.join(data, f"{figid}-genes.tsv")) if os.path.exists(os.path.join(data, f"{figid}-genes.tsv")) else []:
            gene_id = row.get("ncbigene_id", "").strip()
            if gene_id not in MISSING_ID:
                genes.add(gene_id)
        for kind, other, target in (("chemicals", "chebi", chemicals), ("diseases", "doid", diseases)):
            path_tsv = os.path.join(data, f"{figid}-{kind}.tsv")
            if not os.path.exists(path_tsv):
                continue
            for row in _tsv(path_tsv):
                if "identifier" in row and "mesh" not in row:
                    if row["identifier"].strip() not in MISSING_ID:
                        target.add("mesh:" + row["identifier"].strip())
                    continue
                mesh = row.get("mesh", "NA").strip()
                alt = row.get(other, "NA").strip()
                if mesh not in MISSING_ID:
                    target.add("mesh:" + _strip(mesh, "mesh"))
                elif alt not in MISSING_ID:
                    target.add(other + ":" + _strip(alt, other))
    pmcid = record.get("pmcid", "")
    return figid, (pmcid if pmcid not in MISSING else None), genes, chemicals, diseases


def corpus_counts(root):
    """Counts what the output is compared with: figures, papers, distinct genes,
    (figure, gene) pairs, distinct chemicals and diseases."""
    figures, papers = set(), set()
    genes, chemicals, diseases = set(), set(), set()
    pairs = 0
    per_figure = {}
    for path in record_paths(root):
        figid, pmcid, g, c, d = figure_entities(path)
        figures.add(figid)
        if pmcid:
            papers.add(pmcid)
        genes |= g
        chemicals |= c
        diseases |= d
        pairs += len(g)
        per_figure[figid] = (g, c, d)
    return {
        "figures": len(figures),
        "papers": len(papers),
        "genes": len(genes),
        "figure_gene_pairs": pairs,
        "chemicals": len(chemicals),
        "diseases": len(diseases),
        "per_figure": per_figure,
    }


# Layout A gene rows carry no organism: PFOCR matched them against human lexicons (issue 11).
HUMAN_LEXICONS = {"hgnc_symbol", "hgnc_alias_symbol", "hgnc_prev_symbol", "bioentities_symbol"}


def figure_gene_taxa(path):
    """(figid, title, {taxon: set of gene ids}, {taxon: organism name or None}) of one record:
    a gene's taxon is that of its first row (input order) that has one: layout B's
    `organism_id`, layout A's lexicon (human for HGNC and FamPlex); genes with no taxon are
    under None."""
    record = _front_matter(path)
    figid = record["figid"]
    data = os.path.join(os.path.dirname(os.path.dirname(path)), "_data")
    rows = []  # (gene id, taxon or None, organism name or None)
    if any(key in record for key in ("genes", "chemicals", "diseases")):
        for row in record.get("genes") or []:
            if isinstance(row, dict) and row.get("entrez", "").strip() not in MISSING_ID:
                source = row.get("source", "").strip()
                rows.append((row["entrez"].strip(), "9606" if source in HUMAN_LEXICONS else None, None))
    else:
        tsv = os.path.join(data, f"{figid}-genes.tsv")
        for row in _tsv(tsv) if os.path.exists(tsv) else []:
            gene_id = row.get("ncbigene_id", "").strip()
            if gene_id in MISSING_ID:
                continue
            taxon = row.get("organism_id", "").strip()
            name = row.get("organism_name", "").strip()
            rows.append((gene_id, taxon if taxon.isdigit() else None, name if name not in MISSING_ID else None))
    taxon_of, names = {}, {}
    for gene_id, taxon, name in rows:
        if taxon is not None and taxon_of.get(gene_id) is None:
            taxon_of[gene_id] = taxon
            names.setdefault(taxon, name)
        else:
            taxon_of.setdefault(gene_id, None)
    sets = {}
    for gene_id, taxon in taxon_of.items():
        sets.setdefault(taxon, set()).add(gene_id)
    title = record.get("figtitle", "")
    return figid, (title if title not in MISSING else ""), sets, names


def figure_chemical_set(path):
    """The chemical ids of one record as the GMT writes them: `CHEBI:<n>` for a chemical with
    a ChEBI id (even when MeSH keys it), else `MESH:<id>`."""
    record = _front_matter(path)
    figid = record["figid"]
    data = os.path.join(os.path.dirname(os.path.dirname(path)), "_data")
    chebi_of_mesh, chebi, mesh = {}, set(), set()
    if any(key in record for key in ("genes", "chemicals", "diseases")):
        for row in record.get("chemicals") or []:
            if isinstance(row, dict) and row.get("identifier", "").strip() not in MISSING_ID:
                mesh.add(row["identifier"].strip())
    else:
        tsv = os.path.join(data, f"{figid}-chemicals.tsv")
        for row in _tsv(tsv) if os.path.exists(tsv) else []:
            if "identifier" in row and "mesh" not in row:
                if row["identifier"].strip() not in MISSING_ID:
                    mesh.add(row["identifier"].strip())
                continue
            m = row.get("mesh", "NA").strip()
            c = row.get("chebi", "NA").strip()
            if m not in MISSING_ID:
                mesh.add(_strip(m, "mesh"))
                if c not in MISSING_ID:
                    chebi_of_mesh.setdefault(_strip(m, "mesh"), _strip(c, "chebi"))
            elif c not in MISSING_ID:
                chebi.add(_strip(c, "chebi"))
    plain_mesh = set()
    for m in mesh:
        if m in chebi_of_mesh:
            chebi.add(chebi_of_mesh[m])
        else:
            plain_mesh.add(m)
    return ([f"CHEBI:{n}" for n in sorted(chebi, key=lambda n: (len(n), n))]
            + [f"MESH:{m}" for m in sorted(plain_mesh)])
